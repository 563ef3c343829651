using System.Reflection;
using PureHDF.Filters;

namespace ZarrPS.Engine.Formats.NetCdf4;

/// <summary>
/// HDF5's shuffle filter (id 2) for reading: PureHDF's vectorised unshuffle into a pooled chunk buffer (see
/// <see cref="ChunkBufferLedger"/>), handing back the inflated input at once. Shuffling, and unshuffling when
/// PureHDF's routine cannot be reached, stay PureHDF's.
/// </summary>
internal sealed class PooledShuffleFilter : IH5Filter
{
    private delegate void Unshuffle(int bytesOfType, Span<byte> source, Span<byte> destination);

    private static readonly Unshuffle? VectorisedUnshuffle = typeof(ShuffleFilter).Assembly
        .GetType("PureHDF.Filters.Shuffle")
        ?.GetMethod("DoUnshuffle", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(int), typeof(Span<byte>), typeof(Span<byte>)])
        ?.CreateDelegate<Unshuffle>();

    private readonly ShuffleFilter _builtIn = new();

    /// <summary>True when PureHDF's vectorised unshuffle was found (otherwise reads fall back to PureHDF's allocating filter).</summary>
    public static bool UsesVectorisedUnshuffle => VectorisedUnshuffle is not null;

    public ushort FilterId => ShuffleFilter.Id;

    public string Name => _builtIn.Name;

    public Memory<byte> Filter(FilterInfo info)
    {
        if (!info.Flags.HasFlag(H5FilterFlags.Decompress) || VectorisedUnshuffle is null || info.Parameters.Length == 0)
            return _builtIn.Filter(info);

        int length = info.Buffer.Length;
        byte[] output = ChunkBufferLedger.Rent(length);
        VectorisedUnshuffle((int)info.Parameters[0], info.Buffer.Span, output.AsSpan(0, length));
        ChunkBufferLedger.Return(info.Buffer);
        return output.AsMemory(0, length);
    }

    public uint[] GetParameters(uint[] chunkDimensions, uint typeSize, Dictionary<string, object>? options) =>
        _builtIn.GetParameters(chunkDimensions, typeSize, options);
}
