namespace ZarrPS.Engine.Arrays;

/// <summary>
/// N-dimensional data that is read only when asked: a stored array, a selection of one, a decoded view, the
/// result of a computation. Reading any region is the one operation; chunking says how it is best read.
/// Implementations are safe to read from many threads at once.
/// </summary>
public interface ILazyArray
{
    /// <summary>The shape; empty for a scalar.</summary>
    long[] Shape { get; }

    /// <summary>The element type in memory (machine byte order).</summary>
    DataType DType { get; }

    /// <summary>How the data is chunked: the unit of reading and computing.</summary>
    ChunkLayout Chunks { get; }

    /// <summary>What the data is, for messages ("'SST' in 'coads.zarr'").</summary>
    string Description { get; }

    /// <summary>Reads the box <paramref name="start"/>..+<paramref name="count"/> in C order into <paramref name="destination"/>.</summary>
    void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination);
}
