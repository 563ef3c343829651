using System.Buffers.Binary;
using System.Text.Json;
using ZarrPS.Engine.Formats.NetCdf3;
using static ZarrPS.Engine.Tests.NetCdf3.NetCdf3TestSupport;

namespace ZarrPS.Engine.Tests.NetCdf3;

/// <summary>Files netCDF4-python writes (CDF-1, CDF-2, CDF-5), read by us and compared value by value with what netCDF4 reads.</summary>
public class NetCdf3PythonPeerTests(GeneratedNetCdf3Files files) : IClassFixture<GeneratedNetCdf3Files>
{
    public static TheoryData<string> Files => [.. GeneratedNetCdf3Files.Names];

    [Fact]
    public void TheScriptWroteEveryFileTheTestsName()
    {
        files.SkipIfMissing();
        Assert.Equal(GeneratedNetCdf3Files.Names.Order(), files.Manifest.EnumerateObject().Select(p => p.Name).Order());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void HeaderMatchesNetCdf4Python(string name)
    {
        files.SkipIfMissing();
        var e = files.Manifest.GetProperty(name);
        using var nc = new NetCdf3File(files.PathOf(name));
        Assert.Equal(e.GetProperty("format").GetString(), nc.FormatName);

        var dims = e.GetProperty("dims").EnumerateArray().ToArray();
        Assert.Equal(dims.Length, nc.Dimensions.Count);
        for (int i = 0; i < dims.Length; i++)
        {
            Assert.Equal(dims[i][0].GetString(), nc.Dimensions[i].Name);
            Assert.Equal(dims[i][1].GetInt64(), nc.Dimensions[i].Length);
            Assert.Equal(dims[i][2].GetBoolean(), nc.Dimensions[i].IsUnlimited);
        }
        AssertAttributes(e.GetProperty("attrs"), nc.Attributes, $"{name} globals");

        var vars = e.GetProperty("vars").EnumerateArray().ToArray();
        Assert.Equal(vars.Select(v => v.GetProperty("name").GetString()), nc.Variables.Select(v => v.Name));
        foreach (var ev in vars)
        {
            var v = nc.GetVariable(ev.GetProperty("name").GetString()!);
            string context = $"{name}:{v.Name}";
            Assert.Equal(ev.GetProperty("dtype").GetString(), v.DType.TypeString);
            Assert.Equal(ev.GetProperty("dims").EnumerateArray().Select(d => d.GetString()!), v.DimensionNames!);
            Assert.Equal(ev.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()), v.Shape);
            Assert.Equal(v.Shape.Length, v.ChunkShape.Length);
            Assert.All(v.ChunkShape, c => Assert.True(c >= 1));
            var attrs = ev.GetProperty("attrs");
            AssertAttributes(attrs, v.Attributes, context);
            if (attrs.TryGetProperty("_FillValue", out var fill))
                Assert.Equal(ElementBytes(fill.GetProperty("t").GetString()!, fill.GetProperty("v")[0]), v.FillValue);
            else
                Assert.Null(v.FillValue);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryValueMatchesNetCdf4Python(string name)
    {
        files.SkipIfMissing();
        using var nc = new NetCdf3File(files.PathOf(name));
        int compared = 0;
        foreach (var ev in files.Manifest.GetProperty(name).GetProperty("vars").EnumerateArray())
        {
            var v = nc.GetVariable(ev.GetProperty("name").GetString()!);
            byte[] expected = files.DataOf(ev);
            byte[] actual = ReadAll(v);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name}:{v.Name} differs from netCDF4-python");
            compared++;
        }
        Assert.True(compared > 0);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void RegionsAtOddOffsetsMatchSlicesOfTheWholeVariable(string name)
    {
        files.SkipIfMissing();
        using var nc = new NetCdf3File(files.PathOf(name));
        var rng = new Random(name.Length * 7919 + name[^4]);
        int regions = 0;
        foreach (var ev in files.Manifest.GetProperty(name).GetProperty("vars").EnumerateArray())
        {
            var v = nc.GetVariable(ev.GetProperty("name").GetString()!);
            long[] shape = v.Shape;
            int rank = shape.Length, item = v.DType.ItemSize;
            if (rank == 0 || shape.Any(s => s == 0)) continue;
            byte[] all = files.DataOf(ev);
            var boxes = new List<(long[] Start, long[] Count)>
            {
                (new long[rank], (long[])shape.Clone()),
                (new long[rank], Enumerable.Repeat(1L, rank).ToArray()),
                (shape.Select(s => s - 1).ToArray(), Enumerable.Repeat(1L, rank).ToArray()),
                // A column through the leading axis at odd positions elsewhere.
                (shape.Select((s, a) => a == 0 ? 0 : Math.Min(s - 1, s / 2 | 1)).ToArray(),
                 shape.Select((s, a) => a == 0 ? s : 1).ToArray()),
            };
            for (int k = 0; k < 24; k++)
            {
                var start = new long[rank];
                var count = new long[rank];
                for (int a = 0; a < rank; a++)
                {
                    start[a] = rng.NextInt64(0, shape[a]);
                    count[a] = rng.NextInt64(1, shape[a] - start[a] + 1);
                }
                // Sometimes cover the trailing axes fully, so runs merge across axes.
                if (k % 3 == 0)
                    for (int a = rank / 2 + 1; a < rank; a++) { start[a] = 0; count[a] = shape[a]; }
                boxes.Add((start, count));
            }
            foreach (var (start, count) in boxes)
            {
                var dest = new byte[count.Aggregate(1L, (p, c) => p * c) * item];
                v.ReadRegion(start, count, dest);
                Assert.True(Slice(all, shape, item, start, count).AsSpan().SequenceEqual(dest),
                    $"{name}:{v.Name} region start [{string.Join(",", start)}] count [{string.Join(",", count)}]");
                regions++;
            }
            // An empty region reads nothing and does not fail.
            var none = (long[])shape.Clone();
            none[rank - 1] = 0;
            v.ReadRegion(new long[rank], none, Span<byte>.Empty);
        }
        Assert.True(regions > 0 || name.Contains("zero", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cdf1_single_i1_3.nc", 3)]
    [InlineData("cdf1_single_i2_3.nc", 6)]
    [InlineData("cdf2_single_S1_5.nc", 5)]
    [InlineData("cdf5_single_u2_3.nc", 6)]
    [InlineData("cdf5_single_u1_1.nc", 1)]
    [InlineData("cdf1_single_f8_2.nc", 16)]
    public void OneRecordVariableHasUnpaddedRecords(string name, long recordBytes)
    {
        files.SkipIfMissing();
        using var nc = new NetCdf3File(files.PathOf(name));
        var v = nc.GetVariable("only_record");
        Assert.True(v.IsRecordVariable);
        Assert.Equal(recordBytes, v.ByteStrides[0]);
        Assert.Equal(9, nc.RecordCount);
        // With no padding the records are contiguous: the whole variable comes in one read.
        var source = new CountingSource(File.ReadAllBytes(files.PathOf(name)));
        using var mem = new NetCdf3File(source, name);
        source.ResetCount();
        byte[] all = ReadAll(mem.GetVariable("only_record"));
        Assert.Equal(1, source.Reads);
        var ev = files.Manifest.GetProperty(name).GetProperty("vars").EnumerateArray().First(x => x.GetProperty("name").GetString() == "only_record");
        Assert.Equal(files.DataOf(ev), all);
    }

    [Theory]
    [InlineData("cdf1_types.nc")]
    [InlineData("cdf2_types.nc")]
    [InlineData("cdf5_types.nc")]
    public void SeveralRecordVariablesArePaddedToFourBytes(string name)
    {
        files.SkipIfMissing();
        using var nc = new NetCdf3File(files.PathOf(name));
        long stride = 0;
        foreach (var v in nc.Variables.Cast<NetCdf3Variable>().Where(v => v.IsRecordVariable))
            stride += (v.Shape.Skip(1).Aggregate(1L, (p, s) => p * s) * v.DType.ItemSize + 3) / 4 * 4;
        Assert.All(nc.Variables.Cast<NetCdf3Variable>().Where(v => v.IsRecordVariable), v => Assert.Equal(stride, v.ByteStrides[0]));
        Assert.Equal(11, nc.RecordCount);
    }

    [Theory]
    [InlineData("cdf1_types.nc", 4)]
    [InlineData("cdf2_types.nc", 4)]
    [InlineData("cdf5_types.nc", 8)]
    public void StreamingRecordCountComesFromTheFileLength(string name, int numrecsBytes)
    {
        files.SkipIfMissing();
        string dir = NewTempDirectory();
        try
        {
            string copy = Path.Combine(dir, name);
            byte[] bytes = File.ReadAllBytes(files.PathOf(name));
            bytes.AsSpan(4, numrecsBytes).Fill(0xFF);
            File.WriteAllBytes(copy, bytes);
            using var nc = new NetCdf3File(copy);
            Assert.True(nc.IsStreaming);
            Assert.Equal(11, nc.RecordCount);
            Assert.Equal(11, nc.Dimensions.Single(d => d.IsUnlimited).Length);
            foreach (var ev in files.Manifest.GetProperty(name).GetProperty("vars").EnumerateArray())
            {
                var v = nc.GetVariable(ev.GetProperty("name").GetString()!);
                Assert.Equal(files.DataOf(ev), ReadAll(v));
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("cdf1_zero.nc")]
    [InlineData("cdf5_zero.nc")]
    public void ZeroRecordsGiveEmptyRecordVariables(string name)
    {
        files.SkipIfMissing();
        using var nc = new NetCdf3File(files.PathOf(name));
        Assert.Equal(0, nc.RecordCount);
        var a = nc.GetVariable("rec_a");
        Assert.Equal([0L, 4L], a.Shape);
        Assert.Equal([1, 4], a.ChunkShape);
        a.ReadRegion([0, 0], [0, 4], Span<byte>.Empty);
        var e = Assert.Throws<ZarrPSException>(() => a.ReadRegion([0, 0], [1, 4], new byte[16]));
        Assert.Equal("NetCdfRegionOutOfBounds", e.ErrorId);
        Assert.Contains("dimension 'time' has 0 element(s)", e.Message);
    }

    [Fact]
    public void ConcurrentReadsOfOneFileAllAgree()
    {
        files.SkipIfMissing();
        const string name = "cdf5_types.nc";
        using var nc = new NetCdf3File(files.PathOf(name));
        var vars = files.Manifest.GetProperty(name).GetProperty("vars").EnumerateArray()
            .Select(ev => (Variable: nc.GetVariable(ev.GetProperty("name").GetString()!), Data: files.DataOf(ev)))
            .Where(x => x.Variable.Shape.Length > 0)
            .ToArray();
        int done = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var rng = new Random(i);
            var (v, all) = vars[rng.Next(vars.Length)];
            int rank = v.Shape.Length;
            var start = new long[rank];
            var count = new long[rank];
            for (int a = 0; a < rank; a++)
            {
                start[a] = rng.NextInt64(0, v.Shape[a]);
                count[a] = rng.NextInt64(1, v.Shape[a] - start[a] + 1);
            }
            var dest = new byte[count.Aggregate(1L, (p, c) => p * c) * v.DType.ItemSize];
            v.ReadRegion(start, count, dest);
            Assert.Equal(Slice(all, v.Shape, v.DType.ItemSize, start, count), dest);
            Interlocked.Increment(ref done);
        });
        Assert.Equal(400, done);
    }

    private static void AssertAttributes(JsonElement expected, OrderedDictionary<string, object?> actual, string context)
    {
        Assert.Equal(expected.EnumerateObject().Select(p => p.Name), actual.Keys);
        foreach (var p in expected.EnumerateObject())
        {
            object? value = actual[p.Name];
            string t = p.Value.GetProperty("t").GetString()!;
            string where = $"{context} attribute '{p.Name}'";
            if (t == "str")
            {
                Assert.Equal(p.Value.GetProperty("v").GetString(), Assert.IsType<string>(value));
                continue;
            }
            var values = p.Value.GetProperty("v").EnumerateArray().Select(x => JsonToClr(t, x)).ToArray();
            if (p.Value.GetProperty("scalar").GetBoolean())
            {
                Assert.True(values[0].Equals(value), $"{where}: expected {values[0]} ({values[0].GetType().Name}), got {value} ({value?.GetType().Name})");
            }
            else
            {
                var array = Assert.IsAssignableFrom<Array>(value);
                Assert.Equal(values[0].GetType(), array.GetType().GetElementType());
                Assert.Equal(values.Length, array.Length);
                for (int i = 0; i < values.Length; i++)
                    Assert.True(values[i].Equals(array.GetValue(i)), $"{where}[{i}]: expected {values[i]}, got {array.GetValue(i)}");
            }
        }
    }

    private static object JsonToClr(string numpyType, JsonElement x) => numpyType switch
    {
        "|i1" => (object)x.GetSByte(),
        "|u1" => x.GetByte(),
        "<i2" => x.GetInt16(),
        "<u2" => x.GetUInt16(),
        "<i4" => x.GetInt32(),
        "<u4" => x.GetUInt32(),
        "<i8" => x.GetInt64(),
        "<u8" => x.GetUInt64(),
        "<f4" => (float)x.GetDouble(),
        "<f8" => x.GetDouble(),
        _ => throw new InvalidOperationException($"unexpected numpy type {numpyType}"),
    };

    private static byte[] ElementBytes(string numpyType, JsonElement x)
    {
        object v = JsonToClr(numpyType, x);
        var bytes = new byte[numpyType[^1] - '0'];
        switch (v)
        {
            case sbyte b: bytes[0] = (byte)b; break;
            case byte b: bytes[0] = b; break;
            case short s: BinaryPrimitives.WriteInt16LittleEndian(bytes, s); break;
            case ushort s: BinaryPrimitives.WriteUInt16LittleEndian(bytes, s); break;
            case int i: BinaryPrimitives.WriteInt32LittleEndian(bytes, i); break;
            case uint i: BinaryPrimitives.WriteUInt32LittleEndian(bytes, i); break;
            case long l: BinaryPrimitives.WriteInt64LittleEndian(bytes, l); break;
            case ulong l: BinaryPrimitives.WriteUInt64LittleEndian(bytes, l); break;
            case float f: BinaryPrimitives.WriteSingleLittleEndian(bytes, f); break;
            case double d: BinaryPrimitives.WriteDoubleLittleEndian(bytes, d); break;
        }
        return bytes;
    }
}
