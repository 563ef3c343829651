using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model;

/// <summary>xarray's DataArray: a variable with a name and the coordinates that label its dimensions.</summary>
public sealed class DataArray
{
    /// <summary>Creates a DataArray.</summary>
    public DataArray(string? name, Variable variable, OrderedDictionary<string, Variable>? coords = null)
    {
        Name = name;
        Variable = variable;
        Coords = coords ?? new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
    }

    /// <summary>The name (the variable's name in its Dataset).</summary>
    public string? Name { get; }

    /// <summary>The variable: dims, data, attrs, encoding.</summary>
    public Variable Variable { get; }

    /// <summary>Coordinates whose dimensions are among this array's.</summary>
    public OrderedDictionary<string, Variable> Coords { get; }

    /// <summary>Dimension names.</summary>
    public IReadOnlyList<string> Dims => Variable.Dims;

    /// <summary>The shape.</summary>
    public long[] Shape => Variable.Shape;

    /// <summary>The element type's numpy name (float32, int16 ...).</summary>
    public string DType => Variable.DType.Name;

    /// <summary>The element type.</summary>
    public DataType DataType => Variable.DType;

    /// <summary>The chunking (dask notation when printed).</summary>
    public ChunkLayout Chunks => Variable.Chunks;

    /// <summary>Attributes.</summary>
    public OrderedDictionary<string, object?> Attrs => Variable.Attrs;

    /// <summary>Encoding.</summary>
    public Dictionary<string, object?> Encoding => Variable.Encoding;

    /// <summary>Size of each dimension.</summary>
    public OrderedDictionary<string, long> Sizes => Variable.Sizes;

    /// <summary>The number of elements.</summary>
    public long Size => Variable.Size;

    /// <summary>The number of dimensions.</summary>
    public int Rank => Variable.Rank;

    /// <summary>Reads all values (a .NET array with the shape; a scalar for rank 0).</summary>
    public object? Values => Variable.Values;

    /// <summary>Positional selection (xarray's isel): dimension → int, int[], 'start:stop:step'.</summary>
    public DataArray Isel(System.Collections.IDictionary selections) =>
        Model.Isel.Apply(this, Dataset.ToPositional(selections, Sizes));

    /// <summary>Label selection (xarray's sel): dimension → label, @(start, stop), or three or more labels.</summary>
    public DataArray Sel(System.Collections.IDictionary labels, SelectMethod method = SelectMethod.Exact, object? tolerance = null) =>
        Model.Sel.Apply(this, Dataset.ToLabels(labels), method, tolerance);

    /// <summary>Drops scalar (0-D) coordinates, as xarray's sel(drop=True).</summary>
    public DataArray DropScalarCoords()
    {
        var coords = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (k, v) in Coords) if (v.Rank > 0) coords[k] = v;
        return new DataArray(Name, Variable, coords);
    }

    /// <inheritdoc />
    public override string ToString() => Repr.Of(this);
}
