namespace ZarrPS.Engine.Formats.NetCdf3;

/// <summary>
/// Bytes addressed by absolute offset, readable from many threads at once: a local file today, an HTTP
/// object with range requests later. Readers never seek, so one source serves concurrent reads.
/// </summary>
internal interface IRandomAccessSource : IDisposable
{
    /// <summary>The number of bytes, fixed when the source was opened.</summary>
    long Length { get; }

    /// <summary>
    /// Reads up to destination.Length bytes starting at <paramref name="offset"/>; returns how many were
    /// read, fewer only at the end of the source (0 at or past it).
    /// </summary>
    int Read(long offset, Span<byte> destination);
}
