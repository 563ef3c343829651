using System.Runtime.InteropServices;

namespace ZarrPS.Engine.Arrays;

/// <summary>Data held in memory (a computed or persisted result), seen as a lazy array with a chunk layout.</summary>
public sealed class InMemoryArray : ILazyArray
{
    private readonly byte[] _bytes;

    /// <summary>Wraps C-order bytes of <paramref name="shape"/> and <paramref name="dtype"/>.</summary>
    public InMemoryArray(byte[] bytes, long[] shape, DataType dtype, ChunkLayout? chunks = null, string? description = null)
    {
        if (bytes.LongLength != StridedCopy.Product(shape) * dtype.ItemSize)
            throw new ArgumentException("The bytes do not match the shape and type.", nameof(bytes));
        _bytes = bytes;
        Shape = shape;
        DType = dtype.Native;
        Chunks = chunks ?? ChunkLayout.Single(shape);
        Description = description ?? "in-memory data";
    }

    /// <summary>
    /// An array of a .NET array's values (any rank): numbers and bool, or strings (1-D) as fixed unicode. Times are
    /// long[] with <paramref name="type"/> saying their kind (datetime64[ns], calendar dates); otherwise the type
    /// follows the element type.
    /// </summary>
    public static InMemoryArray From(Array values, DataType? type = null, string? description = null)
    {
        var shape = new long[values.Rank];
        for (int d = 0; d < shape.Length; d++) shape[d] = values.GetLength(d);
        if (values is string[] strings && values.Rank == 1)
        {
            int longest = Math.Max(1, strings.Length == 0 ? 1 : strings.Max(s => s?.Length ?? 0));
            var t = type ?? DataType.FixedUnicode(longest);
            if (t.Kind != ScalarKind.FixedUnicode) throw new ArgumentException("Strings need a fixed unicode type.", nameof(type));
            int chars = t.ItemSize / 4;
            var bytes = new byte[strings.Length * t.ItemSize];
            for (int i = 0; i < strings.Length; i++)
            {
                var cps = MemoryMarshal.Cast<byte, int>(bytes.AsSpan(i * t.ItemSize, t.ItemSize));
                int k = 0;
                foreach (var rune in (strings[i] ?? "").EnumerateRunes())
                {
                    if (k == chars) break;
                    cps[k++] = rune.Value;
                }
            }
            return new InMemoryArray(bytes, shape, t, null, description);
        }
        var elementType = values.GetType().GetElementType()!;
        type ??= TypeOf(elementType) ?? throw new ArgumentException($"Arrays of {elementType.Name} need an explicit type.", nameof(type));
        if (type.ClrType != elementType) throw new ArgumentException($"A {type.Name} array needs {type.ClrType.Name} values, not {elementType.Name}.", nameof(type));
        return new InMemoryArray(ArrayValues.Bytes(values).ToArray(), shape, type, null, description);
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

    /// <summary>A scalar.</summary>
    public static InMemoryArray Scalar(double value) =>
        new(BitConverter.GetBytes(value), [], DataType.Float64, null, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The raw bytes (C order, machine byte order).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

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
        if (Shape.Length == 0)
        {
            _bytes.CopyTo(destination);
            return;
        }
        for (int d = 0; d < Shape.Length; d++)
            if (start[d] < 0 || count[d] < 0 || start[d] + count[d] > Shape[d])
                throw new ZarrPSException(ErrorKind.InvalidArgument, "IndexOutOfRange",
                    $"Region {start[d]}+{count[d]} is outside axis {d} of {Description} (length {Shape[d]}).");
        StridedCopy.Copy(_bytes, Shape, start, destination, count, new long[Shape.Length], count, DType.ItemSize);
    }

    /// <summary>The same data with another chunk layout.</summary>
    public InMemoryArray WithChunks(ChunkLayout chunks) => new(_bytes, Shape, DType, chunks, Description);

    /// <summary>Values as a typed span.</summary>
    public ReadOnlySpan<T> Values<T>() where T : unmanaged => MemoryMarshal.Cast<byte, T>(_bytes);
}
