using System.Runtime.InteropServices;

namespace ZarrPS.Engine.Codecs.Native;

/// <summary>liblz4.so.1: the block format functions (numcodecs frames blocks itself).</summary>
internal static unsafe partial class Lz4Native
{
    private const string Lib = "liblz4.so.1";

    /// <summary>LZ4_MAX_INPUT_SIZE.</summary>
    public const int MaxInputSize = 0x7E000000;

    /// <summary>Null when the library loads, else the message naming its package.</summary>
    public static readonly string? LoadError = NativeLibraries.Probe(Lib, "liblz4-1");

    [LibraryImport(Lib)]
    public static partial int LZ4_compressBound(int inputSize);

    [LibraryImport(Lib)]
    public static partial int LZ4_compress_fast(byte* src, byte* dst, int srcSize, int dstCapacity, int acceleration);

    [LibraryImport(Lib)]
    public static partial int LZ4_decompress_safe(byte* src, byte* dst, int compressedSize, int dstCapacity);
}
