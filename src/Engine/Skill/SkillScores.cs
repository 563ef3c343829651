using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Skill;

/// <summary>
/// xskillscore for the engine: metrics of a forecast against an observation over named dimensions, lazily. The result
/// is a Dataset with one variable per metric on the dimensions left over; computing it streams the inputs' chunks
/// once through the scheduler (the series metrics read their inputs by bounded pieces).
/// </summary>
public static class SkillScores
{
    /// <summary>Every metric name Measure-XSkill knows.</summary>
    public static IReadOnlyList<string> AllNames => [.. DeterministicMetrics.Names, .. ContingencyMetrics.Names];

    /// <summary>Throws for a metric name that does not exist, listing the valid ones.</summary>
    public static string[] CheckNames(IEnumerable<string> metrics, IReadOnlyList<string> valid, string kind = "metric")
    {
        var result = new List<string>();
        foreach (var raw in metrics)
        {
            string m = raw.Trim().ToLowerInvariant();
            if (!valid.Contains(m))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "UnknownMetric",
                    $"There is no {kind} '{raw}'. Valid {kind}s: {string.Join(", ", valid)}.", raw);
            if (!result.Contains(m)) result.Add(m);
        }
        if (result.Count == 0)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NoMetric", $"Name at least one {kind} (valid: {string.Join(", ", valid)}).");
        return result.ToArray();
    }

    /// <summary>
    /// Deterministic metrics of <paramref name="forecast"/> against <paramref name="observation"/> over <paramref name="dims"/>
    /// (all when null or empty), with optional <paramref name="weights"/> and xskillscore's skipna rule (pairs with NaN
    /// dropped together; otherwise NaN makes the result NaN).
    /// </summary>
    public static Dataset Deterministic(DataArray observation, DataArray forecast, IEnumerable<string> metrics, IReadOnlyList<string>? dims = null,
        DataArray? weights = null, bool skipNa = false, bool keepAttrs = false)
    {
        var names = CheckNames(metrics, DeterministicMetrics.Names);
        if (weights is not null)
            foreach (var m in names)
                if (DeterministicMetrics.Unweighted.Contains(m))
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedWeights",
                        $"The metric '{m}' takes no weights (as in xskillscore); score it without -Weights.", m);
        var pair = SkillPair.Create(observation, forecast, dims, weights);
        foreach (var m in names)
            if (DeterministicMetrics.SingleDimension.Contains(m) && pair.ReducedAxes.Length != 1)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "SingleDimension",
                    $"The metric '{m}' uses lag-1 autocorrelation and applies over one (time) dimension; got {pair.ReducedAxes.Length} ({string.Join(", ", pair.ReducedAxes.Select(i => pair.Dims[i]))}).", m);

        var streaming = names.Where(DeterministicMetrics.IsStreaming).ToArray();
        var series = names.Where(m => !DeterministicMetrics.IsStreaming(m)).ToArray();
        PairMomentsArray? moments = streaming.Length == 0 ? null
            : new PairMomentsArray(pair.A, pair.B, pair.Weights, pair.ReducedAxes, skipNa, streaming.Aggregate(PairMoments.Needs.None, (n, m) => n | DeterministicMetrics.NeedsOf(m)));
        PairSeriesArray? gathered = series.Length == 0 ? null
            : new PairSeriesArray(pair.A, pair.B, pair.Weights, pair.ReducedAxes, series.Select(m => DeterministicMetrics.Series(m, skipNa)).ToArray());

        bool weighted = pair.Weights is not null;
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (k, v) in pair.Coords) vars[k] = v;
        foreach (var m in names)
        {
            string name = m;
            ILazyArray node = DeterministicMetrics.IsStreaming(m)
                ? new SkillFieldArray(m, moments!, 0, PairMoments.Count, [], (f, r) => r[0] = DeterministicMetrics.Finish(name, PairMoments.From(f), skipNa, weighted))
                : new SkillFieldArray(m, gathered!, gathered!.OffsetOf(m), 1, [], (f, r) => r[0] = f[0]);
            var attrs = keepAttrs ? new OrderedDictionary<string, object?>(observation.Attrs, StringComparer.Ordinal) : null;
            vars[m] = new Variable(pair.KeptDims, node, attrs);
        }
        return new Dataset(vars, pair.Coords.Keys);
    }

    /// <summary>
    /// Contingency-table scores over <paramref name="dims"/>: observations binned by <paramref name="observationEdges"/>,
    /// forecasts by <paramref name="forecastEdges"/> (np.histogram bins). "table" gives the table itself, on the extra
    /// dimensions observations_category and forecasts_category (1-based, with their bounds as coordinates).
    /// </summary>
    public static Dataset Contingency(DataArray observation, DataArray forecast, IEnumerable<string> metrics, double[] observationEdges, double[] forecastEdges,
        IReadOnlyList<string>? dims = null, bool keepAttrs = false)
    {
        var names = CheckNames(metrics, ContingencyMetrics.Names, "contingency score");
        foreach (var (edges, role) in new[] { (observationEdges, "observation"), (forecastEdges, "forecast") })
        {
            if (edges.Length < 3 || edges.Any(double.IsNaN))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidEdges", $"The {role} category edges need at least three numbers (two categories), without NaN; got {edges.Length}.");
            for (int i = 1; i < edges.Length; i++)
                if (!(edges[i] > edges[i - 1]))
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidEdges", $"The {role} category edges must increase; {edges[i - 1]} is followed by {edges[i]}.");
        }
        int ko = observationEdges.Length - 1, kf = forecastEdges.Length - 1;
        foreach (var m in names)
        {
            if (m != "table" && ko != kf)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "CategoryMismatch", $"The score '{m}' needs as many observation as forecast categories; got {ko} and {kf}.", m);
            if (!ContingencyMetrics.MultiCategory.Contains(m) && ko != 2)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "NotDichotomous", $"The score '{m}' is defined for two categories (yes/no: -Threshold, or three edges); got {ko}.", m);
        }
        var pair = SkillPair.Create(observation, forecast, dims, null);
        var table = new PairSeriesArray(pair.A, pair.B, null, pair.ReducedAxes, [ContingencyMetrics.Table(observationEdges, forecastEdges)]);
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        var coordNames = new List<string>(pair.Coords.Keys);
        foreach (var (k, v) in pair.Coords) vars[k] = v;
        foreach (var m in names)
        {
            string name = m;
            var attrs = keepAttrs ? new OrderedDictionary<string, object?>(observation.Attrs, StringComparer.Ordinal) : null;
            if (m == "table")
            {
                var node = new SkillFieldArray(m, table, 0, ko * kf, [ko, kf], (f, r) => f.CopyTo(r));
                vars[m] = new Variable([.. pair.KeptDims, "observations_category", "forecasts_category"], node, attrs);
                AddCategories(vars, coordNames, "observations", observationEdges);
                AddCategories(vars, coordNames, "forecasts", forecastEdges);
                continue;
            }
            vars[m] = new Variable(pair.KeptDims, new SkillFieldArray(m, table, 0, ko * kf, [], (f, r) => r[0] = ContingencyMetrics.Score(name, f, ko, kf)), attrs);
        }
        return new Dataset(vars, coordNames);
    }

    private static void AddCategories(OrderedDictionary<string, Variable> vars, List<string> coordNames, string role, double[] edges)
    {
        int k = edges.Length - 1;
        string dim = role + "_category";
        vars[dim] = new Variable([dim], InMemoryArray.From(Enumerable.Range(1, k).Select(i => (long)i).ToArray(), DataType.Int64));
        // As xskillscore prints them: "[-inf, 0.5)", the last bin closed.
        static string F(double v) => double.IsInfinity(v) ? (v < 0 ? "-inf" : "inf") : v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bounds = Enumerable.Range(0, k).Select(i => $"[{F(edges[i])}, {F(edges[i + 1])}{(i == k - 1 ? "]" : ")")}").ToArray();
        vars[dim + "_bounds"] = new Variable([dim], InMemoryArray.From(bounds));
        coordNames.Add(dim);
        coordNames.Add(dim + "_bounds");
    }
}
