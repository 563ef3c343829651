namespace ZarrPS.Engine.Storage;

/// <summary>
/// A part of a stored value: <see cref="Offset"/> bytes in and <see cref="Length"/> bytes long, or with a
/// negative offset the last <c>-Offset</c> bytes (a suffix, as an HTTP <c>Range: bytes=-n</c>).
/// </summary>
public readonly record struct ByteRange(long Offset, long Length)
{
    /// <summary>The last <paramref name="count"/> bytes of a value.</summary>
    public static ByteRange Suffix(long count) => new(-count, count);

    /// <summary>True when this range counts from the end of the value.</summary>
    public bool IsSuffix => Offset < 0;

    /// <summary>Resolves the range against a value of <paramref name="totalLength"/> bytes: start and length, clamped.</summary>
    public (long Start, long Count) Resolve(long totalLength)
    {
        if (IsSuffix)
        {
            long n = Math.Min(-Offset, totalLength);
            return (totalLength - n, n);
        }
        long start = Math.Min(Offset, totalLength);
        long count = Math.Min(Length, totalLength - start);
        return (start, count);
    }

    /// <inheritdoc />
    public override string ToString() => IsSuffix ? $"last {-Offset} bytes" : $"bytes {Offset}..{Offset + Length - 1}";
}
