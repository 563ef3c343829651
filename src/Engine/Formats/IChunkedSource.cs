namespace ZarrPS.Engine.Formats;

/// <summary>
/// One stored N-dimensional array as every format exposes it (a Zarr array, a NetCDF variable): its shape,
/// element type, natural chunk grid, attributes, and reads of any rectangular region.
/// Implementations are safe to read from many threads at once.
/// </summary>
public interface IChunkedSource
{
    /// <summary>The array's name (a variable name, or a path inside a Zarr hierarchy).</summary>
    string Name { get; }

    /// <summary>The file, directory or URL it lives in, for messages.</summary>
    string Location { get; }

    /// <summary>The shape; empty for a scalar.</summary>
    long[] Shape { get; }

    /// <summary>The element type as read into memory (machine byte order).</summary>
    DataType DType { get; }

    /// <summary>The natural read unit: the storage chunk shape, or a virtual grid for unchunked formats.</summary>
    int[] ChunkShape { get; }

    /// <summary>Names of the dimensions, one per axis, when the format records them.</summary>
    IReadOnlyList<string>? DimensionNames { get; }

    /// <summary>Attributes, in stored order. Values are strings, .NET numbers of the stored type, typed arrays, bools, nulls, lists or dictionaries (from JSON).</summary>
    OrderedDictionary<string, object?> Attributes { get; }

    /// <summary>The format's fill value for unwritten data as one element in machine byte order, or null when there is none.</summary>
    byte[]? FillValue { get; }

    /// <summary>
    /// Reads the box <paramref name="start"/>..start+count (C order, machine byte order) into
    /// <paramref name="destination"/>, which holds exactly prod(count) elements. Throws
    /// <see cref="ZarrPSException"/> naming the array and the stored unit that failed.
    /// </summary>
    void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination);
}
