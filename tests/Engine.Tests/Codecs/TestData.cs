using System.Runtime.InteropServices;

namespace ZarrPS.Engine.Tests.Codecs;

/// <summary>Deterministic test inputs shaped like real array chunks.</summary>
internal static class TestData
{
    /// <summary>The sizes every compressor round trip covers: empty, one byte, odd sizes, a large 8 MiB chunk.</summary>
    public static readonly int[] Sizes = [0, 1, 2, 3, 7, 17, 255, 4096, 65536 + 7, 8 << 20];

    /// <summary>Bytes of a smooth float32 random walk (compressible like real fields), cut to <paramref name="size"/> bytes.</summary>
    public static byte[] SmoothFloats(int size, int seed = 1)
    {
        var bytes = new byte[size];
        var floats = MemoryMarshal.Cast<byte, float>(bytes.AsSpan());
        var rnd = new Random(seed);
        double v = 280;
        for (int i = 0; i < floats.Length; i++)
        {
            v += rnd.NextDouble() - 0.5;
            floats[i] = (float)Math.Round(v, 2);
        }
        for (int i = floats.Length * 4; i < size; i++) bytes[i] = (byte)rnd.Next(256);
        return bytes;
    }

    /// <summary>Incompressible random bytes.</summary>
    public static byte[] Random(int size, int seed = 2)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Random values of a numeric dtype in a range that suits the filters (as native-order bytes).</summary>
    public static byte[] Values(DataType t, int count, int seed = 3)
    {
        var rnd = new Random(seed);
        var bytes = new byte[count * t.ItemSize];
        var s = bytes.AsSpan();
        for (int i = 0; i < count; i++)
        {
            double v = rnd.NextDouble() * 200 - 100;
            var e = s.Slice(i * t.ItemSize, t.ItemSize);
            switch (t.Kind)
            {
                case ScalarKind.Int8: e[0] = (byte)(sbyte)rnd.Next(-128, 128); break;
                case ScalarKind.UInt8: e[0] = (byte)rnd.Next(256); break;
                case ScalarKind.Int16: MemoryMarshal.Write(e, (short)rnd.Next(short.MinValue, short.MaxValue)); break;
                case ScalarKind.UInt16: MemoryMarshal.Write(e, (ushort)rnd.Next(65536)); break;
                case ScalarKind.Int32: MemoryMarshal.Write(e, rnd.Next(int.MinValue, int.MaxValue)); break;
                case ScalarKind.UInt32: MemoryMarshal.Write(e, (uint)rnd.NextInt64(0, uint.MaxValue)); break;
                case ScalarKind.Int64: MemoryMarshal.Write(e, rnd.NextInt64(long.MinValue, long.MaxValue)); break;
                case ScalarKind.UInt64: MemoryMarshal.Write(e, (ulong)rnd.NextInt64(long.MinValue, long.MaxValue)); break;
                case ScalarKind.Float16: MemoryMarshal.Write(e, (Half)v); break;
                case ScalarKind.Float32: MemoryMarshal.Write(e, (float)v); break;
                case ScalarKind.Float64: MemoryMarshal.Write(e, v); break;
                default: throw new ArgumentException(t.Name);
            }
        }
        return bytes;
    }
}
