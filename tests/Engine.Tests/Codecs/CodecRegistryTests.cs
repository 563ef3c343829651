using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs;

namespace ZarrPS.Engine.Tests.Codecs;

public class CodecRegistryTests
{
    public static TheoryData<string, string> V2Configs() => new()
    {
        { """{"id":"blosc","cname":"zstd","clevel":3,"shuffle":-1,"blocksize":0}""", "<f4" },
        { """{"id":"blosc","cname":"lz4hc","clevel":9,"shuffle":2,"blocksize":65536}""", "<f8" },
        { """{"id":"zstd","level":5}""", "<f4" },
        { """{"id":"zstd","level":5,"checksum":true}""", "<f4" },
        { """{"id":"zlib","level":6}""", "<f4" },
        { """{"id":"gzip","level":9}""", "<f4" },
        { """{"id":"lz4","acceleration":3}""", "<f4" },
        { """{"id":"bz2","level":4}""", "<f4" },
        { """{"id":"delta","dtype":">i4","astype":">i2"}""", ">i4" },
        { """{"id":"fixedscaleoffset","scale":100,"offset":-1.5,"dtype":"<f8","astype":"<i2"}""", "<f8" },
        { """{"id":"fixedscaleoffset","scale":0.25,"offset":7,"dtype":"<f4","astype":"|u1"}""", "<f4" },
        { """{"id":"quantize","digits":3,"dtype":"<f8","astype":"<f4"}""", "<f8" },
        { """{"id":"bitround","keepbits":12}""", "<f4" },
        { """{"id":"astype","encode_dtype":"<f4","decode_dtype":"<f8"}""", "<f8" },
    };

    [Theory]
    [MemberData(nameof(V2Configs))]
    public void V2ConfigurationsRoundTrip(string json, string dtype)
    {
        var config = JsonNode.Parse(json)!.AsObject();
        var codec = CodecRegistry.FromV2(config, DataType.ParseTypeString(dtype));
        Assert.True(JsonNode.DeepEquals(config, codec.ToV2Json()), $"{json} came back as {codec.ToV2Json()!.ToJsonString()}");
        var v3 = codec.ToV3Json();
        var again = CodecRegistry.FromV3(v3, DataType.ParseTypeString(dtype));
        Assert.Equal(codec.GetType(), again.GetType());
        Assert.True(JsonNode.DeepEquals(v3, again.ToV3Json()), $"{v3.ToJsonString()} came back as {again.ToV3Json().ToJsonString()}");
    }

    [Fact]
    public void EveryCommonCodecIsRegistered()
    {
        string[] v2 = ["blosc", "zstd", "zlib", "gzip", "lz4", "bz2", "delta", "fixedscaleoffset", "quantize", "bitround", "astype"];
        foreach (var id in v2)
        {
            Assert.Contains(id, CodecRegistry.V2Ids);
            Assert.Contains("numcodecs." + id, CodecRegistry.V3Names);
        }
        foreach (var name in new[] { "blosc", "zstd", "gzip", "crc32c", "bytes", "transpose" }) Assert.Contains(name, CodecRegistry.V3Names);
    }

    [Fact]
    public void V3BloscReadsItsConfigurationAndResolvesAutoShuffle()
    {
        var c = (BloscCodec)CodecRegistry.FromV3(JsonNode.Parse("""{"name":"blosc","configuration":{"cname":"zstd","clevel":4,"shuffle":"bitshuffle","typesize":8,"blocksize":0}}"""), DataType.Float64);
        Assert.Equal(("zstd", 4, BloscShuffle.BitShuffle, 8), (c.Cname, c.CLevel, c.Shuffle, c.TypeSize));
        var auto1 = (BloscCodec)CodecRegistry.FromV2(JsonNode.Parse("""{"id":"blosc","shuffle":-1}""")!.AsObject(), DataType.UInt8);
        Assert.Equal(BloscShuffle.BitShuffle, auto1.EffectiveShuffle);
        var auto4 = (BloscCodec)CodecRegistry.FromV2(JsonNode.Parse("""{"id":"blosc","shuffle":-1}""")!.AsObject(), DataType.Float32);
        Assert.Equal(BloscShuffle.Shuffle, auto4.EffectiveShuffle);
        Assert.Equal("shuffle", auto4.ToV3Json()["configuration"]!["shuffle"]!.GetValue<string>());
        // The blosc header records the shuffle that was applied.
        using var encoded = auto1.Encode(TestData.SmoothFloats(10_000));
        Assert.Equal(0x04, encoded.Span[2] & 0x05);
    }

    [Theory]
    [InlineData("""{"id":"blosc","cname":"lzma"}""", "cname 'lzma'")]
    [InlineData("""{"id":"blosc","clevel":10}""", "clevel must be 0..9")]
    [InlineData("""{"id":"blosc","shuffle":3}""", "shuffle 3")]
    [InlineData("""{"id":"zlib","level":"high"}""", "level must be an integer")]
    [InlineData("""{"id":"bz2","level":0}""", "level must be 1..9")]
    [InlineData("""{"id":"bitround","keepbits":24}""", "keepbits 24 exceeds the 23 mantissa bits")]
    [InlineData("""{"id":"quantize","digits":2,"dtype":"<i4"}""", "not a float type")]
    [InlineData("""{"id":"delta","dtype":"<x4"}""", "dtype '<x4'")]
    [InlineData("""{"id":"fixedscaleoffset","scale":10,"dtype":"<f4"}""", "offset is required")]
    public void BadConfigurationsNameTheCodecAndProblem(string json, string expected)
    {
        var e = Assert.Throws<ZarrPSException>(() => CodecRegistry.FromV2(JsonNode.Parse(json)!.AsObject(), DataType.Float32));
        Assert.Equal("InvalidCodecConfiguration", e.ErrorId);
        Assert.Contains(expected, e.Message);
        Assert.Contains(JsonNode.Parse(json)!["id"]!.GetValue<string>(), e.Message);
    }

    [Fact]
    public void V3ChainWithGzipAndCrc32cRoundTripsAndDetectsCorruption()
    {
        var codecs = JsonNode.Parse("""
            [{"name":"numcodecs.delta","configuration":{"dtype":"<i4","astype":"<i4"}},
             {"name":"bytes","configuration":{"endian":"big"}},
             {"name":"gzip","configuration":{"level":5}},
             {"name":"crc32c"}]
            """)!.AsArray();
        var chain = CodecChain.FromV3(codecs, DataType.Int32);
        Assert.True(JsonNode.DeepEquals(codecs, chain.ToV3JsonArray()), chain.ToV3JsonArray().ToJsonString());
        var spec = new ChunkSpec([10, 100], DataType.Int32, []);
        var input = TestData.Values(DataType.Int32, 1000);
        using var encoded = chain.Encode(input, spec);
        var decoded = new byte[spec.ByteCount];
        chain.Decode(encoded.Span, spec, decoded);
        Assert.Equal(input, decoded);
        var corrupt = encoded.Span.ToArray();
        corrupt[20] ^= 1;
        var e = Assert.Throws<ZarrPSException>(() => chain.Decode(corrupt, spec, decoded));
        Assert.Contains("crc32c: checksum mismatch", e.Message);
    }
}
