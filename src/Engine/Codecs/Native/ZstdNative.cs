using System.Runtime.InteropServices;

namespace ZarrPS.Engine.Codecs.Native;

/// <summary>libzstd.so.1: one-shot and streaming functions on explicit contexts.</summary>
internal static unsafe partial class ZstdNative
{
    private const string Lib = "libzstd.so.1";

    /// <summary>ZSTD_CONTENTSIZE_UNKNOWN.</summary>
    public const ulong ContentSizeUnknown = unchecked((ulong)-1L);

    /// <summary>ZSTD_CONTENTSIZE_ERROR.</summary>
    public const ulong ContentSizeError = unchecked((ulong)-2L);

    /// <summary>ZSTD_c_compressionLevel.</summary>
    public const int CompressionLevelParam = 100;

    /// <summary>ZSTD_c_contentSizeFlag.</summary>
    public const int ContentSizeFlagParam = 200;

    /// <summary>ZSTD_c_checksumFlag.</summary>
    public const int ChecksumFlagParam = 201;

    /// <summary>ZSTD_reset_session_only.</summary>
    public const int ResetSessionOnly = 1;

    /// <summary>ZSTD_reset_session_and_parameters.</summary>
    public const int ResetSessionAndParameters = 3;

    /// <summary>Null when the library loads, else the message naming its package.</summary>
    public static readonly string? LoadError = NativeLibraries.Probe(Lib, "libzstd1");

    /// <summary>ZSTD_inBuffer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct InBuffer
    {
        public void* Src;
        public nuint Size;
        public nuint Pos;
    }

    /// <summary>ZSTD_outBuffer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct OutBuffer
    {
        public void* Dst;
        public nuint Size;
        public nuint Pos;
    }

    [LibraryImport(Lib)]
    public static partial nint ZSTD_createCCtx();

    [LibraryImport(Lib)]
    public static partial nuint ZSTD_freeCCtx(nint cctx);

    [LibraryImport(Lib)]
    public static partial nint ZSTD_createDCtx();

    [LibraryImport(Lib)]
    public static partial nuint ZSTD_freeDCtx(nint dctx);

    [LibraryImport(Lib)]
    public static partial nuint ZSTD_CCtx_reset(nint cctx, int reset);

    [LibraryImport(Lib)]
    public static partial nuint ZSTD_CCtx_setParameter(nint cctx, int param, int value);

    [LibraryImport(Lib)]
    public static partial nuint ZSTD_compress2(nint cctx, void* dst, nuint dstCapacity, void* src, nuint srcSize);

    [LibraryImport(Lib)]
    public static partial nuint ZSTD_compressBound(nuint srcSize);

    [LibraryImport(Lib)]
    public static partial nuint ZSTD_DCtx_reset(nint dctx, int reset);

    [LibraryImport(Lib)]
    public static partial nuint ZSTD_decompressDCtx(nint dctx, void* dst, nuint dstCapacity, void* src, nuint srcSize);

    [LibraryImport(Lib)]
    public static partial nuint ZSTD_decompressStream(nint dctx, OutBuffer* output, InBuffer* input);

    [LibraryImport(Lib)]
    public static partial ulong ZSTD_findDecompressedSize(void* src, nuint srcSize);

    [LibraryImport(Lib)]
    public static partial uint ZSTD_isError(nuint code);

    [LibraryImport(Lib)]
    public static partial byte* ZSTD_getErrorName(nuint code);

    [LibraryImport(Lib)]
    public static partial int ZSTD_getErrorCode(nuint functionResult);

    /// <summary>ZSTD_error_dstSize_tooSmall: the data decodes to more than the destination holds.</summary>
    public const int ErrorDestinationTooSmall = 70;

    /// <summary>True when a size_t result is an error code.</summary>
    public static bool IsError(nuint code) => ZSTD_isError(code) != 0;

    /// <summary>The library's name for an error code.</summary>
    public static string ErrorName(nuint code) => Marshal.PtrToStringUTF8((nint)ZSTD_getErrorName(code)) ?? $"error {code}";
}
