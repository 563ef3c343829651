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
    public static IReadOnlyList<string> AllNames => [.. DeterministicMetrics.Names];

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
}
