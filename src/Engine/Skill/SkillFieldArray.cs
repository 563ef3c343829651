using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;

namespace ZarrPS.Engine.Skill;

/// <summary>Turns one element's fields into a score's values (one, or a table's cells).</summary>
public delegate void FieldFinisher(ReadOnlySpan<double> fields, Span<double> result);

/// <summary>
/// One score as an array over the kept dimensions (and the score's own trailing dimensions, e.g. a table's
/// categories): it reads some fields of a sums or series node and finishes them element by element.
/// </summary>
public sealed class SkillFieldArray : IGraphNode
{
    private readonly ILazyArray _source;
    private readonly int _first, _count, _width, _keptRank;
    private readonly FieldFinisher _finish;

    /// <summary>
    /// The score <paramref name="name"/> from fields <paramref name="first"/>..+<paramref name="count"/> of
    /// <paramref name="source"/> (whose last axis holds the fields); <paramref name="extraShape"/> are its own axes.
    /// </summary>
    public SkillFieldArray(string name, ILazyArray source, int first, int count, long[] extraShape, FieldFinisher finish)
    {
        _source = source;
        _first = first;
        _count = count;
        _finish = finish;
        _keptRank = source.Shape.Length - 1;
        _width = (int)StridedCopy.Product(extraShape);
        Name = name;
        Shape = [.. source.Shape[.._keptRank], .. extraShape];
        Chunks = new ChunkLayout([.. source.Chunks.Sizes[.._keptRank], .. extraShape.Select(x => new[] { x })]);
    }

    /// <summary>The score.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <inheritdoc />
    public DataType DType => DataType.Float64;

    /// <inheritdoc />
    public ChunkLayout Chunks { get; }

    /// <inheritdoc />
    public string Description => $"{Name} ({_source.Description})";

    /// <inheritdoc />
    public string Kind => "map";

    /// <inheritdoc />
    public string Label => Name;

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => [_source];

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        int k = _keptRank;
        long n = StridedCopy.Product(count[..k]);
        long[] s = [.. start[..k], _first];
        long[] c = [.. count[..k], _count];
        var fields = new double[n * _count];
        _source.ReadRegion(s, c, MemoryMarshal.AsBytes(fields.AsSpan()));
        var dst = MemoryMarshal.Cast<byte, double>(destination);
        bool whole = start[k..].ToArray().All(x => x == 0) && count[k..].ToArray().SequenceEqual(Shape[k..]);
        var values = new double[_width];
        long per = StridedCopy.Product(count[k..]);
        for (long i = 0; i < n; i++)
        {
            var f = fields.AsSpan((int)(i * _count), _count);
            if (whole)
            {
                _finish(f, dst.Slice((int)(i * _width), _width));
                continue;
            }
            _finish(f, values);
            // A part of the score's own axes was asked for: copy that box out of the element's values.
            var sub = new InMemoryArray(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), Shape[k..], DataType.Float64);
            sub.ReadRegion(start[k..], count[k..], MemoryMarshal.AsBytes(dst.Slice((int)(i * per), (int)per)));
        }
    }
}
