using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model.Typed;

/// <summary>
/// A positional selection of one dimension for generated Isel methods: a position (<c>3</c>, <c>^1</c>, which drops
/// the dimension), a range (<c>0..10</c>, <c>^5..</c>), or several positions. The default selects everything.
/// </summary>
public readonly struct Positions
{
    private readonly Index _index;
    private readonly Range _range;
    private readonly long[]? _list;
    private readonly byte _kind; // 0 all, 1 one position, 2 range, 3 list

    private Positions(byte kind, Index index, Range range, long[]? list)
    {
        _kind = kind;
        _index = index;
        _range = range;
        _list = list;
    }

    /// <summary>The whole dimension.</summary>
    public static Positions All => default;

    /// <summary>True when this selects the whole dimension (nothing was given).</summary>
    public bool IsAll => _kind == 0;

    /// <summary>Several positions, in the order given (negative ones count from the end).</summary>
    public static Positions Of(params long[] positions) => new(3, default, default, (long[])positions.Clone());

    /// <summary>One position (negative counts from the end); the dimension is dropped.</summary>
    public static implicit operator Positions(int position) => new(1, position < 0 ? Index.FromEnd(-position) : Index.FromStart(position), default, null);

    /// <summary>One position counted from the start or the end; the dimension is dropped.</summary>
    public static implicit operator Positions(Index position) => new(1, position, default, null);

    /// <summary>A range of positions (end exclusive), as C# ranges.</summary>
    public static implicit operator Positions(Range range) => new(2, default, range, null);

    /// <summary>Several positions.</summary>
    public static implicit operator Positions(long[] positions) => Of(positions);

    /// <summary>Adds this selection of dimension <paramref name="dim"/> (of <paramref name="length"/> elements) to <paramref name="selection"/>.</summary>
    public void AddTo(IDictionary<string, AxisSelection> selection, string dim, long length)
    {
        switch (_kind)
        {
            case 1:
                selection[dim] = AxisSelection.Scalar(Check(_index.IsFromEnd ? length - _index.Value : _index.Value, length, dim, _index.ToString(), false));
                break;
            case 2:
                long start = Check(_range.Start.IsFromEnd ? length - _range.Start.Value : _range.Start.Value, length, dim, _range.ToString(), true);
                long stop = Check(_range.End.IsFromEnd ? length - _range.End.Value : _range.End.Value, length, dim, _range.ToString(), true);
                if (stop < start)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidSelection", $"Invalid range {_range} for dimension '{dim}': it ends before it starts.", dim);
                selection[dim] = AxisSelection.Range(start, stop);
                break;
            case 3:
                var p = new long[_list!.Length];
                for (int i = 0; i < p.Length; i++)
                    p[i] = Check(_list[i] < 0 ? _list[i] + length : _list[i], length, dim, _list[i].ToString(System.Globalization.CultureInfo.InvariantCulture), false);
                selection[dim] = AxisSelection.List(p);
                break;
        }
    }

    // Range bounds may equal the length (an end, or an empty range at the end); positions may not.
    private static long Check(long position, long length, string dim, string given, bool bound)
    {
        if (position < 0 || (bound ? position > length : position >= length))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "IndexOutOfRange",
                $"Dimension '{dim}' has {length} elements, index {given} is out of bounds.", dim);
        return position;
    }

    /// <inheritdoc />
    public override string ToString() => _kind switch
    {
        0 => "all",
        1 => _index.ToString(),
        2 => _range.ToString(),
        _ => "[" + string.Join(", ", _list!) + "]",
    };
}
