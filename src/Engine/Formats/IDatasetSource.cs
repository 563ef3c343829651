namespace ZarrPS.Engine.Formats;

/// <summary>A dimension as a file declares it.</summary>
/// <param name="Name">The dimension name.</param>
/// <param name="Length">Its length (for an unlimited dimension, the current number of records).</param>
/// <param name="IsUnlimited">True for NetCDF's unlimited (record) dimension.</param>
public sealed record DimensionInfo(string Name, long Length, bool IsUnlimited = false);

/// <summary>
/// What a backend opens: a file or store holding named dimensions, variables and global attributes.
/// The labelled model (Dataset) is built on top of it; nothing here decodes CF conventions.
/// </summary>
public interface IDatasetSource : IDisposable
{
    /// <summary>The file, directory or URL, for messages.</summary>
    string Location { get; }

    /// <summary>The dimensions in declaration order.</summary>
    IReadOnlyList<DimensionInfo> Dimensions { get; }

    /// <summary>The variables in declaration order; each has <see cref="IChunkedSource.DimensionNames"/> set.</summary>
    IReadOnlyList<IChunkedSource> Variables { get; }

    /// <summary>Global attributes, in stored order.</summary>
    OrderedDictionary<string, object?> Attributes { get; }
}
