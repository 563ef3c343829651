using System.Buffers.Binary;
using ZarrPS.Engine.Codecs;

namespace ZarrPS.Engine.Tests.Codecs;

/// <summary>Corrupt, truncated and mis-sized chunks: each is a ZarrPSException naming the codec, never a crash.</summary>
public class BadInputTests
{
    private static readonly byte[] Original = TestData.SmoothFloats(100_000, 11);

    private static ZarrPSException AssertFails(IBytesToBytesCodec codec, byte[] data, int destinationSize, string because)
    {
        var e = Assert.Throws<ZarrPSException>(() =>
        {
            var destination = new byte[destinationSize];
            codec.DecodeInto(data, destination);
        });
        Assert.True(e.ErrorId is "ChunkDecodeFailed" or "ChunkWrongSize", $"{because}: ErrorId {e.ErrorId}");
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.StartsWith(codec.Name + ":", e.Message);
        return e;
    }

    private static byte[] BloscChunk()
    {
        using var encoded = new BloscCodec("lz4", 5, BloscShuffle.Shuffle, 4).Encode(Original);
        return encoded.Span.ToArray();
    }

    public static TheoryData<string, int, uint, string> BloscHeaderCorruptions() => new()
    {
        // field, byte offset, new value (byte or uint32 at the offset), text the message must contain
        { "version 0", 0, 0, "format version 0" },
        { "version 3 (blosc2)", 0, 3, "format version 3" },
        { "versionlz", 1, 9, "compressor format version 9" },
        { "reserved flag", 2, 0x21 | 0x08, "reserved flag" },
        { "both shuffles", 2, 0x20 | 0x01 | 0x04, "both byte-shuffle and bit-shuffle" },
        { "compressor code", 2, 0xE1, "compressor code 7" },
        { "typesize", 3, 0, "typesize is 0" },
        { "nbytes too large", 4, 0x7FFFFFFF, "exceeds blosc's limit" },
        { "nbytes below blocksize", 4, 100, "blocksize" },
        { "blocksize zero", 8, 0, "blocksize 0" },
        { "blocksize above nbytes", 8, 100_001, "blocksize 100001" },
        { "cbytes", 12, 17, "compressed bytes but the chunk has" },
    };

    [Theory]
    [MemberData(nameof(BloscHeaderCorruptions))]
    public void BloscRejectsEachCorruptHeaderField(string field, int offset, uint value, string expected)
    {
        var chunk = BloscChunk();
        if (offset < 4) chunk[offset] = (byte)value;
        else BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(offset), value);
        var codec = new BloscCodec();
        var e = AssertFails(codec, chunk, Original.Length, field);
        Assert.Contains(expected, e.Message);
        var e2 = Assert.Throws<ZarrPSException>(() => codec.Decode(chunk, -1).Dispose());
        Assert.Contains(expected, e2.Message);
    }

    [Fact]
    public void BloscRejectsAMemcpyFlagOnACompressedChunk()
    {
        var chunk = BloscChunk();
        chunk[2] |= 0x02;
        var e = AssertFails(new BloscCodec(), chunk, Original.Length, "memcpyed");
        Assert.Contains("memcpyed", e.Message);
    }

    [Fact]
    public void BloscRejectsAHeaderTooShortToHoldTheBlockOffsets()
    {
        // A 32-byte chunk claiming 100000 bytes in 1000-byte blocks would need 100 block offsets.
        var chunk = new byte[32];
        chunk[0] = 2; chunk[1] = 1; chunk[2] = 0x21; chunk[3] = 4;
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), 100_000);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(8), 1000);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(12), 32);
        var e = AssertFails(new BloscCodec(), chunk, 100_000, "block offsets");
        Assert.Contains("offsets of 100 blocks", e.Message);
    }

    [Fact]
    public void BloscReportsCorruptBlocksBehindAValidHeader()
    {
        var chunk = BloscChunk();
        // Point the first block offset past the end, then scribble over the compressed stream.
        var bad = (byte[])chunk.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(bad.AsSpan(16), (uint)chunk.Length + 1000);
        AssertFails(new BloscCodec(), bad, Original.Length, "block offset out of range");
        var scribbled = (byte[])chunk.Clone();
        for (int i = 40; i < scribbled.Length; i += 3) scribbled[i] ^= 0x5A;
        AssertFails(new BloscCodec(), scribbled, Original.Length, "scribbled blocks");
    }

    public static TheoryData<int> AllCompressors()
    {
        var data = new TheoryData<int>();
        for (int c = 0; c < CompressorRoundTripTests.Configurations.Length; c++) data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCompressors))]
    public void TruncatedDataFailsForEveryCompressor(int configuration)
    {
        var codec = CompressorRoundTripTests.Build(configuration);
        using var encoded = codec.Encode(Original);
        var full = encoded.Span.ToArray();
        foreach (int keep in new[] { full.Length - 1, full.Length / 2, 5, 1, 0 })
        {
            var cut = full[..keep];
            AssertFails(codec, cut, Original.Length, $"truncated to {keep} of {full.Length}");
            var e = Assert.Throws<ZarrPSException>(() => codec.Decode(cut, -1).Dispose());
            Assert.True(e.ErrorId is "ChunkDecodeFailed" or "ChunkWrongSize", $"{codec.Name} truncated to {keep} (unknown size): {e.ErrorId}");
            Assert.StartsWith(codec.Name + ":", e.Message);
        }
    }

    [Theory]
    [MemberData(nameof(AllCompressors))]
    public void AWrongDecodedSizeFailsForEveryCompressor(int configuration)
    {
        var codec = CompressorRoundTripTests.Build(configuration);
        using var encoded = codec.Encode(Original);
        var chunk = encoded.Span.ToArray();
        foreach (int size in new[] { Original.Length - 1, Original.Length + 1, Original.Length * 2, 0 })
        {
            var e = AssertFails(codec, chunk, size, $"destination of {size}");
            Assert.Equal("ChunkWrongSize", e.ErrorId);
            var e2 = Assert.Throws<ZarrPSException>(() => codec.Decode(chunk, size).Dispose());
            Assert.Equal("ChunkWrongSize", e2.ErrorId);
        }
    }

    [Theory]
    [MemberData(nameof(AllCompressors))]
    public void GarbageFailsForEveryCompressor(int configuration)
    {
        var codec = CompressorRoundTripTests.Build(configuration);
        for (int seed = 0; seed < 20; seed++)
        {
            var garbage = TestData.Random(1 + seed * 97, seed);
            AssertFails(codec, garbage, Original.Length, $"garbage seed {seed}");
        }
    }

    [Fact]
    public void Crc32cMismatchSaysSo()
    {
        using var encoded = Crc32cCodec.Instance.Encode(Original);
        foreach (int at in new[] { 0, 5000, Original.Length - 1, Original.Length, Original.Length + 3 })
        {
            var bad = encoded.Span.ToArray();
            bad[at] ^= 0x10;
            var e = AssertFails(Crc32cCodec.Instance, bad, Original.Length, $"bit flip at {at}");
            Assert.Equal("ChunkDecodeFailed", e.ErrorId);
            Assert.Contains("checksum mismatch", e.Message);
        }
        AssertFails(Crc32cCodec.Instance, [1, 2, 3], 0, "shorter than the checksum");
    }

    [Fact]
    public void Lz4RejectsASizeHeaderThatNoBlockCanHold()
    {
        byte[] chunk = [0xFF, 0xFF, 0xFF, 0x7F, 0x00];
        var e = Assert.Throws<ZarrPSException>(() => new Lz4Codec().Decode(chunk, -1).Dispose());
        Assert.Equal("ChunkDecodeFailed", e.ErrorId);
        Assert.Contains("size header", e.Message);
    }

    [Fact]
    public void AMissingNativeLibraryNamesItsPackage()
    {
        string? error = ZarrPS.Engine.Codecs.Native.NativeLibraries.Probe("libzarrps-does-not-exist.so.9", "libzarrps9");
        Assert.Equal("libzarrps-does-not-exist.so.9 not found: apt-get install libzarrps9", error);
        var e = Assert.Throws<ZarrPSException>(() => ZarrPS.Engine.Codecs.Native.NativeLibraries.ThrowIfMissing(error, "blosc"));
        Assert.Equal("NativeLibraryMissing", e.ErrorId);
        Assert.Contains("apt-get install libzarrps9", e.Message);
        Assert.Null(ZarrPS.Engine.Codecs.Native.NativeLibraries.Probe("libblosc.so.1", "libblosc1"));
    }
}
