using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model.Typed;

/// <summary>What a typed label selection holds, whatever the label type: nothing, one label, a slice, or a list.</summary>
internal readonly struct LabelSpec
{
    private readonly byte _kind; // 0 all, 1 one label, 2 inclusive slice (null bounds open), 3 list
    private readonly object? _a;
    private readonly object? _b;
    private readonly object[]? _many;

    private LabelSpec(byte kind, object? a, object? b, object[]? many)
    {
        _kind = kind;
        _a = a;
        _b = b;
        _many = many;
    }

    public bool IsAll => _kind == 0;

    public static LabelSpec One(object label) => new(1, label, null, null);

    public static LabelSpec Slice(object? start, object? stop) => new(2, start, stop, null);

    public static LabelSpec Many(object[] labels) => new(3, null, null, labels);

    /// <summary>Resolves the labels against the index of <paramref name="dim"/>'s coordinate and adds the positions.</summary>
    public void AddTo(IDictionary<string, AxisSelection> selection, string dim, DataArray array, SelectMethod method, object? tolerance)
    {
        if (_kind == 0) return;
        if (!array.Coords.TryGetValue(dim, out var coord) || coord.Rank != 1 || coord.Dims[0] != dim)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NoIndex",
                $"Dimension '{dim}' of '{array.Name}' has no coordinate to select labels from; select positions with Isel instead.", dim);
        var index = CoordinateIndex.Load(dim, coord);
        selection[dim] = _kind switch
        {
            1 => index.Select(_a!, method, tolerance),
            2 => index.Slice(_a, _b),
            _ => index.SelectMany(_many!, method, tolerance),
        };
    }

    public override string ToString() => _kind switch
    {
        0 => "all",
        1 => $"{_a}",
        2 => $"{_a} .. {_b}",
        _ => "[" + string.Join(", ", _many!) + "]",
    };
}
