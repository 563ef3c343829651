using System.Runtime.InteropServices;

namespace ZarrPS.Engine.Codecs.Native;

/// <summary>libz.so.1: the streaming inflater, which (unlike System.IO.Compression) reports a stream that ends early.</summary>
internal static unsafe partial class ZlibNative
{
    private const string Lib = "libz.so.1";

    public const int Z_OK = 0;
    public const int Z_STREAM_END = 1;
    public const int Z_NEED_DICT = 2;
    public const int Z_BUF_ERROR = -5;
    public const int Z_NO_FLUSH = 0;

    /// <summary>windowBits for the zlib wrapper (RFC 1950).</summary>
    public const int ZlibWindowBits = 15;

    /// <summary>windowBits for the gzip wrapper (RFC 1952).</summary>
    public const int GzipWindowBits = 16 + 15;

    /// <summary>Null when the library loads, else the message naming its package.</summary>
    public static readonly string? LoadError = NativeLibraries.Probe(Lib, "zlib1g");

    // zlib only compares the major version digit; any 1.x string is accepted by every 1.x library.
    private static ReadOnlySpan<byte> Version => "1.2.13\0"u8;

    /// <summary>z_stream with its LP64 layout (uLong is 8 bytes on 64-bit Linux).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ZStream
    {
        public byte* NextIn;
        public uint AvailIn;
        public nuint TotalIn;
        public byte* NextOut;
        public uint AvailOut;
        public nuint TotalOut;
        public byte* Msg;
        public void* State;
        public void* ZAlloc;
        public void* ZFree;
        public void* Opaque;
        public int DataType;
        public nuint Adler;
        public nuint Reserved;
    }

    [LibraryImport(Lib)]
    private static partial int inflateInit2_(ZStream* strm, int windowBits, byte* version, int streamSize);

    [LibraryImport(Lib)]
    public static partial int inflate(ZStream* strm, int flush);

    [LibraryImport(Lib)]
    public static partial int inflateEnd(ZStream* strm);

    [LibraryImport(Lib)]
    public static partial int inflateReset(ZStream* strm);

    /// <summary>inflateInit2 with this binding's struct size and version.</summary>
    public static int InflateInit2(ZStream* strm, int windowBits)
    {
        fixed (byte* v = Version) return inflateInit2_(strm, windowBits, v, sizeof(ZStream));
    }

    /// <summary>The library's message for the last error, if any.</summary>
    public static string? Message(ZStream* strm) => strm->Msg is null ? null : Marshal.PtrToStringUTF8((nint)strm->Msg);
}
