using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs;

namespace ZarrPS.Engine.Tests.Codecs;

public class CompressorRoundTripTests
{
    /// <summary>One configuration of every compressor (v2 numcodecs form, with the stored dtype for blosc's typesize).</summary>
    public static readonly (string Config, string DType)[] Configurations =
    [
        ("""{"id":"blosc","cname":"lz4","clevel":5,"shuffle":1,"blocksize":0}""", "<f4"),
        ("""{"id":"blosc","cname":"lz4hc","clevel":9,"shuffle":2,"blocksize":0}""", "<f8"),
        ("""{"id":"blosc","cname":"zstd","clevel":3,"shuffle":2,"blocksize":0}""", "<f4"),
        ("""{"id":"blosc","cname":"zlib","clevel":4,"shuffle":0,"blocksize":0}""", "<i2"),
        ("""{"id":"blosc","cname":"blosclz","clevel":1,"shuffle":-1,"blocksize":0}""", "|u1"),
        ("""{"id":"blosc","cname":"snappy","clevel":5,"shuffle":1,"blocksize":4096}""", "<i4"),
        ("""{"id":"blosc","cname":"lz4","clevel":0,"shuffle":1,"blocksize":0}""", "<f4"),
        ("""{"id":"zstd","level":1}""", "<f4"),
        ("""{"id":"zstd","level":-3,"checksum":true}""", "<f4"),
        ("""{"id":"zstd","level":19}""", "<f4"),
        ("""{"id":"zlib","level":1}""", "<f8"),
        ("""{"id":"zlib","level":9}""", "<f8"),
        ("""{"id":"gzip","level":5}""", "<i8"),
        ("""{"id":"lz4","acceleration":1}""", "<f4"),
        ("""{"id":"lz4","acceleration":8}""", "<f4"),
        ("""{"id":"bz2","level":1}""", "<f4"),
        ("""{"id":"bz2","level":9}""", "<f4"),
    ];

    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        for (int c = 0; c < Configurations.Length; c++)
            foreach (int size in TestData.Sizes)
            {
                // bz2 at 8 MiB takes seconds; one large bz2 case is enough.
                if (size == 8 << 20 && Configurations[c].Config.Contains("bz2") && Configurations[c].Config.Contains("\"level\":9")) continue;
                data.Add(c, size);
            }
        return data;
    }

    internal static IBytesToBytesCodec Build(int configuration)
    {
        var (config, dtype) = Configurations[configuration];
        return (IBytesToBytesCodec)CodecRegistry.FromV2(JsonNode.Parse(config)!.AsObject(), DataType.ParseTypeString(dtype));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RoundTripsEveryWayOfDecoding(int configuration, int size)
    {
        var codec = Build(configuration);
        foreach (var input in new[] { TestData.SmoothFloats(size), TestData.Random(size) })
        {
            using var encoded = codec.Encode(input);
            using (var decoded = codec.Decode(encoded.Span, -1)) Assert.True(decoded.Span.SequenceEqual(input), $"{codec.Name}: unknown-size decode differs");
            using (var decoded = codec.Decode(encoded.Span, size)) Assert.True(decoded.Span.SequenceEqual(input), $"{codec.Name}: sized decode differs");
            var destination = new byte[size];
            Assert.Equal(size, codec.DecodeInto(encoded.Span, destination));
            Assert.True(destination.AsSpan().SequenceEqual(input), $"{codec.Name}: DecodeInto differs");
        }
    }

    [Fact]
    public void CompressesRedundantData()
    {
        // 1 MiB of a repeated 1000-byte random block: every compressor except blosc level 0 (a plain copy) shrinks it tenfold.
        var block = TestData.Random(1000, 9);
        var input = new byte[1 << 20];
        for (int i = 0; i < input.Length; i += block.Length) block.AsSpan(0, Math.Min(block.Length, input.Length - i)).CopyTo(input.AsSpan(i));
        for (int c = 0; c < Configurations.Length; c++)
        {
            using var encoded = Build(c).Encode(input);
            if (Configurations[c].Config.Contains("\"clevel\":0")) Assert.Equal(input.Length + 16, encoded.Length);
            else Assert.True(encoded.Length < input.Length / 10, $"{Configurations[c].Config} gave {encoded.Length} bytes for {input.Length}");
        }
    }

    [Fact]
    public void OneCodecInstanceServesManyThreadsAtOnce()
    {
        // Codecs are shared by the scheduler's workers; native contexts must not be shared between threads.
        var inputs = Enumerable.Range(0, 8).Select(i => TestData.SmoothFloats(200_000 + i * 1001, 20 + i)).ToArray();
        for (int c = 0; c < Configurations.Length; c++)
        {
            var codec = Build(c);
            var encoded = inputs.Select(x => { using var e = codec.Encode(x); return e.Span.ToArray(); }).ToArray();
            var failures = 0;
            Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                int k = i % inputs.Length;
                using var again = codec.Encode(inputs[k]);
                var destination = new byte[inputs[k].Length];
                codec.DecodeInto(again.Span, destination);
                if (!destination.AsSpan().SequenceEqual(inputs[k])) Interlocked.Increment(ref failures);
                codec.DecodeInto(encoded[k], destination);
                if (!destination.AsSpan().SequenceEqual(inputs[k])) Interlocked.Increment(ref failures);
            });
            Assert.True(failures == 0, $"{Configurations[c].Config}: {failures} concurrent round trips differ");
        }
    }

    [Fact]
    public void Crc32cAppendsTheCastagnoliChecksum()
    {
        // The standard check value of CRC-32C: "123456789" -> 0xE3069283.
        Assert.Equal(0xE3069283u, Crc32cCodec.Compute("123456789"u8));
        using var encoded = Crc32cCodec.Instance.Encode("123456789"u8);
        Assert.Equal([.. "123456789"u8, 0x83, 0x92, 0x06, 0xE3], encoded.Span.ToArray());
        foreach (int size in TestData.Sizes)
        {
            var input = TestData.Random(size);
            using var enc = Crc32cCodec.Instance.Encode(input);
            Assert.Equal(size + 4, enc.Length);
            using var dec = Crc32cCodec.Instance.Decode(enc.Span, -1);
            Assert.True(dec.Span.SequenceEqual(input));
            var destination = new byte[size];
            Crc32cCodec.Instance.DecodeInto(enc.Span, destination);
            Assert.True(destination.AsSpan().SequenceEqual(input));
        }
    }

    [Fact]
    public void ZstdDecodesFramesWithoutContentSizeAndConcatenatedFrames()
    {
        var a = TestData.SmoothFloats(300_000, 5);
        var b = TestData.SmoothFloats(70_001, 6);
        byte[] streamingA = ZstdTestFrames.CompressWithoutContentSize(a, 3);
        byte[] streamingB = ZstdTestFrames.CompressWithoutContentSize(b, 3);
        Assert.Equal(ZarrPS.Engine.Codecs.Native.ZstdNative.ContentSizeUnknown, ZstdTestFrames.DeclaredSize(streamingA));
        var codec = new ZstdCodec(3);
        using (var d = codec.Decode(streamingA, -1)) Assert.True(d.Span.SequenceEqual(a));
        var dest = new byte[a.Length];
        codec.DecodeInto(streamingA, dest);
        Assert.True(dest.AsSpan().SequenceEqual(a));

        using var sizedB = codec.Encode(b);
        byte[] both = [.. streamingA, .. sizedB.Span];
        using (var d = codec.Decode(both, -1)) Assert.True(d.Span.SequenceEqual([.. a, .. b]));
        byte[] bothStreaming = [.. streamingA, .. streamingB];
        using (var d = codec.Decode(bothStreaming, -1)) Assert.True(d.Span.SequenceEqual([.. a, .. b]));
        var destBoth = new byte[a.Length + b.Length];
        codec.DecodeInto(bothStreaming, destBoth);
        Assert.True(destBoth.AsSpan().SequenceEqual([.. a, .. b]));
    }

    [Fact]
    public void GzipAndBz2DecodeConcatenatedMembers()
    {
        var a = TestData.SmoothFloats(50_000, 7);
        var b = TestData.SmoothFloats(12_345, 8);
        foreach (CompressionCodec codec in new CompressionCodec[] { new GzipCodec(5), new Bz2Codec(9) })
        {
            using var ea = codec.Encode(a);
            using var eb = codec.Encode(b);
            byte[] both = [.. ea.Span, .. eb.Span];
            using var d = codec.Decode(both, -1);
            Assert.True(d.Span.SequenceEqual([.. a, .. b]), codec.Name);
            var dest = new byte[a.Length + b.Length];
            codec.DecodeInto(both, dest);
            Assert.True(dest.AsSpan().SequenceEqual([.. a, .. b]), codec.Name);
        }
    }
}
