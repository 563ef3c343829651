using ZarrPS.Engine.Codecs.Native;

namespace ZarrPS.Engine.Tests.Codecs;

/// <summary>Frames as streaming zstd writers make them: no content size in the frame header.</summary>
internal static unsafe class ZstdTestFrames
{
    public static byte[] CompressWithoutContentSize(byte[] data, int level)
    {
        nint cctx = ZstdNative.ZSTD_createCCtx();
        try
        {
            ZstdNative.ZSTD_CCtx_setParameter(cctx, ZstdNative.CompressionLevelParam, level);
            ZstdNative.ZSTD_CCtx_setParameter(cctx, ZstdNative.ContentSizeFlagParam, 0);
            var output = new byte[(int)ZstdNative.ZSTD_compressBound((nuint)data.Length)];
            nuint n;
            fixed (byte* src = data)
            fixed (byte* dst = output)
                n = ZstdNative.ZSTD_compress2(cctx, dst, (nuint)output.Length, src, (nuint)data.Length);
            Assert.False(ZstdNative.IsError(n), "zstd compression for the test failed");
            return output[..(int)n];
        }
        finally
        {
            ZstdNative.ZSTD_freeCCtx(cctx);
        }
    }

    public static ulong DeclaredSize(byte[] frame)
    {
        fixed (byte* src = frame) return ZstdNative.ZSTD_findDecompressedSize(src, (nuint)frame.Length);
    }
}
