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

    /// <summary>Wraps a .NET array of a blittable element type (any rank).</summary>
    public static InMemoryArray FromArray(Array values, DataType dtype, string? description = null)
    {
        var shape = Enumerable.Range(0, values.Rank).Select(d => (long)values.GetLength(d)).ToArray();
        return new InMemoryArray(ArrayValues.Bytes(values).ToArray(), shape, dtype, null, description);
    }

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
        StridedCopy.Copy(_bytes, Shape, start, destination, count, new long[Shape.Length], count, DType.ItemSize);
    }

    /// <summary>The same data with another chunk layout.</summary>
    public InMemoryArray WithChunks(ChunkLayout chunks) => new(_bytes, Shape, DType, chunks, Description);

    /// <summary>Values as a typed span.</summary>
    public ReadOnlySpan<T> Values<T>() where T : unmanaged => MemoryMarshal.Cast<byte, T>(_bytes);
}
