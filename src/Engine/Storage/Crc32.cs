using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ArmCrc32 = System.Runtime.Intrinsics.Arm.Crc32;

namespace ZarrPS.Engine.Storage;

/// <summary>
/// CRC-32 as zip files use it (IEEE 802.3, reflected polynomial 0xEDB88320). On x86 with PCLMULQDQ the bulk is
/// folded 64 bytes at a time with carry-less multiplication (Intel, "Fast CRC Computation for Generic Polynomials
/// Using PCLMULQDQ", 2009), on Arm64 the CRC32 instructions are used; elsewhere, and for the last bytes, a
/// table eight bytes per step ("slicing by 8"). Checking a stored chunk should cost far less than reading it.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFFu, data);

    /// <summary>Continues a CRC register (not inverted) over <paramref name="data"/>.</summary>
    internal static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        if (data.Length >= 128 && Pclmulqdq.IsSupported && Sse2.IsSupported)
            crc = FoldBlocks(crc, ref data);
        else if (ArmCrc32.Arm64.IsSupported)
        {
            while (data.Length >= 8)
            {
                crc = ArmCrc32.Arm64.ComputeCrc32(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
        }
        return Append(crc, data);
    }

    /// <summary>The table-driven update alone (tests compare the fast paths with it).</summary>
    internal static uint UpdateScalar(uint crc, ReadOnlySpan<byte> data) => Append(crc, data);

    /// <summary>
    /// Folds all whole 16-byte blocks into one 128-bit value congruent to them modulo the polynomial, then lets the
    /// table reduce those 16 bytes: the register after them equals the register after the blocks.
    /// </summary>
    private static uint FoldBlocks(uint crc, ref ReadOnlySpan<byte> data)
    {
        // x^(4*128+32) and x^(4*128-32) mod P (bit-reflected, shifted left by one) fold four blocks forward by 512
        // bits; x^(128+32) and x^(128-32) mod P fold one block forward by 128 bits.
        var by4 = Vector128.Create(0x154442bd4UL, 0x1c6e41596UL);
        var by1 = Vector128.Create(0x1751997d0UL, 0x0ccaa009eUL);
        ref byte p = ref MemoryMarshal.GetReference(data);

        var x0 = Vector128.LoadUnsafe(ref p, 0).AsUInt64() ^ Vector128.CreateScalar(crc).AsUInt64();
        var x1 = Vector128.LoadUnsafe(ref p, 16).AsUInt64();
        var x2 = Vector128.LoadUnsafe(ref p, 32).AsUInt64();
        var x3 = Vector128.LoadUnsafe(ref p, 48).AsUInt64();
        nuint at = 64, length = (nuint)data.Length;
        for (; at + 64 <= length; at += 64)
        {
            x0 = Fold(x0, by4) ^ Vector128.LoadUnsafe(ref p, at).AsUInt64();
            x1 = Fold(x1, by4) ^ Vector128.LoadUnsafe(ref p, at + 16).AsUInt64();
            x2 = Fold(x2, by4) ^ Vector128.LoadUnsafe(ref p, at + 32).AsUInt64();
            x3 = Fold(x3, by4) ^ Vector128.LoadUnsafe(ref p, at + 48).AsUInt64();
        }
        var x = Fold(x0, by1) ^ x1;
        x = Fold(x, by1) ^ x2;
        x = Fold(x, by1) ^ x3;
        for (; at + 16 <= length; at += 16)
            x = Fold(x, by1) ^ Vector128.LoadUnsafe(ref p, at).AsUInt64();
        data = data[(int)at..];

        Span<byte> last = stackalloc byte[16];
        x.AsByte().CopyTo(last);
        return Append(0, last);
    }

    private static Vector128<ulong> Fold(Vector128<ulong> x, Vector128<ulong> k) =>
        Pclmulqdq.CarrylessMultiply(x, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(x, k, 0x11);

    private static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<uint> t = Table;
        while (data.Length >= 8)
        {
            uint lo = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            uint hi = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = t[7 * 256 + (int)(lo & 0xFF)] ^ t[6 * 256 + (int)((lo >> 8) & 0xFF)]
                ^ t[5 * 256 + (int)((lo >> 16) & 0xFF)] ^ t[4 * 256 + (int)(lo >> 24)]
                ^ t[3 * 256 + (int)(hi & 0xFF)] ^ t[2 * 256 + (int)((hi >> 8) & 0xFF)]
                ^ t[1 * 256 + (int)((hi >> 16) & 0xFF)] ^ t[(int)(hi >> 24)];
            data = data[8..];
        }
        foreach (byte b in data)
            crc = t[(int)((crc ^ b) & 0xFF)] ^ (crc >> 8);
        return crc;
    }

    private static uint[] BuildTable()
    {
        var t = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        // Table k gives the CRC contribution of a byte followed by k zero bytes.
        for (int k = 1; k < 8; k++)
            for (int i = 0; i < 256; i++)
            {
                uint prev = t[(k - 1) * 256 + i];
                t[k * 256 + i] = t[(int)(prev & 0xFF)] ^ (prev >> 8);
            }
        return t;
    }
}
