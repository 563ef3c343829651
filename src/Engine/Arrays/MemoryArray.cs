using System.Runtime.InteropServices;
using System.Text;

namespace ZarrPS.Engine.Arrays;

/// <summary>
/// Values already in memory as a lazy array: computed coordinates (group labels, regridded axes) and small results.
/// Holds the bytes in C order; reads copy boxes out of them.
/// </summary>
public sealed class MemoryArray : ILazyArray
{
    private readonly byte[] _bytes;

    /// <summary>An array over raw C-order bytes of <paramref name="shape"/> and <paramref name="type"/> (machine byte order).</summary>
    public MemoryArray(byte[] bytes, long[] shape, DataType type, string description = "in-memory values")
    {
        if (bytes.LongLength != StridedCopy.Product(shape) * type.ItemSize)
            throw new ArgumentException($"{bytes.LongLength} bytes do not hold {string.Join(" x ", shape)} {type.Name} values.", nameof(bytes));
        _bytes = bytes;
        Shape = shape;
        DType = type;
        Description = description;
        Chunks = ChunkLayout.Single(shape);
    }

    /// <summary>
    /// An array of a .NET array's values (any rank; numbers, bool, or strings as fixed unicode). Times are long[]
    /// with <paramref name="type"/> saying their kind (datetime64[ns], calendar dates).
    /// </summary>
    public static MemoryArray From(Array values, DataType? type = null, string description = "in-memory values")
    {
        var shape = new long[values.Rank];
        for (int d = 0; d < shape.Length; d++) shape[d] = values.GetLength(d);
        if (values is string[] strings && values.Rank == 1)
        {
            int longest = Math.Max(1, strings.Max(s => s?.Length ?? 0));
            var t = type ?? DataType.FixedUnicode(longest);
            if (t.Kind != ScalarKind.FixedUnicode) throw new ArgumentException("Strings need a fixed unicode type.", nameof(type));
            int chars = t.ItemSize / 4;
            var bytes = new byte[strings.Length * t.ItemSize];
            for (int i = 0; i < strings.Length; i++)
            {
                var s = strings[i] ?? "";
                var cps = MemoryMarshal.Cast<byte, int>(bytes.AsSpan(i * t.ItemSize, t.ItemSize));
                int k = 0;
                foreach (var rune in s.EnumerateRunes())
                {
                    if (k == chars) break;
                    cps[k++] = rune.Value;
                }
            }
            return new MemoryArray(bytes, shape, t, description);
        }
        var elementType = values.GetType().GetElementType()!;
        type ??= TypeOf(elementType) ?? throw new ArgumentException($"Arrays of {elementType.Name} need an explicit type.", nameof(type));
        if (type.ClrType != elementType) throw new ArgumentException($"A {type.Name} array needs {type.ClrType.Name} values, not {elementType.Name}.", nameof(type));
        return new MemoryArray(ArrayValues.Bytes(values).ToArray(), shape, type, description);
    }

    private static DataType? TypeOf(Type t) =>
        t == typeof(double) ? DataType.Float64 :
        t == typeof(float) ? DataType.Float32 :
        t == typeof(long) ? DataType.Int64 :
        t == typeof(int) ? DataType.Int32 :
        t == typeof(short) ? DataType.Int16 :
        t == typeof(sbyte) ? DataType.Int8 :
        t == typeof(byte) ? DataType.UInt8 :
        t == typeof(ushort) ? DataType.UInt16 :
        t == typeof(uint) ? DataType.UInt32 :
        t == typeof(ulong) ? DataType.UInt64 :
        t == typeof(bool) ? DataType.Bool :
        t == typeof(Half) ? DataType.Float16 : null;

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <inheritdoc />
    public DataType DType { get; }

    /// <inheritdoc />
    public ChunkLayout Chunks { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        for (int d = 0; d < Shape.Length; d++)
            if (start[d] < 0 || count[d] < 0 || start[d] + count[d] > Shape[d])
                throw new ZarrPSException(ErrorKind.InvalidArgument, "IndexOutOfRange",
                    $"Region {start[d]}+{count[d]} is outside axis {d} of {Description} (length {Shape[d]}).");
        StridedCopy.Copy(_bytes, Shape, start, destination, count, new long[count.Length], count, DType.ItemSize);
    }
}
