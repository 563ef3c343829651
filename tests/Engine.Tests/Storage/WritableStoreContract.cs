using System.Text;

namespace ZarrPS.Engine.Tests.Storage;

/// <summary>What every writable store must do; each store's test class runs these against its own store.</summary>
public abstract class WritableStoreContract : IDisposable
{
    protected abstract IWritableStore Store { get; }

    public virtual void Dispose() => GC.SuppressFinalize(this);

    protected static byte[] Bytes(int count, int seed = 0)
    {
        var b = new byte[count];
        for (int i = 0; i < count; i++) b[i] = (byte)(i * 7 + seed);
        return b;
    }

    protected byte[]? Read(string key, ByteRange? range = null)
    {
        using var b = Store.Get(key, range);
        return b?.Span.ToArray();
    }

    [Fact]
    public void SetThenGetReturnsTheSameBytes()
    {
        var value = Bytes(100_000);
        Store.Set("a/b/c", value);
        Assert.Equal(value, Read("a/b/c"));
        Assert.True(Store.Exists("a/b/c"));
    }

    [Fact]
    public void SetReplacesAnOldValue()
    {
        Store.Set("k", Bytes(5000, 1));
        Store.Set("k", Bytes(10, 2));
        Assert.Equal(Bytes(10, 2), Read("k"));
    }

    [Fact]
    public void EmptyValuesRoundTrip()
    {
        Store.Set(".zattrs", []);
        var got = Read(".zattrs");
        Assert.NotNull(got);
        Assert.Empty(got);
        Assert.True(Store.Exists(".zattrs"));
    }

    [Fact]
    public void MissingKeysAreNull()
    {
        Store.Set("present/x", Bytes(3));
        Assert.Null(Store.Get("absent"));
        Assert.Null(Store.Get("present/y"));
        Assert.Null(Store.Get("absent/deeper/still"));
        Assert.Null(Store.Get("absent", new ByteRange(0, 10)));
        Assert.False(Store.Exists("absent"));
        Assert.False(Store.Delete("absent"));
    }

    [Fact]
    public void AKeyThatIsOnlyAPrefixIsMissing()
    {
        Store.Set("group/array/0.0", Bytes(3));
        Assert.Null(Store.Get("group/array"));
        Assert.False(Store.Exists("group/array"));
        Assert.False(Store.Delete("group/array"));
        Assert.True(Store.Exists("group/array/0.0"));
    }

    [Theory]
    [InlineData(10L, 5L, 10, 5)]
    [InlineData(0L, 100L, 0, 100)]
    [InlineData(95L, 10L, 95, 5)]      // clamped at the end
    [InlineData(100L, 5L, 100, 0)]     // starts at the end
    [InlineData(250L, 5L, 100, 0)]     // starts past the end
    [InlineData(40L, 0L, 40, 0)]       // empty
    [InlineData(-10L, 10L, 90, 10)]    // suffix
    [InlineData(-1000L, 1000L, 0, 100)] // suffix longer than the value
    public void RangesReadThePartAsked(long offset, long length, int expectStart, int expectCount)
    {
        var value = Bytes(100);
        Store.Set("r/v", value);
        var got = Read("r/v", new ByteRange(offset, length));
        Assert.Equal(value.AsSpan(expectStart, expectCount).ToArray(), got);
    }

    [Fact]
    public void ASuffixHelperRangeReadsTheTail()
    {
        var value = Bytes(70_000);
        Store.Set("shard", value);
        Assert.Equal(value[^16..], Read("shard", ByteRange.Suffix(16)));
    }

    [Fact]
    public void ANegativeLengthIsRefusedNamingTheKey()
    {
        Store.Set("r", Bytes(10));
        var e = Assert.Throws<ZarrPSException>(() => Store.Get("r", new ByteRange(2, -3)));
        Assert.Equal("InvalidByteRange", e.ErrorId);
        Assert.Contains("'r'", e.Message);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\b")]
    [InlineData("..\\x")]
    [InlineData("a//b")]
    [InlineData("./a")]
    [InlineData("a/")]
    [InlineData("C:/x")]
    [InlineData("a\0b")]
    public void InvalidKeysAreRefusedNamingTheKey(string key)
    {
        void Check(Action act)
        {
            var e = Assert.Throws<ZarrPSException>(act);
            Assert.Equal("InvalidStoreKey", e.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
            Assert.Contains($"'{key}'", e.Message);
        }
        Check(() => Store.Set(key, Bytes(4)));
        Check(() => Store.Get(key));
        Check(() => Store.Get(key, new ByteRange(0, 1)));
        Check(() => Store.Exists(key));
        Check(() => Store.Delete(key));
        Assert.Empty(Store.List());
    }

    [Fact]
    public void AnEmptyKeyIsRefused()
    {
        var e = Assert.Throws<ZarrPSException>(() => Store.Set("", Bytes(1)));
        Assert.Contains("''", e.Message);
        Assert.Throws<ZarrPSException>(() => Store.Get(""));
    }

    [Fact]
    public void PrefixesMustEndWithASlash()
    {
        var e = Assert.Throws<ZarrPSException>(() => Store.List("a"));
        Assert.Contains("'a'", e.Message);
        Assert.Throws<ZarrPSException>(() => Store.ListDir("../"));
        Assert.Throws<ZarrPSException>(() => Store.DeletePrefix("../"));
    }

    private void SetSample()
    {
        foreach (var key in new[] { "a/b/c", "a/b/d", "a/e", "f", ".zattrs", "a.b", "a/b/c2/z", "B" })
            Store.Set(key, Encoding.UTF8.GetBytes(key));
    }

    [Fact]
    public void ListIsRecursiveAndInOrdinalOrder()
    {
        SetSample();
        Assert.Equal([".zattrs", "B", "a.b", "a/b/c", "a/b/c2/z", "a/b/d", "a/e", "f"], Store.List());
        Assert.Equal(["a/b/c", "a/b/c2/z", "a/b/d", "a/e"], Store.List("a/"));
        Assert.Equal(["a/b/c2/z"], Store.List("a/b/c2/"));
        Assert.Empty(Store.List("nothing/"));
        Assert.Empty(Store.List("f/")); // a value is not a prefix
    }

    [Fact]
    public void ListDirGivesImmediateKeysAndPrefixes()
    {
        SetSample();
        var top = Store.ListDir();
        Assert.Equal([".zattrs", "B", "a.b", "f"], top.Keys);
        Assert.Equal(["a/"], top.Prefixes);

        var a = Store.ListDir("a/");
        Assert.Equal(["a/e"], a.Keys);
        Assert.Equal(["a/b/"], a.Prefixes);

        var ab = Store.ListDir("a/b/");
        Assert.Equal(["a/b/c", "a/b/d"], ab.Keys);
        Assert.Equal(["a/b/c2/"], ab.Prefixes);

        var none = Store.ListDir("zzz/");
        Assert.Empty(none.Keys);
        Assert.Empty(none.Prefixes);
    }

    [Fact]
    public void DeleteRemovesOneValue()
    {
        SetSample();
        Assert.True(Store.Delete("a/e"));
        Assert.False(Store.Delete("a/e"));
        Assert.Null(Store.Get("a/e"));
        Assert.Equal(["a/b/c", "a/b/c2/z", "a/b/d"], Store.List("a/"));
    }

    [Fact]
    public void DeletingTheLastKeyUnderAPrefixRemovesThePrefix()
    {
        SetSample();
        Assert.True(Store.Delete("a/b/c2/z"));
        Assert.Equal(["a/b/c", "a/b/d"], Store.ListDir("a/b/").Keys);
        Assert.Empty(Store.ListDir("a/b/").Prefixes);
    }

    [Fact]
    public void DeletePrefixRemovesEverythingUnderIt()
    {
        SetSample();
        Store.DeletePrefix("a/b/");
        Assert.Equal(["a/e"], Store.List("a/"));
        Assert.Empty(Store.ListDir("a/").Prefixes);
        Assert.True(Store.Exists("a.b")); // shares the text "a" but not the prefix "a/"
        Store.DeletePrefix("a/");
        Assert.Equal([".zattrs", "B", "a.b", "f"], Store.List());
        Assert.Empty(Store.ListDir().Prefixes);
        Store.DeletePrefix("never/was/");
        Store.DeletePrefix("");
        Assert.Empty(Store.List());
    }

    [Fact]
    public void ManyThreadsReadAndWriteDistinctKeys()
    {
        const int threads = 8, perThread = 40;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (int i = 0; i < perThread; i++)
            {
                string key = $"c/{t}/{i}";
                var value = Bytes(1000 + i, t);
                Store.Set(key, value);
                using var got = Store.Get(key);
                if (got is null || !got.Span.SequenceEqual(value)) errors.Enqueue(key);
            }
        });
        Assert.Empty(errors);
        Assert.Equal(threads * perThread, Store.List("c/").Count());
    }

    [Fact]
    public async Task ReadersNeverSeeAPartialValue()
    {
        // A writer replaces one large value, alternating two contents; readers must always see one of them whole.
        const int size = 2 * 1024 * 1024;
        var versions = new[] { Bytes(size, 1), Bytes(size, 2) };
        Store.Set("big", versions[0]);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(1500));
        int reads = 0, writes = 0, bad = 0;

        var writer = Task.Run(() =>
        {
            for (int i = 0; i < 200 && !stop.IsCancellationRequested; i++)
            {
                Store.Set("big", versions[i & 1]);
                Interlocked.Increment(ref writes);
            }
            stop.Cancel();
        }, TestContext.Current.CancellationToken);
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 2000 && !stop.IsCancellationRequested; i++)
            {
                using var got = Store.Get("big");
                Interlocked.Increment(ref reads);
                if (got is null || !(got.Span.SequenceEqual(versions[0]) || got.Span.SequenceEqual(versions[1])))
                    Interlocked.Increment(ref bad);
            }
        }, TestContext.Current.CancellationToken)).ToArray();
        await Task.WhenAll([writer, .. readers]);

        Assert.Equal(0, bad);
        Assert.True(reads > 0 && writes > 0, $"reads {reads}, writes {writes}");
        Assert.Equal(["big"], Store.List());
    }

    [Fact]
    public void ValuesAreCopiedNotShared()
    {
        var value = Bytes(10);
        Store.Set("v", value);
        value[0] ^= 0xFF;
        using (var got = Store.Get("v")!)
        {
            Assert.Equal(Bytes(10), got.Span.ToArray());
            got.Span[1] ^= 0xFF;
        }
        Assert.Equal(Bytes(10), Read("v"));
    }
}
