using MathNet.Numerics.Distributions;

namespace ZarrPS.Engine.Skill;

/// <summary>
/// xskillscore's probabilistic scores as functions of one element's series. A series is G positions (the reduced
/// dimensions, C order) of M values each: the forecast's members (M = 1 without a member dimension) next to the
/// observation repeated. Scores of single forecasts (Brier, CRPS) are averaged over the positions like xarray's
/// mean/weighted mean (NaN skipped); rank histograms, reliability, ROC and discrimination count over them.
/// </summary>
public static class ProbabilisticMetrics
{
    /// <summary>Every probabilistic score.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["brier_score", "threshold_brier_score", "crps_ensemble", "crps_gaussian", "rank_histogram", "reliability", "roc", "discrimination"];

    /// <summary>Scores that take -Weights (a weighted mean over the positions).</summary>
    public static readonly IReadOnlySet<string> Weighted = new HashSet<string> { "brier_score", "threshold_brier_score", "crps_ensemble", "crps_gaussian" };

    /// <summary>Scores that need a member dimension.</summary>
    public static readonly IReadOnlySet<string> NeedMembers = new HashSet<string> { "threshold_brier_score", "crps_ensemble", "crps_gaussian", "rank_histogram" };

    private static readonly double InvSqrtPi = 1 / Math.Sqrt(Math.PI);

    // The mean of per-position scores, weighted by the position's weight, NaN scores (and their weights) left out.
    private delegate double PositionScore(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int p);

    private static double PositionMean(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> w, int m, PositionScore score)
    {
        double num = 0, den = 0;
        int g = a.Length / m;
        for (int p = 0; p < g; p++)
        {
            double s = score(a, b, p);
            double wp = w.IsEmpty ? 1 : w[p * m];
            if (double.IsNaN(s) || double.IsNaN(wp)) continue;
            num += wp * s;
            den += wp;
        }
        return num / den;
    }

    // The forecast probability at a position: the mean of the members that are not NaN (xarray's mean over the
    // member dimension); the value itself without members.
    private static double Prob(ReadOnlySpan<double> b, int p, int m)
    {
        double f = 0;
        int n = 0;
        for (int i = 0; i < m; i++)
        {
            double v = b[p * m + i];
            if (double.IsNaN(v)) continue;
            f += v;
            n++;
        }
        return f / n;
    }

    private static bool AllNaN(ReadOnlySpan<double> x)
    {
        foreach (var v in x) if (!double.IsNaN(v)) return false;
        return true;
    }

    /// <summary>
    /// properscoring's crps_ensemble of one forecast: E|X − y| − ½E|X − X'| over the members that are not NaN (NaN when
    /// the observation is NaN or every member is).
    /// </summary>
    public static double CrpsEnsemble(double y, ReadOnlySpan<double> members)
    {
        if (double.IsNaN(y)) return double.NaN;
        double skill = 0, spread = 0;
        int m = 0;
        foreach (var xi in members)
        {
            if (double.IsNaN(xi)) continue;
            m++;
            skill += Math.Abs(xi - y);
            foreach (var xj in members) if (!double.IsNaN(xj)) spread += Math.Abs(xi - xj);
        }
        return m == 0 ? double.NaN : skill / m - 0.5 * spread / ((double)m * m);
    }

    /// <summary>properscoring's crps_gaussian: σ(z(2Φ(z) − 1) + 2φ(z) − 1/√π), z = (y − μ)/σ.</summary>
    public static double CrpsGaussian(double y, double mu, double sigma)
    {
        double z = (y - mu) / sigma;
        return sigma * (z * (2 * Normal.CDF(0, 1, z) - 1) + 2 * Normal.PDF(0, 1, z) - InvSqrtPi);
    }

    /// <summary>The bin (0-based) of a probability: [e_k, e_k+1), the last bin [e_K−1, e_K + 1e-8) as xhistogram; -1 outside or NaN.</summary>
    public static int ProbabilityBin(double f, double[] edges)
    {
        if (double.IsNaN(f)) return -1;
        int k = edges.Length - 1;
        for (int i = 0; i < k; i++)
        {
            double hi = i == k - 1 ? edges[i + 1] + 1e-8 : edges[i + 1];
            if (f >= edges[i] && f < hi) return i;
        }
        return -1;
    }

    /// <summary>
    /// The series function of a score: <paramref name="m"/> members; <paramref name="thresholds"/> for
    /// threshold_brier_score, <paramref name="edges"/> (probability bins) for reliability, roc and discrimination.
    /// </summary>
    public static SeriesMetric Series(string name, int m, double[] thresholds, double[] edges)
    {
        int bins = edges.Length - 1;
        switch (name)
        {
            case "brier_score":
                // The forecast probability is the members' mean (xskillscore: forecasts.mean(member_dim)).
                return new(name, 1, (a, b, w, r) => r[0] = PositionMean(a, b, w, m, (a, b, p) =>
                {
                    double d = Prob(b, p, m) - a[p * m];
                    return d * d;
                }));
            case "threshold_brier_score":
                return new(name, thresholds.Length, (a, b, w, r) =>
                {
                    for (int t = 0; t < thresholds.Length; t++)
                    {
                        double th = thresholds[t];
                        r[t] = PositionMean(a, b, w, m, (a, b, p) =>
                        {
                            double y = a[p * m];
                            var x = b.Slice(p * m, m);
                            // NaN members are left out (properscoring); no valid member or a NaN observation gives NaN.
                            double prob = 0, valid = 0;
                            foreach (var v in x) if (!double.IsNaN(v)) { valid++; if (v > th) prob += 1; }
                            if (double.IsNaN(y) || valid == 0) return double.NaN;
                            double d = prob / valid - (y > th ? 1 : 0);
                            return d * d;
                        });
                    }
                });
            case "crps_ensemble":
                return new(name, 1, (a, b, w, r) => r[0] = PositionMean(a, b, w, m, (a, b, p) => CrpsEnsemble(a[p * m], b.Slice(p * m, m))));
            case "crps_gaussian":
                // μ and σ of the forecast distribution: the members' mean and standard deviation (ddof 0).
                return new(name, 1, (a, b, w, r) => r[0] = PositionMean(a, b, w, m, (a, b, p) =>
                {
                    var x = b.Slice(p * m, m);
                    double mu = Prob(b, p, m), ss = 0;
                    int n = 0;
                    foreach (var v in x) if (!double.IsNaN(v)) { ss += (v - mu) * (v - mu); n++; }
                    return CrpsGaussian(a[p * m], mu, Math.Sqrt(ss / n));
                }));
            case "rank_histogram":
                // The observation's rank among the members that are not NaN (1 … M+1), ties broken at random as
                // xskillscore's random_for_tied.
                return new(name, m + 1, (a, b, _, r) =>
                {
                    r.Clear();
                    for (int p = 0; p < a.Length / m; p++)
                    {
                        double y = a[p * m];
                        var x = b.Slice(p * m, m);
                        if (double.IsNaN(y) || AllNaN(x)) continue;
                        int below = 0, equal = 0;
                        foreach (var v in x) { if (v < y) below++; else if (v == y) equal++; }
                        int rank = below + 1 + (equal == 0 ? 0 : Random.Shared.Next(equal + 1));
                        r[rank - 1] += 1;
                    }
                });
            case "reliability":
                // Observed relative frequency per forecast-probability bin, then the bin's sample count.
                return new(name, 2 * bins, (a, b, _, r) =>
                {
                    r.Clear();
                    var hits = new double[bins];
                    for (int p = 0; p < a.Length / m; p++)
                    {
                        int k = ProbabilityBin(Prob(b, p, m), edges);
                        if (k < 0) continue;
                        r[bins + k] += 1;
                        if (a[p * m] != 0 && !double.IsNaN(a[p * m])) hits[k] += 1;
                    }
                    for (int k = 0; k < bins; k++) r[k] = hits[k] / r[bins + k];
                });
            case "discrimination":
                // Histograms of the forecast probability given the event and given no event, each divided by its event count.
                return new(name, 2 * bins, (a, b, _, r) =>
                {
                    r.Clear();
                    double events = 0, nonEvents = 0;
                    for (int p = 0; p < a.Length / m; p++)
                    {
                        double y = a[p * m];
                        if (double.IsNaN(y)) continue;
                        bool ev = y != 0;
                        if (ev) events++; else nonEvents++;
                        int k = ProbabilityBin(Prob(b, p, m), edges);
                        if (k >= 0) r[(ev ? 0 : bins) + k] += 1;
                    }
                    for (int k = 0; k < bins; k++) { r[k] /= events; r[bins + k] /= nonEvents; }
                });
            case "roc":
                return new(name, 1, (a, b, _, r) => r[0] = RocArea(a, b, m, edges));
            default:
                throw new ArgumentException($"'{name}' is not a probabilistic score.", nameof(name));
        }
    }

    // xskillscore's roc(return_results='area'): per edge e a yes/no table with edges (-inf, e, inf) for both inputs,
    // false alarm rate (NaN → 1) and hit rate (NaN → 0), padded with (1, 1) and (0, 0), trapezoid area, |area| ≤ 1.
    private static double RocArea(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int m, double[] edges)
    {
        int g = a.Length / m;
        if (g == 0 || double.IsNaN(Prob(b, 0, m))) return double.NaN;
        var sorted = edges.Order().ToArray();
        var fpr = new double[sorted.Length + 2];
        var tpr = new double[sorted.Length + 2];
        fpr[0] = tpr[0] = 1;
        for (int i = 0; i < sorted.Length; i++)
        {
            double e = sorted[i], hits = 0, misses = 0, fa = 0, cn = 0;
            for (int p = 0; p < g; p++)
            {
                double y = a[p * m], f = Prob(b, p, m);
                if (double.IsNaN(y) || double.IsNaN(f)) continue;
                bool oy = y >= e, fy = f >= e;
                if (oy && fy) hits++; else if (oy) misses++; else if (fy) fa++; else cn++;
            }
            double far = fa / (cn + fa), hr = hits / (hits + misses);
            fpr[i + 1] = double.IsNaN(far) ? 1 : far;
            tpr[i + 1] = double.IsNaN(hr) ? 0 : hr;
        }
        double area = 0;
        for (int i = 0; i + 1 < fpr.Length; i++) area += (fpr[i + 1] - fpr[i]) * (tpr[i] + tpr[i + 1]) / 2;
        return Math.Min(Math.Abs(area), 1);
    }
}
