namespace ZarrPS.Engine.Codecs;

/// <summary>
/// What a codec sees of a chunk: its shape, element type and fill value. In memory a chunk is always C-order
/// bytes in the machine's byte order; <see cref="DType"/>'s byte order is ignored there.
/// </summary>
/// <param name="Shape">Chunk shape (all chunks of a regular grid have the full shape, edge chunks included).</param>
/// <param name="DType">Element type.</param>
/// <param name="FillValue">One element's bytes in machine byte order; empty for zeros.</param>
public sealed record ChunkSpec(int[] Shape, DataType DType, byte[] FillValue)
{
    /// <summary>The number of elements.</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (int s in Shape) n *= s;
            return n;
        }
    }

    /// <summary>The number of bytes of the decoded chunk.</summary>
    public int ByteCount => checked((int)(ElementCount * DType.ItemSize));

    /// <summary>True when the fill value is all zero bytes (so zeroed memory is already filled).</summary>
    public bool FillIsZero => FillValue.AsSpan().IndexOfAnyExcept((byte)0) < 0;

    /// <summary>Fills <paramref name="destination"/> with repeated fill values.</summary>
    public void Fill(Span<byte> destination) => FillPattern(destination, FillValue);

    /// <summary>Fills <paramref name="destination"/> with a repeated element pattern (zero when the pattern is empty or all zero).</summary>
    public static void FillPattern(Span<byte> destination, ReadOnlySpan<byte> pattern)
    {
        if (pattern.Length == 0 || pattern.IndexOfAnyExcept((byte)0) < 0)
        {
            destination.Clear();
            return;
        }
        if (pattern.Length == 1)
        {
            destination.Fill(pattern[0]);
            return;
        }
        int n = Math.Min(pattern.Length, destination.Length);
        pattern[..n].CopyTo(destination);
        // Doubling copies: O(log n) calls.
        while (n < destination.Length)
        {
            int c = Math.Min(n, destination.Length - n);
            destination[..c].CopyTo(destination[n..]);
            n += c;
        }
    }
}
