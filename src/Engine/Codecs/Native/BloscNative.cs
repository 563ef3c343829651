using System.Runtime.InteropServices;

namespace ZarrPS.Engine.Codecs.Native;

/// <summary>c-blosc 1.x (libblosc.so.1): only the context functions, which are safe to call from many threads.</summary>
internal static unsafe partial class BloscNative
{
    private const string Lib = "libblosc.so.1";

    /// <summary>The size of a blosc chunk header.</summary>
    public const int HeaderSize = 16;

    /// <summary>The most a compressed chunk can exceed its input (BLOSC_MAX_OVERHEAD).</summary>
    public const int MaxOverhead = 16;

    /// <summary>The largest input blosc 1.x accepts (BLOSC_MAX_BUFFERSIZE).</summary>
    public const int MaxBufferSize = int.MaxValue - MaxOverhead;

    /// <summary>Null when the library loads, else the message naming its package.</summary>
    public static readonly string? LoadError = NativeLibraries.Probe(Lib, "libblosc1");

    [LibraryImport(Lib)]
    public static partial int blosc_compress_ctx(int clevel, int doshuffle, nuint typesize, nuint nbytes, void* src, void* dest,
        nuint destsize, byte* compressor, nuint blocksize, int numinternalthreads);

    [LibraryImport(Lib)]
    public static partial int blosc_decompress_ctx(void* src, void* dest, nuint destsize, int numinternalthreads);

    [LibraryImport(Lib)]
    public static partial int blosc_compname_to_compcode(byte* compname);

    [LibraryImport(Lib)]
    public static partial int blosc_compcode_to_compname(int compcode, byte** compname);
}
