using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;

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

    // ------------------------------------------------------------------ arithmetic (PowerShell's + - * / use these)

    /// <summary>a + b.</summary>
    public static DataArray operator +(DataArray a, DataArray b) => Operations.Binary(a, b, BinaryOp.Add);
    /// <summary>a - b.</summary>
    public static DataArray operator -(DataArray a, DataArray b) => Operations.Binary(a, b, BinaryOp.Subtract);
    /// <summary>a * b.</summary>
    public static DataArray operator *(DataArray a, DataArray b) => Operations.Binary(a, b, BinaryOp.Multiply);
    /// <summary>a / b.</summary>
    public static DataArray operator /(DataArray a, DataArray b) => Operations.Binary(a, b, BinaryOp.Divide);
    /// <summary>a + x.</summary>
    public static DataArray operator +(DataArray a, double x) => Operations.Binary(a, x, BinaryOp.Add);
    /// <summary>a - x.</summary>
    public static DataArray operator -(DataArray a, double x) => Operations.Binary(a, x, BinaryOp.Subtract);
    /// <summary>a * x.</summary>
    public static DataArray operator *(DataArray a, double x) => Operations.Binary(a, x, BinaryOp.Multiply);
    /// <summary>a / x.</summary>
    public static DataArray operator /(DataArray a, double x) => Operations.Binary(a, x, BinaryOp.Divide);
    /// <summary>x + a.</summary>
    public static DataArray operator +(double x, DataArray a) => Operations.Binary(a, x, BinaryOp.Add, scalarFirst: true);
    /// <summary>x - a.</summary>
    public static DataArray operator -(double x, DataArray a) => Operations.Binary(a, x, BinaryOp.Subtract, scalarFirst: true);
    /// <summary>x * a.</summary>
    public static DataArray operator *(double x, DataArray a) => Operations.Binary(a, x, BinaryOp.Multiply, scalarFirst: true);
    /// <summary>x / a.</summary>
    public static DataArray operator /(double x, DataArray a) => Operations.Binary(a, x, BinaryOp.Divide, scalarFirst: true);
    /// <summary>-a.</summary>
    public static DataArray operator -(DataArray a) => Operations.Unary(a, UnaryOp.Negate);

    /// <summary>a ** x.</summary>
    public DataArray Pow(object x) => Operations.Binary(this, x, BinaryOp.Power);

    /// <summary>this &gt; other (a DataArray or a number).</summary>
    public DataArray Gt(object other) => Operations.Binary(this, other, BinaryOp.Greater);
    /// <summary>this &gt;= other.</summary>
    public DataArray Ge(object other) => Operations.Binary(this, other, BinaryOp.GreaterEqual);
    /// <summary>this &lt; other.</summary>
    public DataArray Lt(object other) => Operations.Binary(this, other, BinaryOp.Less);
    /// <summary>this &lt;= other.</summary>
    public DataArray Le(object other) => Operations.Binary(this, other, BinaryOp.LessEqual);
    /// <summary>this == other.</summary>
    public DataArray Eq(object other) => Operations.Binary(this, other, BinaryOp.Equal);
    /// <summary>this != other.</summary>
    public DataArray Ne(object other) => Operations.Binary(this, other, BinaryOp.NotEqual);
    /// <summary>Element-wise logical and.</summary>
    public DataArray And(object other) => Operations.Binary(this, other, BinaryOp.And);
    /// <summary>Element-wise logical or.</summary>
    public DataArray Or(object other) => Operations.Binary(this, other, BinaryOp.Or);

    /// <summary>Values where <paramref name="cond"/> holds, <paramref name="other"/> (default NaN) elsewhere.</summary>
    public DataArray Where(DataArray cond, object? other = null) => Operations.Where(this, cond, other);

    /// <summary>Converted to another element type.</summary>
    public DataArray AsType(string dtype) => Operations.AsType(this, dtype);

    /// <summary>|x|.</summary>
    public DataArray Abs() => Operations.Unary(this, UnaryOp.Abs);
    /// <summary>Square root.</summary>
    public DataArray Sqrt() => Operations.Unary(this, UnaryOp.Sqrt);
    /// <summary>e^x.</summary>
    public DataArray Exp() => Operations.Unary(this, UnaryOp.Exp);
    /// <summary>Natural logarithm.</summary>
    public DataArray Log() => Operations.Unary(this, UnaryOp.Log);
    /// <summary>Cosine (of radians).</summary>
    public DataArray Cos() => Operations.Unary(this, UnaryOp.Cos);
    /// <summary>Sine (of radians).</summary>
    public DataArray Sin() => Operations.Unary(this, UnaryOp.Sin);
    /// <summary>Values limited to [min, max] (NaN for an open bound).</summary>
    public DataArray Clip(double min = double.NaN, double max = double.NaN) => Operations.Unary(this, UnaryOp.Clip, min, max);
    /// <summary>True where the value is NaN.</summary>
    public DataArray IsNull() => Operations.Unary(this, UnaryOp.IsNull);
    /// <summary>True where the value is not NaN.</summary>
    public DataArray NotNull() => Operations.Unary(this, UnaryOp.NotNull);
    /// <summary>NaN replaced by <paramref name="value"/>.</summary>
    public DataArray FillNa(double value) => Operations.Unary(this, UnaryOp.FillNa, value);

    // ------------------------------------------------------------------ reductions

    /// <summary>Reduces over dims (all when none given).</summary>
    public DataArray Reduce(ReduceOp op, string[]? dims = null, bool? skipNa = null, DataArray? weights = null, int ddof = 0) =>
        Operations.Reduce(this, op, dims, skipNa, weights, ddof);
    /// <summary>Mean over dims (all when none).</summary>
    public DataArray Mean(params string[] dims) => Reduce(ReduceOp.Mean, dims);
    /// <summary>Sum over dims.</summary>
    public DataArray Sum(params string[] dims) => Reduce(ReduceOp.Sum, dims);
    /// <summary>Minimum over dims.</summary>
    public DataArray Min(params string[] dims) => Reduce(ReduceOp.Min, dims);
    /// <summary>Maximum over dims.</summary>
    public DataArray Max(params string[] dims) => Reduce(ReduceOp.Max, dims);
    /// <summary>Standard deviation over dims (ddof 0).</summary>
    public DataArray Std(params string[] dims) => Reduce(ReduceOp.Std, dims);
    /// <summary>Variance over dims (ddof 0).</summary>
    public DataArray Var(params string[] dims) => Reduce(ReduceOp.Var, dims);
    /// <summary>Median over dims.</summary>
    public DataArray Median(params string[] dims) => Operations.Quantile(this, 0.5, dims);
    /// <summary>The q-quantile (0..1) over dims.</summary>
    public DataArray Quantile(double q, params string[] dims) => Operations.Quantile(this, q, dims);
    /// <summary>Number of non-NaN values over dims.</summary>
    public DataArray Count(params string[] dims) => Reduce(ReduceOp.Count, dims);

    // ------------------------------------------------------------------ computing

    /// <summary>
    /// A Dataset holding this array and its coordinates (xarray's to_dataset); an unnamed array is called
    /// <paramref name="name"/>, or xarray's "__xarray_dataarray_variable__".
    /// </summary>
    public Dataset ToDataset(string? name = null)
    {
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (k, v) in Coords) vars[k] = v;
        vars[name ?? Name ?? "__xarray_dataarray_variable__"] = Variable;
        return new Dataset(vars, Coords.Keys);
    }

    /// <summary>Computes the values into memory now (in parallel, under the memory budget): a DataArray holding them.</summary>
    public DataArray Compute(ComputeOptions? options = null) =>
        new(Name, Variable.WithData(Graph.Compute(Variable.Data, options)), Coords);

    /// <summary>Like <see cref="Compute"/>, keeping the chunk layout: later operations read the kept chunks.</summary>
    public DataArray Persist(ComputeOptions? options = null) => Compute(options);

    /// <inheritdoc />
    public override string ToString() => Repr.Of(this);
}
