namespace ZarrPS.Engine.Skill;

/// <summary>
/// xskillscore's Contingency: a table of counts n(observation category i, forecast category j) over the reduced
/// dimensions (categories as np.histogram's bins: [e_k, e_k+1), the last closed; values outside and NaN not counted),
/// and the scores of that table. For two categories the second is "yes".
/// </summary>
public static class ContingencyMetrics
{
    /// <summary>Every categorical score; "table" is the table itself.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "table", "hits", "misses", "false_alarms", "correct_negatives", "hit_rate", "false_alarm_ratio", "false_alarm_rate", "success_ratio",
        "threat_score", "equitable_threat_score", "odds_ratio", "odds_ratio_skill_score", "bias_score", "accuracy", "heidke_score",
        "peirce_score", "gerrity_score",
    ];

    /// <summary>Scores defined for any number of categories; the others need two (yes/no).</summary>
    public static readonly IReadOnlySet<string> MultiCategory = new HashSet<string> { "table", "accuracy", "heidke_score", "peirce_score", "gerrity_score" };

    /// <summary>The category (0-based) of x for bin edges, or -1 outside them or for NaN.</summary>
    public static int Category(double x, double[] edges)
    {
        if (double.IsNaN(x) || x < edges[0] || x > edges[^1]) return -1;
        if (x == edges[^1]) return edges.Length - 2;
        int lo = 0, hi = edges.Length - 1;   // edges[lo] <= x < edges[hi]
        while (hi - lo > 1)
        {
            int mid = (lo + hi) / 2;
            if (x >= edges[mid]) lo = mid; else hi = mid;
        }
        return lo;
    }

    /// <summary>The series function counting the table (row-major: observation category, then forecast category).</summary>
    public static SeriesMetric Table(double[] observationEdges, double[] forecastEdges)
    {
        int ko = observationEdges.Length - 1, kf = forecastEdges.Length - 1;
        return new SeriesMetric("table", ko * kf, (a, b, _, r) =>
        {
            r.Clear();
            for (int i = 0; i < a.Length; i++)
            {
                int co = Category(a[i], observationEdges), cf = Category(b[i], forecastEdges);
                if (co >= 0 && cf >= 0) r[co * kf + cf] += 1;
            }
        });
    }

    /// <summary>A score of a ko × kf table (row-major, observation rows).</summary>
    public static double Score(string name, ReadOnlySpan<double> t, int ko, int kf)
    {
        if (!MultiCategory.Contains(name))
        {
            // yes = the second category: hits n(yes, yes), misses n(obs yes, fcst no), false alarms n(obs no, fcst yes).
            double hits = t[3], misses = t[2], fa = t[1], cn = t[0];
            return name switch
            {
                "hits" => hits,
                "misses" => misses,
                "false_alarms" => fa,
                "correct_negatives" => cn,
                "hit_rate" => hits / (hits + misses),
                "false_alarm_ratio" => fa / (hits + fa),
                "false_alarm_rate" => fa / (cn + fa),
                "success_ratio" => hits / (hits + fa),
                "threat_score" => hits / (hits + misses + fa),
                "equitable_threat_score" => EquitableThreat(hits, misses, fa, cn),
                "odds_ratio" => hits * cn / (misses * fa),
                "odds_ratio_skill_score" => (hits * cn - misses * fa) / (hits * cn + misses * fa),
                "bias_score" => (hits + fa) / (hits + misses),
                _ => throw new ArgumentException($"'{name}' is not a contingency score.", nameof(name)),
            };
        }
        int k = Math.Min(ko, kf);
        double n = 0;
        foreach (var v in t) n += v;
        var no = new double[ko];
        var nf = new double[kf];
        for (int i = 0; i < ko; i++)
            for (int j = 0; j < kf; j++) { no[i] += t[i * kf + j]; nf[j] += t[i * kf + j]; }
        double diag = 0, expected = 0, obsSq = 0;
        for (int i = 0; i < k; i++) { diag += t[i * kf + i]; expected += nf[i] * no[i]; }
        for (int i = 0; i < ko; i++) obsSq += no[i] * no[i];
        switch (name)
        {
            case "accuracy": return diag / n;
            case "heidke_score": return (diag / n - expected / (n * n)) / (1 - expected / (n * n));
            case "peirce_score": return (diag / n - expected / (n * n)) / (1 - obsSq / (n * n));
            case "gerrity_score": return Gerrity(t, ko, kf, no, n);
            default: throw new ArgumentException($"'{name}' is not a contingency score.", nameof(name));
        }
    }

    private static double EquitableThreat(double hits, double misses, double fa, double cn)
    {
        double total = hits + misses + fa + cn;
        double random = (hits + misses) * (hits + fa) / total;
        return (hits - random) / (hits + misses + fa - random);
    }

    // Gerrity (1992): scoring weights s_ij from the odds a_r = (1 − P_r)/P_r of the cumulative observed frequencies P_r.
    private static double Gerrity(ReadOnlySpan<double> t, int ko, int kf, double[] no, double n)
    {
        int k = ko;
        var a = new double[k];
        double cum = 0;
        for (int r = 0; r < k; r++)
        {
            cum += no[r] / n;
            a[r] = (1 - cum) / cum;
        }
        double S(int i, int j)
        {
            if (i > j) (i, j) = (j, i);
            double inv = 0, tail = 0;
            for (int r = 0; r < i; r++) inv += 1 / a[r];
            for (int r = j; r < k - 1; r++) tail += a[r];
            return (inv - (j - i) + tail) / (k - 1.0);
        }
        double sum = 0;
        for (int i = 0; i < ko; i++)
            for (int j = 0; j < kf; j++)
            {
                double v = t[i * kf + j] * S(i, j);
                if (!double.IsNaN(v)) sum += v;   // xarray's sum(skipna=True)
            }
        return sum / n;
    }
}
