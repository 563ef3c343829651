using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model.Cf;

/// <summary>
/// NetCDF character arrays (|S1 with a trailing string-length dimension) joined into fixed strings along that
/// dimension, as xarray's CharacterArrayCoder does.
/// </summary>
public sealed class CharArray : Compute.IGraphNode
{
    /// <summary>Joins the last axis of <paramref name="chars"/> (|S1).</summary>
    public CharArray(ILazyArray chars)
    {
        Chars = chars;
        int len = (int)chars.Shape[^1];
        Shape = chars.Shape[..^1];
        DType = DataType.FixedBytes(Math.Max(1, len));
        Chunks = new ChunkLayout(chars.Chunks.Sizes[..^1]);
    }

    /// <summary>The character array.</summary>
    public ILazyArray Chars { get; }

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <inheritdoc />
    public DataType DType { get; }

    /// <inheritdoc />
    public ChunkLayout Chunks { get; }

    /// <inheritdoc />
    public string Description => Chars.Description;

    /// <inheritdoc />
    public string Kind => "decode";

    /// <inheritdoc />
    public string Label => "join characters";

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => [Chars];

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        long len = Chars.Shape[^1];
        if (len == 0) { destination.Clear(); return; }
        // The bytes of the strings are the characters in C order: read them straight into the destination.
        Chars.ReadRegion([.. start, 0], [.. count, len], destination);
    }
}
