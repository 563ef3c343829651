using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Skill;

/// <summary>
/// An observation and a forecast made comparable: aligned on their coordinate labels (inner join), broadcast to the
/// same dimensions (the observation's, then the forecast's others), with the reduced dimensions checked and weights
/// validated, scaled by their maximum and broadcast — xskillscore's preprocessing.
/// </summary>
public sealed class SkillPair
{
    private SkillPair(DataArray observation, DataArray forecast, ILazyArray a, ILazyArray b, ILazyArray? w, string[] dims, int[] reduced,
        OrderedDictionary<string, Variable> coords)
    {
        Observation = observation;
        Forecast = forecast;
        A = a;
        B = b;
        Weights = w;
        Dims = dims;
        ReducedAxes = reduced;
        Coords = coords;
        KeptDims = dims.Where((_, i) => !reduced.Contains(i)).ToArray();
        KeptShape = a.Shape.Where((_, i) => !reduced.Contains(i)).ToArray();
        KeptChunks = new ChunkLayout(a.Chunks.Sizes.Where((_, i) => !reduced.Contains(i)).ToArray());
    }

    /// <summary>The aligned observation (xskillscore's a).</summary>
    public DataArray Observation { get; }

    /// <summary>The aligned forecast (xskillscore's b).</summary>
    public DataArray Forecast { get; }

    /// <summary>The observation's data on <see cref="Dims"/>.</summary>
    public ILazyArray A { get; }

    /// <summary>The forecast's data on <see cref="Dims"/>.</summary>
    public ILazyArray B { get; }

    /// <summary>The weights (scaled to a maximum of 1) on <see cref="Dims"/>, or null.</summary>
    public ILazyArray? Weights { get; }

    /// <summary>The dimensions of both inputs after broadcasting.</summary>
    public string[] Dims { get; }

    /// <summary>The axes reduced.</summary>
    public int[] ReducedAxes { get; }

    /// <summary>The dimensions left over: the result's.</summary>
    public string[] KeptDims { get; }

    /// <summary>The result's shape.</summary>
    public long[] KeptShape { get; }

    /// <summary>The result's chunks (the observation's along the kept dimensions).</summary>
    public ChunkLayout KeptChunks { get; }

    /// <summary>The coordinates of the result's dimensions.</summary>
    public OrderedDictionary<string, Variable> Coords { get; }

    /// <summary>
    /// Aligns and broadcasts <paramref name="observation"/> and <paramref name="forecast"/>, reducing over
    /// <paramref name="dims"/> (every dimension when null or empty). <paramref name="exclude"/> names a dimension
    /// the forecast may have alone (the ensemble member).
    /// </summary>
    public static SkillPair Create(DataArray observation, DataArray forecast, IReadOnlyList<string>? dims, DataArray? weights, string? exclude = null)
    {
        foreach (var (x, role) in new[] { (observation, "observation"), (forecast, "forecast") })
            if (!x.DataType.IsNumeric || x.DataType.IsComplex)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedDType",
                    $"The {role} '{x.Name}' holds {x.DType} values; skill scores need real numbers.", x.Name);
        var reduce = dims is null || dims.Count == 0
            ? observation.Dims.Where(d => d != exclude).Concat(forecast.Dims.Where(d => d != exclude && !observation.Dims.Contains(d))).ToArray()
            : dims.Distinct(StringComparer.Ordinal).ToArray();
        foreach (var d in reduce)
        {
            bool inA = observation.Variable.AxisOf(d) >= 0, inB = forecast.Variable.AxisOf(d) >= 0;
            if (inA && inB) continue;
            string where = !inA && !inB ? "neither the observation nor the forecast has it"
                : !inA ? $"the observation lacks it (observation dimensions: {string.Join(", ", observation.Dims)})"
                : $"the forecast lacks it (forecast dimensions: {string.Join(", ", forecast.Dims)})";
            throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionNotFound",
                $"Cannot reduce over dimension '{d}': {where}. Both inputs need every dimension of -Dim.", d);
        }
        if (exclude is not null && reduce.Contains(exclude))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidDimension", $"The member dimension '{exclude}' cannot also be reduced as -Dim.", exclude);

        DataArray a, b;
        try
        {
            (a, b) = Operations.Align(observation, forecast);
        }
        catch (ZarrPSException e) when (e.ErrorId == "NoOverlap")
        {
            string dim = e.Target as string ?? "?";
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NoOverlap",
                $"The observation and the forecast have no '{dim}' labels in common ({Extent(observation, dim)} vs {Extent(forecast, dim)}), so there is nothing to compare.", dim, e);
        }

        var all = new List<string>(a.Dims.Where(d => d != exclude));
        foreach (var d in b.Dims) if (!all.Contains(d) && d != exclude) all.Add(d);
        if (exclude is not null && b.Variable.AxisOf(exclude) >= 0) all.Add(exclude);
        var names = all.ToArray();
        var shape = new long[names.Length];
        var sizes = new long[names.Length][];
        for (int i = 0; i < names.Length; i++)
        {
            int ia = a.Variable.AxisOf(names[i]), ib = b.Variable.AxisOf(names[i]);
            shape[i] = ia >= 0 ? a.Shape[ia] : b.Shape[ib];
            sizes[i] = ia >= 0 ? a.Chunks.Sizes[ia] : b.Chunks.Sizes[ib];
        }
        var chunks = new ChunkLayout(sizes);
        var reduced = reduce.Select(d => Array.IndexOf(names, d)).OrderBy(i => i).ToArray();

        ILazyArray? w = null;
        if (weights is not null)
        {
            foreach (var d in weights.Dims)
                if (!names.Contains(d))
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionNotFound",
                        $"The weights have dimension '{d}', which the inputs do not have (dimensions: {string.Join(", ", names)}).", d);
            var (wa, _) = Operations.Align(weights, a);
            (wa, _) = Operations.Align(wa, b);
            for (int i = 0; i < wa.Rank; i++)
                if (wa.Shape[i] != shape[Array.IndexOf(names, wa.Dims[i])])
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionMismatch",
                        $"The weights have {wa.Shape[i]} elements along '{wa.Dims[i]}' but the inputs {shape[Array.IndexOf(names, wa.Dims[i])]}.", wa.Dims[i]);
            double min = ReadScalar(new ReduceArray(wa.Variable.Data, Enumerable.Range(0, wa.Rank).Select(AxisReduction.All).ToArray(), ReduceOp.Min, true));
            double max = ReadScalar(new ReduceArray(wa.Variable.Data, Enumerable.Range(0, wa.Rank).Select(AxisReduction.All).ToArray(), ReduceOp.Max, true));
            if (min < 0)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "NegativeWeights",
                    $"The weights have a minimum of {min.ToString(System.Globalization.CultureInfo.InvariantCulture)}; weights must not be negative.", weights.Name);
            var scaled = max > 0 && !double.IsNaN(max) ? Operations.Binary(wa, max, BinaryOp.Divide) : wa;
            w = new BroadcastArray(scaled.Variable.Data, names.Select(d => scaled.Variable.AxisOf(d)).ToArray(), shape, chunks);
        }

        var coords = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        var kept = names.Where((_, i) => !reduced.Contains(i)).ToArray();
        foreach (var src in new[] { a, b })
            foreach (var (k, v) in src.Coords)
                if (!coords.ContainsKey(k) && v.Dims.All(kept.Contains)) coords[k] = v;
        return new SkillPair(a, b, Broadcast(a, names, shape, chunks), Broadcast(b, names, shape, chunks), w, names, reduced, coords);
    }

    private static double ReadScalar(ILazyArray x) =>
        Convert.ToDouble(ArrayValues.ReadScalar(Graph.Compute(x), []), System.Globalization.CultureInfo.InvariantCulture);

    private static ILazyArray Broadcast(DataArray x, string[] names, long[] shape, ChunkLayout chunks)
    {
        var axisOf = names.Select(d => x.Variable.AxisOf(d)).ToArray();
        bool same = x.Rank == names.Length && axisOf.Select((ax, i) => ax == i).All(t => t);
        return same ? x.Variable.Data : new BroadcastArray(x.Variable.Data, axisOf, shape, chunks);
    }

    private static string Extent(DataArray x, string dim)
    {
        if (!x.Coords.TryGetValue(dim, out var c) || c.Rank != 1 || c.Size == 0) return "no labels";
        var values = (Array)c.Values!;
        object? first = values.GetValue(0), last = values.GetValue(values.Length - 1);
        return values.Length == 1 ? $"{first}" : $"{first} … {last}";
    }
}
