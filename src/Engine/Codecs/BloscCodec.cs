using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs.Native;

namespace ZarrPS.Engine.Codecs;

/// <summary>
/// The Blosc meta-compressor through the system c-blosc 1.x (numcodecs id "blosc", v3 "blosc"). Every chunk header
/// is checked against the chunk before c-blosc sees it, because c-blosc trusts the header's sizes.
/// </summary>
public sealed class BloscCodec : CompressionCodec
{
    private const string CodecName = "blosc";

    // The compressor codes of the header's top three flag bits, in c-blosc's numbering.
    private static readonly string[] CompressorByCode = ["blosclz", "lz4 or lz4hc", "snappy", "zlib", "zstd"];
    private static readonly string[] Cnames = ["blosclz", "lz4", "lz4hc", "snappy", "zlib", "zstd"];
    private static readonly bool[] Decompressable = ProbeDecompressors();

    private readonly byte[] _cnameZ;
    private readonly int _effectiveShuffle;

    /// <summary>Creates a Blosc codec.</summary>
    /// <param name="cname">lz4, lz4hc, zstd, zlib, blosclz or snappy.</param>
    /// <param name="clevel">0 (no compression) to 9.</param>
    /// <param name="shuffle">The shuffle filter; <see cref="BloscShuffle.Auto"/> picks by <paramref name="typeSize"/>.</param>
    /// <param name="typeSize">Bytes per element, for the shuffle.</param>
    /// <param name="blockSize">Bytes per internal block; 0 lets Blosc choose.</param>
    public BloscCodec(string cname = "lz4", int clevel = 5, BloscShuffle shuffle = BloscShuffle.Shuffle, int typeSize = 1, int blockSize = 0)
    {
        if (Array.IndexOf(Cnames, cname) < 0)
            throw CodecErrors.BadConfig(CodecName, $"cname '{cname}' is not one of {string.Join(", ", Cnames)}");
        if (clevel is < 0 or > 9) throw CodecErrors.BadConfig(CodecName, $"clevel must be 0..9, not {clevel}");
        if (shuffle is < BloscShuffle.Auto or > BloscShuffle.BitShuffle) throw CodecErrors.BadConfig(CodecName, $"shuffle {(int)shuffle} is not -1, 0, 1 or 2");
        if (typeSize < 1) throw CodecErrors.BadConfig(CodecName, $"typesize must be at least 1, not {typeSize}");
        if (blockSize < 0) throw CodecErrors.BadConfig(CodecName, $"blocksize must not be negative, not {blockSize}");
        Cname = cname;
        CLevel = clevel;
        Shuffle = shuffle;
        TypeSize = typeSize;
        BlockSize = blockSize;
        _cnameZ = Encoding.ASCII.GetBytes(cname + "\0");
        _effectiveShuffle = (int)EffectiveShuffle;
    }

    /// <summary>The internal compressor.</summary>
    public string Cname { get; }

    /// <summary>The compression level, 0..9.</summary>
    public int CLevel { get; }

    /// <summary>The shuffle as configured (Auto is kept so v2 metadata round-trips).</summary>
    public BloscShuffle Shuffle { get; }

    /// <summary>The shuffle encoding uses, with Auto resolved by numcodecs' rule.</summary>
    public BloscShuffle EffectiveShuffle => Shuffle != BloscShuffle.Auto ? Shuffle : TypeSize == 1 ? BloscShuffle.BitShuffle : BloscShuffle.Shuffle;

    /// <summary>Bytes per element given to the shuffle.</summary>
    public int TypeSize { get; }

    /// <summary>The requested block size (0 = automatic).</summary>
    public int BlockSize { get; }

    /// <inheritdoc />
    public override string Name => CodecName;

    /// <summary>Parses a numcodecs configuration; the typesize is the item size of the stored type it compresses.</summary>
    public static BloscCodec FromV2(JsonObject config, DataType dtype) => new(
        CodecConfig.String(config, "cname", "lz4", CodecName)!,
        CodecConfig.Int(config, "clevel", 5, CodecName),
        (BloscShuffle)CodecConfig.Int(config, "shuffle", 1, CodecName),
        dtype.ItemSize,
        CodecConfig.Int(config, "blocksize", 0, CodecName));

    /// <summary>Parses v3 configuration {cname, clevel, shuffle, typesize, blocksize}.</summary>
    public static BloscCodec FromV3(JsonObject? configuration, DataType dtype)
    {
        string shuffleName = CodecConfig.String(configuration, "shuffle", "noshuffle", CodecName)!;
        var shuffle = shuffleName switch
        {
            "noshuffle" => BloscShuffle.NoShuffle,
            "shuffle" => BloscShuffle.Shuffle,
            "bitshuffle" => BloscShuffle.BitShuffle,
            _ => throw CodecErrors.BadConfig(CodecName, $"shuffle must be \"noshuffle\", \"shuffle\" or \"bitshuffle\", not \"{shuffleName}\""),
        };
        return new BloscCodec(
            CodecConfig.String(configuration, "cname", "lz4", CodecName)!,
            CodecConfig.Int(configuration, "clevel", 5, CodecName),
            shuffle,
            CodecConfig.Int(configuration, "typesize", dtype.ItemSize, CodecName),
            CodecConfig.Int(configuration, "blocksize", 0, CodecName));
    }

    /// <inheritdoc />
    public override JsonObject ToV3Json() => new()
    {
        ["name"] = CodecName,
        ["configuration"] = new JsonObject
        {
            ["cname"] = Cname,
            ["clevel"] = CLevel,
            ["shuffle"] = EffectiveShuffle switch { BloscShuffle.NoShuffle => "noshuffle", BloscShuffle.BitShuffle => "bitshuffle", _ => "shuffle" },
            ["typesize"] = TypeSize,
            ["blocksize"] = BlockSize,
        },
    };

    /// <inheritdoc />
    public override JsonObject? ToV2Json() => new()
    {
        ["id"] = CodecName,
        ["cname"] = Cname,
        ["clevel"] = CLevel,
        ["shuffle"] = (int)Shuffle,
        ["blocksize"] = BlockSize,
    };

    /// <inheritdoc />
    public override unsafe PooledBuffer Encode(ReadOnlySpan<byte> data)
    {
        NativeLibraries.ThrowIfMissing(BloscNative.LoadError, CodecName);
        if (data.Length > BloscNative.MaxBufferSize)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "ChunkTooLarge", $"blosc: a chunk of {data.Length} bytes exceeds blosc's limit of {BloscNative.MaxBufferSize} bytes");
        int capacity = data.Length + BloscNative.MaxOverhead;
        var output = PooledBuffer.Rent(capacity);
        try
        {
            int n;
            fixed (byte* src = &NativeSpan.Ref(data))
            fixed (byte* dst = output.Span)
            fixed (byte* cname = _cnameZ)
            {
                n = BloscNative.blosc_compress_ctx(CLevel, _effectiveShuffle, (nuint)TypeSize, (nuint)data.Length, src, dst,
                    (nuint)capacity, cname, (nuint)BlockSize, 1);
            }
            if (n <= 0)
            {
                string why = n == -5 || (n < 0 && !CompressorAvailable(_cnameZ))
                    ? $"compressor '{Cname}' is not built into this libblosc"
                    : $"c-blosc returned {n}";
                throw new ZarrPSException(ErrorKind.WriteError, "ChunkEncodeFailed", $"blosc: compression failed: {why}");
            }
            output.Truncate(n);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override unsafe int DecodeInto(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        int nbytes = ValidateHeader(data);
        if (nbytes != destination.Length) throw CodecErrors.WrongSize(CodecName, destination.Length, nbytes);
        if (nbytes == 0) return 0;
        int rc;
        fixed (byte* src = data)
        fixed (byte* dst = destination)
        {
            rc = BloscNative.blosc_decompress_ctx(src, dst, (nuint)destination.Length, 1);
        }
        if (rc != nbytes)
            throw CodecErrors.Corrupt(CodecName, rc < 0
                ? $"c-blosc could not decompress the chunk (error {rc}); its data is corrupt"
                : $"c-blosc decompressed {rc} bytes, the header says {nbytes}");
        return rc;
    }

    /// <inheritdoc />
    protected override PooledBuffer DecodeUnknownSize(ReadOnlySpan<byte> data)
    {
        int nbytes = ValidateHeader(data);
        var buffer = PooledBuffer.Rent(nbytes);
        try
        {
            DecodeInto(data, buffer.Span);
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Checks a chunk's 16-byte header against the chunk and returns its decoded size. c-blosc 1.x reads as many
    /// bytes as the header claims, so every field is checked here first.
    /// </summary>
    internal static int ValidateHeader(ReadOnlySpan<byte> data)
    {
        NativeLibraries.ThrowIfMissing(BloscNative.LoadError, CodecName);
        if (data.Length < BloscNative.HeaderSize)
            throw Bad($"the chunk has {data.Length} bytes, fewer than the 16-byte header");
        byte version = data[0], versionLz = data[1], flags = data[2], typeSize = data[3];
        uint nbytes = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        uint blockSize = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
        uint cbytes = BinaryPrimitives.ReadUInt32LittleEndian(data[12..]);
        if (version is 0 or > 2)
            throw Bad($"format version {version} is not a c-blosc 1.x format (1 or 2){(version > 2 ? "; it may be a c-blosc2 chunk" : "")}");
        if (versionLz != 1) throw Bad($"compressor format version {versionLz} is not 1");
        if ((flags & 0x08) != 0) throw Bad($"reserved flag bit 3 is set (flags 0x{flags:x2})");
        bool memcpyed = (flags & 0x02) != 0;
        if ((flags & 0x01) != 0 && (flags & 0x04) != 0) throw Bad($"both byte-shuffle and bit-shuffle flags are set (flags 0x{flags:x2})");
        int code = flags >> 5;
        if (code >= CompressorByCode.Length) throw Bad($"compressor code {code} is unknown (flags 0x{flags:x2})");
        if (!memcpyed && !Decompressable[code]) throw Bad($"compressor {CompressorByCode[code]} is not built into this libblosc");
        if (typeSize == 0) throw Bad("typesize is 0");
        if (nbytes > BloscNative.MaxBufferSize) throw Bad($"decoded size {nbytes} exceeds blosc's limit of {BloscNative.MaxBufferSize} bytes");
        if (cbytes != (uint)data.Length) throw Bad($"the header says {cbytes} compressed bytes but the chunk has {data.Length}");
        if (nbytes > 0)
        {
            if (blockSize == 0 || blockSize > nbytes) throw Bad($"blocksize {blockSize} is not within 1..{nbytes} (the decoded size)");
            if (memcpyed)
            {
                if (cbytes != nbytes + BloscNative.HeaderSize) throw Bad($"an uncompressed (memcpyed) chunk of {nbytes} bytes must have {nbytes + 16} bytes, not {cbytes}");
            }
            else
            {
                long blocks = (nbytes + (long)blockSize - 1) / blockSize;
                long minimum = BloscNative.HeaderSize + 4 * blocks;
                if (cbytes < minimum) throw Bad($"{cbytes} bytes cannot hold the offsets of {blocks} blocks ({minimum} bytes at least)");
            }
        }
        return (int)nbytes;
    }

    private static ZarrPSException Bad(string why) => CodecErrors.Corrupt(CodecName, "invalid chunk header: " + why);

    private static unsafe bool CompressorAvailable(byte[] cnameZ)
    {
        fixed (byte* p = cnameZ) return BloscNative.blosc_compname_to_compcode(p) >= 0;
    }

    private static unsafe bool[] ProbeDecompressors()
    {
        var available = new bool[CompressorByCode.Length];
        if (BloscNative.LoadError is not null) return available;
        for (int code = 0; code < available.Length; code++)
        {
            byte* name;
            available[code] = BloscNative.blosc_compcode_to_compname(code, &name) >= 0;
        }
        return available;
    }
}
