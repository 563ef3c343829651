using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.ML;

/// <summary>
/// float32 data computed from its position when read (synthetic sample data): any size, no memory, the same values
/// whichever region or chunk is read. The function fills one innermost row.
/// </summary>
internal sealed class ProceduralArray : ILazyArray
{
    /// <summary>Fills the innermost row at <c>index</c> (the last entry is the row's first position) into the span.</summary>
    public delegate void RowFunction(ReadOnlySpan<long> index, Span<float> row);

    private readonly RowFunction _row;

    public ProceduralArray(long[] shape, int[] chunk, string description, RowFunction row)
    {
        Shape = shape;
        Chunks = ChunkLayout.Regular(shape, chunk);
        Description = description;
        _row = row;
    }

    public long[] Shape { get; }

    public DataType DType => DataType.Float32;

    public ChunkLayout Chunks { get; }

    public string Description { get; }

    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        int rank = Shape.Length;
        for (int d = 0; d < rank; d++)
            if (start[d] < 0 || count[d] < 0 || start[d] + count[d] > Shape[d])
                throw new ZarrPSException(ErrorKind.InvalidArgument, "IndexOutOfRange", $"Region {start[d]}+{count[d]} is outside axis {d} of {Description} (length {Shape[d]}).");
        var values = MemoryMarshal.Cast<byte, float>(destination);
        long n = StridedCopy.Product(count);
        if (n == 0) return;
        int run = (int)count[rank - 1];
        var index = start.ToArray();
        for (long s = 0; s < n; s += run)
        {
            _row(index, values.Slice((int)s, run));
            for (int d = rank - 2; d >= 0; d--)
            {
                if (++index[d] < start[d] + count[d]) break;
                index[d] = start[d];
            }
        }
    }
}
