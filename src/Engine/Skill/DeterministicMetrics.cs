namespace ZarrPS.Engine.Skill;

/// <summary>
/// xskillscore's deterministic metrics: which pass computes each (streaming sums or whole series), whether it takes
/// weights, and how it is finished. The observation is xskillscore's a (the truth), the forecast b.
/// </summary>
public static class DeterministicMetrics
{
    /// <summary>Every deterministic metric name.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "rmse", "mse", "mae", "me", "median_absolute_error", "mape", "smape", "r2", "pearson_r", "pearson_r_p_value",
        "pearson_r_eff_p_value", "spearman_r", "spearman_r_p_value", "spearman_r_eff_p_value", "effective_sample_size", "linslope",
    ];

    private static readonly HashSet<string> Streaming = ["rmse", "mse", "mae", "me", "mape", "smape", "r2", "pearson_r", "pearson_r_p_value", "linslope"];

    /// <summary>Metrics xskillscore defines without weights.</summary>
    public static readonly IReadOnlySet<string> Unweighted = new HashSet<string> { "median_absolute_error", "effective_sample_size", "pearson_r_eff_p_value", "spearman_r_eff_p_value" };

    /// <summary>Metrics over one (time) dimension only: they use lag-1 autocorrelation.</summary>
    public static readonly IReadOnlySet<string> SingleDimension = new HashSet<string> { "effective_sample_size", "pearson_r_eff_p_value", "spearman_r_eff_p_value" };

    /// <summary>True when the metric is computed from streaming sums.</summary>
    public static bool IsStreaming(string name) => Streaming.Contains(name);

    /// <summary>The sums a streaming metric needs.</summary>
    public static PairMoments.Needs NeedsOf(string name) => name switch
    {
        "rmse" or "mse" or "mae" or "me" => PairMoments.Needs.Errors,
        "mape" or "smape" => PairMoments.Needs.Percent,
        "r2" => PairMoments.Needs.Errors | PairMoments.Needs.Moments,
        _ => PairMoments.Needs.Moments,
    };

    /// <summary>A streaming metric's value from an element's sums.</summary>
    public static double Finish(string name, in PairMoments m, bool skipNa, bool weighted)
    {
        if (m.Nan != 0) return double.NaN;
        switch (name)
        {
            case "mse": return m.Se / m.W;
            case "rmse": return Math.Sqrt(m.Se / m.W);
            case "mae": return m.Ae / m.W;
            case "me": return m.E / m.W;
            case "mape": return m.Ape / m.W;
            case "smape":
                // |a|+|b| = 0 gives 0/0 in xskillscore: NaN without skipna; skipped by nanmean, yet counted in Σw.
                if (!skipNa && m.Ns < m.N) return double.NaN;
                return weighted ? m.Sape / m.W : m.Sape / m.Ns;
            case "r2": return 1 - m.Se / m.Caa;
            case "pearson_r": return SeriesStats.Clip(m.Cab / Math.Sqrt(m.Caa * m.Cbb));
            case "pearson_r_p_value": return SeriesStats.CorrelationPValue(SeriesStats.Clip(m.Cab / Math.Sqrt(m.Caa * m.Cbb)), m.N - 2);
            case "linslope": return m.Cab / m.Caa;
            default: throw new ArgumentException($"'{name}' is not a streaming metric.", nameof(name));
        }
    }

    /// <summary>A whole-series metric as a function of the element's series.</summary>
    public static SeriesMetric Series(string name, bool skipNa) => name switch
    {
        "median_absolute_error" => new(name, 1, (a, b, _, r) =>
        {
            if (!skipNa && (SeriesStats.AnyNaN(a) || SeriesStats.AnyNaN(b))) { r[0] = double.NaN; return; }
            var d = new List<double>(a.Length);
            for (int i = 0; i < a.Length; i++)
            {
                double v = Math.Abs(a[i] - b[i]);
                if (!double.IsNaN(v)) d.Add(v);
            }
            r[0] = SeriesStats.Median(d);
        }),
        "spearman_r" => new(name, 1, (a, b, w, r) => r[0] = SeriesStats.Spearman(a, b, w, skipNa)),
        "spearman_r_p_value" => new(name, 1, (a, b, w, r) =>
            r[0] = SeriesStats.TPValue(SeriesStats.Spearman(a, b, w, skipNa), SeriesStats.ValidPairs(a, b) - 2)),
        "effective_sample_size" => new(name, 1, (a, b, _, r) => r[0] = SeriesStats.EffectiveSampleSize(a, b, skipNa)),
        "pearson_r_eff_p_value" => new(name, 1, (a, b, _, r) =>
            r[0] = SeriesStats.CorrelationPValue(SeriesStats.Pearson(a, b, default, skipNa), SeriesStats.EffectiveSampleSize(a, b, skipNa) - 2)),
        "spearman_r_eff_p_value" => new(name, 1, (a, b, _, r) =>
            r[0] = SeriesStats.TPValue(SeriesStats.Spearman(a, b, default, skipNa), SeriesStats.EffectiveSampleSize(a, b, skipNa) - 2)),
        _ => throw new ArgumentException($"'{name}' is not a series metric.", nameof(name)),
    };
}
