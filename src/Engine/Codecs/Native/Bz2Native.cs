using System.Runtime.InteropServices;

namespace ZarrPS.Engine.Codecs.Native;

/// <summary>libbz2.so.1.0: one-shot compression and the streaming decompressor (for unknown sizes and several streams).</summary>
internal static unsafe partial class Bz2Native
{
    private const string Lib = "libbz2.so.1.0";

    public const int BZ_OK = 0;
    public const int BZ_RUN_OK = 1;
    public const int BZ_STREAM_END = 4;
    public const int BZ_OUTBUFF_FULL = -8;

    /// <summary>Null when the library loads, else the message naming its package.</summary>
    public static readonly string? LoadError = NativeLibraries.Probe(Lib, "libbz2-1.0");

    /// <summary>bz_stream (LP64 layout; natural alignment gives the padding).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Stream
    {
        public byte* NextIn;
        public uint AvailIn;
        public uint TotalInLo32;
        public uint TotalInHi32;
        public byte* NextOut;
        public uint AvailOut;
        public uint TotalOutLo32;
        public uint TotalOutHi32;
        public void* State;
        public void* BzAlloc;
        public void* BzFree;
        public void* Opaque;
    }

    [LibraryImport(Lib)]
    public static partial int BZ2_bzBuffToBuffCompress(byte* dest, uint* destLen, byte* source, uint sourceLen, int blockSize100k, int verbosity, int workFactor);

    [LibraryImport(Lib)]
    public static partial int BZ2_bzDecompressInit(Stream* strm, int verbosity, int small);

    [LibraryImport(Lib)]
    public static partial int BZ2_bzDecompress(Stream* strm);

    [LibraryImport(Lib)]
    public static partial int BZ2_bzDecompressEnd(Stream* strm);
}
