using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Compute.Kernels;

namespace ZarrPS.Engine.Model;

/// <summary>
/// Operations of the labelled layer, as xarray defines them: operands are matched by dimension name (broadcast
/// along dimensions one lacks) and aligned by coordinate labels (inner join); results are lazy graph nodes.
/// </summary>
public static class Operations
{
    // ------------------------------------------------------------------ alignment and broadcasting

    /// <summary>Aligns two arrays on their shared indexed dimensions (inner join, as xarray's default).</summary>
    public static (DataArray A, DataArray B) Align(DataArray a, DataArray b)
    {
        var selA = new Dictionary<string, AxisSelection>(StringComparer.Ordinal);
        var selB = new Dictionary<string, AxisSelection>(StringComparer.Ordinal);
        foreach (var dim in a.Dims)
        {
            int ib = b.Variable.AxisOf(dim);
            if (ib < 0) continue;
            if (!a.Coords.TryGetValue(dim, out var ca) || !b.Coords.TryGetValue(dim, out var cb) || ca.Rank != 1 || cb.Rank != 1)
            {
                long na = a.Shape[a.Variable.AxisOf(dim)], nb = b.Shape[ib];
                if (na != nb)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionMismatch",
                        $"Dimension '{dim}' has {na} elements in '{a.Name ?? "left"}' but {nb} in '{b.Name ?? "right"}', and no coordinate to align them by.", dim);
                continue;
            }
            var la = Labels(ca);
            var lb = Labels(cb);
            if (la.SequenceEqual(lb)) continue;
            var posB = new Dictionary<double, long>();
            for (long i = 0; i < lb.Length; i++) posB.TryAdd(lb[i], i);
            var keepA = new List<long>();
            var keepB = new List<long>();
            for (long i = 0; i < la.Length; i++)
                if (posB.TryGetValue(la[i], out long j)) { keepA.Add(i); keepB.Add(j); }
            if (keepA.Count == 0)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "NoOverlap",
                    $"The coordinates '{dim}' of '{a.Name ?? "left"}' and '{b.Name ?? "right"}' have no labels in common.", dim);
            selA[dim] = AxisSelection.List(keepA.ToArray());
            selB[dim] = AxisSelection.List(keepB.ToArray());
        }
        return (selA.Count == 0 ? a : Isel.Apply(a, selA), selB.Count == 0 ? b : Isel.Apply(b, selB));
    }

    private static double[] Labels(Variable coord)
    {
        var values = ArrayValues.ReadAll(coord.Data);
        var r = new double[values.Length];
        int i = 0;
        foreach (var o in values)
            r[i++] = o switch
            {
                string s => s.GetHashCode(),
                Half h => (double)h,
                _ => System.Convert.ToDouble(o, System.Globalization.CultureInfo.InvariantCulture),
            };
        return r;
    }

    /// <summary>The dimensions of a result: the first operand's, then the others' new ones.</summary>
    private static (string[] Dims, long[] Shape) UnionDims(params DataArray[] arrays)
    {
        var dims = new List<string>();
        var shape = new List<long>();
        foreach (var x in arrays)
            for (int d = 0; d < x.Rank; d++)
            {
                int at = dims.IndexOf(x.Dims[d]);
                if (at < 0) { dims.Add(x.Dims[d]); shape.Add(x.Shape[d]); }
                else if (shape[at] != x.Shape[d] && x.Shape[d] != 1 && shape[at] != 1)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionMismatch",
                        $"Dimension '{x.Dims[d]}' has {shape[at]} elements in one operand and {x.Shape[d]} in '{x.Name ?? "the other"}'.", x.Dims[d]);
                else shape[at] = Math.Max(shape[at], x.Shape[d]);
            }
        return (dims.ToArray(), shape.ToArray());
    }

    private static Operand OperandOf(DataArray x, string[] dims) =>
        new(x.Variable.Data, dims.Select(d => x.Variable.AxisOf(d)).ToArray());

    private static OrderedDictionary<string, Variable> MergeCoords(string[] dims, params DataArray[] arrays)
    {
        var coords = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var x in arrays)
            foreach (var (k, v) in x.Coords)
                if (!coords.ContainsKey(k) && v.Dims.All(dims.Contains)) coords[k] = v;
        return coords;
    }

    // ------------------------------------------------------------------ element-wise

    /// <summary>a op b for two DataArrays (aligned, broadcast by dimension name).</summary>
    public static DataArray Binary(DataArray a, DataArray b, BinaryOp op)
    {
        (a, b) = Align(a, b);
        var (dims, shape) = UnionDims(a, b);
        var node = new BinaryArray(OperandOf(a, dims), OperandOf(b, dims), shape, op);
        string? name = a.Name == b.Name ? a.Name : null;
        return new DataArray(name, new Variable(dims, node), MergeCoords(dims, a, b));
    }

    /// <summary>a op number, or number op a when <paramref name="scalarFirst"/>.</summary>
    public static DataArray Binary(DataArray a, double scalar, BinaryOp op, bool scalarFirst = false)
    {
        var dims = a.Dims.ToArray();
        var s = new Operand(InMemoryArray.Scalar(scalar), dims.Select(_ => -1).ToArray());
        var x = OperandOf(a, dims);
        var node = scalarFirst ? new BinaryArray(s, x, a.Shape, op) : new BinaryArray(x, s, a.Shape, op);
        return new DataArray(a.Name, new Variable(dims, node), a.Coords);
    }

    /// <summary>A DataArray op another DataArray or a number (anything convertible to double).</summary>
    public static DataArray Binary(DataArray a, object other, BinaryOp op) => other switch
    {
        DataArray b => Binary(a, b, op),
        Dataset => throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidOperand", "Combine a DataArray with a DataArray or a number, not a Dataset."),
        _ => Binary(a, ToDouble(other), op),
    };

    internal static double ToDouble(object o) => o switch
    {
        bool b => b ? 1 : 0,
        Half h => (double)h,
        string s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture),
        _ => System.Convert.ToDouble(o, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>f(a) element by element.</summary>
    public static DataArray Unary(DataArray a, UnaryOp op, double p1 = double.NaN, double p2 = double.NaN) =>
        new(a.Name, new Variable(a.Dims, new UnaryArray(a.Variable.Data, op, p1, p2), op is UnaryOp.Clip or UnaryOp.FillNa or UnaryOp.Round ? new OrderedDictionary<string, object?>(a.Attrs, StringComparer.Ordinal) : null), a.Coords);

    /// <summary>where(cond, a, other): a where cond holds, other (NaN by default) elsewhere.</summary>
    public static DataArray Where(DataArray a, DataArray cond, object? other = null)
    {
        (a, cond) = Align(a, cond);
        DataArray? o = other as DataArray;
        if (o is not null) (a, o) = Align(a, o);
        var (dims, shape) = o is null ? UnionDims(a, cond) : UnionDims(a, cond, o);
        var otherOperand = o is not null ? OperandOf(o, dims)
            : new Operand(InMemoryArray.Scalar(other is null ? double.NaN : ToDouble(other)), dims.Select(_ => -1).ToArray());
        var node = new WhereArray(OperandOf(cond, dims), OperandOf(a, dims), otherOperand, shape);
        return new DataArray(a.Name, new Variable(dims, node, new OrderedDictionary<string, object?>(a.Attrs, StringComparer.Ordinal)),
            o is null ? MergeCoords(dims, a, cond) : MergeCoords(dims, a, cond, o));
    }

    /// <summary>The values converted to another element type (numpy astype).</summary>
    public static DataArray AsType(DataArray a, string dtype)
    {
        var t = DataType.ParseName(dtype);
        var node = new UnaryCastArray(a.Variable.Data, t);
        return new DataArray(a.Name, new Variable(a.Dims, node, new OrderedDictionary<string, object?>(a.Attrs, StringComparer.Ordinal)), a.Coords);
    }

    // ------------------------------------------------------------------ reductions

    /// <summary>
    /// Reduces over <paramref name="dims"/> (all when null or empty). skipna defaults to true for floats.
    /// <paramref name="weights"/> (a DataArray on some of the dims, e.g. cos(latitude)) weight sum, mean, var and std.
    /// </summary>
    public static DataArray Reduce(DataArray a, ReduceOp op, IReadOnlyCollection<string>? dims = null, bool? skipNa = null, DataArray? weights = null, int ddof = 0)
    {
        var reduce = dims is null || dims.Count == 0 ? a.Dims.ToArray() : dims.Distinct().ToArray();
        Isel.CheckDims(reduce, a.Dims);
        var axes = reduce.Select(d => AxisReduction.All(a.Variable.AxisOf(d))).ToArray();
        ILazyArray? w = null;
        if (weights is not null) w = WeightsFor(a, weights);
        string label = $"{op.ToString().ToLowerInvariant()} over {string.Join(", ", reduce)}";
        ILazyArray node = a.Variable.Data is AnomalyArray an && op is ReduceOp.Var or ReduceOp.Std && w is null && (skipNa ?? true)
            && axes.Length == 1 && axes[0].Axis == an.Axis
            // The std of anomalies is the pooled within-group std of the values: one pass instead of two.
            ? new ReduceArray(an.Source, [AxisReduction.Grouped(an.Axis, an.Map, an.GroupCount)], op, true, null, ddof, label + " (pooled by group)", poolGroups: true)
            : new ReduceArray(a.Variable.Data, axes, op, skipNa ?? true, w, ddof, label);
        var keptDims = a.Dims.Where(d => !reduce.Contains(d)).ToArray();
        var coords = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (k, v) in a.Coords) if (v.Dims.All(keptDims.Contains)) coords[k] = v;
        var attrs = op is ReduceOp.Count ? null : new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        return new DataArray(a.Name, new Variable(keptDims, node, attrs), coords);
    }

    /// <summary>The <paramref name="q"/>-quantile (median at 0.5) over dims (all when none).</summary>
    public static DataArray Quantile(DataArray a, double q, IReadOnlyCollection<string>? dims = null, bool? skipNa = null)
    {
        var reduce = dims is null || dims.Count == 0 ? a.Dims.ToArray() : dims.Distinct().ToArray();
        Isel.CheckDims(reduce, a.Dims);
        var node = new QuantileArray(a.Variable.Data, reduce.Select(d => AxisReduction.All(a.Variable.AxisOf(d))).ToArray(), q, skipNa ?? true);
        var keptDims = a.Dims.Where(d => !reduce.Contains(d)).ToArray();
        var coords = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (k, v) in a.Coords) if (v.Dims.All(keptDims.Contains)) coords[k] = v;
        return new DataArray(a.Name, new Variable(keptDims, node), coords);
    }

    /// <summary>Weights broadcast to an array's shape; negative or missing dims are errors.</summary>
    internal static ILazyArray WeightsFor(DataArray a, DataArray weights)
    {
        foreach (var d in weights.Dims)
            if (a.Variable.AxisOf(d) < 0)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionNotFound",
                    $"The weights have dimension '{d}', which '{a.Name}' does not have (dimensions: {string.Join(", ", a.Dims)}).", d);
        var (wa, _) = Align(weights, a);
        var map = a.Dims.Select(d => wa.Variable.AxisOf(d)).ToArray();
        return new BroadcastArray(wa.Variable.Data, map, a.Shape, a.Chunks);
    }
}
