using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace ZarrPS.Engine.Skill;

/// <summary>Statistics of one element's series, with xskillscore's NaN rules (pairs with NaN dropped together, or NaN results).</summary>
public static class SeriesStats
{
    /// <summary>True when any value is NaN.</summary>
    public static bool AnyNaN(ReadOnlySpan<double> x)
    {
        foreach (var v in x) if (double.IsNaN(v)) return true;
        return false;
    }

    /// <summary>Pearson's r of x and y (weighted when w is not empty), clipped to [-1, 1]; pairs with NaN are skipped, or make it NaN.</summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> w, bool skipNa)
    {
        bool weighted = !w.IsEmpty;
        double sw = 0, sx = 0, sy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double wi = weighted ? w[i] : 1;
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]) || double.IsNaN(wi))
            {
                if (!skipNa) return double.NaN;
                continue;
            }
            sw += wi;
            sx += wi * x[i];
            sy += wi * y[i];
        }
        double mx = sx / sw, my = sy / sw;
        double cxy = 0, cxx = 0, cyy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double wi = weighted ? w[i] : 1;
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]) || double.IsNaN(wi)) continue;
            double dx = x[i] - mx, dy = y[i] - my;
            cxy += wi * dx * dy;
            cxx += wi * dx * dx;
            cyy += wi * dy * dy;
        }
        return Clip(cxy / Math.Sqrt(cxx * cyy));
    }

    /// <summary>r limited to [-1, 1]; NaN stays NaN.</summary>
    public static double Clip(double r) => r < -1 ? -1 : r > 1 ? 1 : r;

    /// <summary>Ranks (1-based, ties averaged) of the values where <paramref name="valid"/> holds; NaN elsewhere (bottleneck's nanrankdata).</summary>
    public static double[] Ranks(ReadOnlySpan<double> x, ReadOnlySpan<bool> valid)
    {
        var order = new List<int>(x.Length);
        for (int i = 0; i < x.Length; i++) if (valid[i]) order.Add(i);
        var xs = x.ToArray();
        order.Sort((i, j) => xs[i].CompareTo(xs[j]));
        var r = new double[x.Length];
        Array.Fill(r, double.NaN);
        int k = 0;
        while (k < order.Count)
        {
            int e = k;
            while (e + 1 < order.Count && xs[order[e + 1]] == xs[order[k]]) e++;
            double rank = (k + e) / 2.0 + 1;
            for (int q = k; q <= e; q++) r[order[q]] = rank;
            k = e + 1;
        }
        return r;
    }

    /// <summary>Spearman's rank correlation: Pearson's r of the ranks among the pairs without NaN.</summary>
    public static double Spearman(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> w, bool skipNa)
    {
        if (!skipNa && (AnyNaN(a) || AnyNaN(b) || AnyNaN(w))) return double.NaN;
        var valid = new bool[a.Length];
        for (int i = 0; i < a.Length; i++) valid[i] = !double.IsNaN(a[i]) && !double.IsNaN(b[i]);
        return Pearson(Ranks(a, valid), Ranks(b, valid), w, skipNa: true);
    }

    /// <summary>Pairs without NaN.</summary>
    public static int ValidPairs(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = 0;
        for (int i = 0; i < a.Length; i++) if (!double.IsNaN(a[i]) && !double.IsNaN(b[i])) n++;
        return n;
    }

    /// <summary>
    /// Bretherton et al.'s effective sample size n(1 − r_a r_b)/(1 + r_a r_b), floored and limited to [0, n], with r_a and
    /// r_b the lag-1 autocorrelations of each series (over the pairs without NaN).
    /// </summary>
    public static double EffectiveSampleSize(ReadOnlySpan<double> a, ReadOnlySpan<double> b, bool skipNa)
    {
        if (!skipNa && (AnyNaN(a) || AnyNaN(b))) return double.NaN;
        int len = a.Length;
        var x = new double[len];
        var y = new double[len];
        int n = 0;
        for (int i = 0; i < len; i++)
        {
            bool ok = !double.IsNaN(a[i]) && !double.IsNaN(b[i]);
            x[i] = ok ? a[i] : double.NaN;
            y[i] = ok ? b[i] : double.NaN;
            if (ok) n++;
        }
        if (len < 2) return double.NaN;
        double ra = Pearson(x.AsSpan(0, len - 1), x.AsSpan(1), default, skipNa: true);
        double rb = Pearson(y.AsSpan(0, len - 1), y.AsSpan(1), default, skipNa: true);
        double neff = Math.Floor(n * (1 - ra * rb) / (1 + ra * rb));
        return double.IsNaN(neff) ? neff : Math.Clamp(neff, 0, n);
    }

    /// <summary>The two-sided p-value of a correlation r with dof degrees of freedom: I_x(dof/2, 1/2), x = dof/(dof + t²) (xskillscore's pearson form).</summary>
    public static double CorrelationPValue(double r, double dof)
    {
        if (double.IsNaN(r) || double.IsNaN(dof) || dof <= 0) return double.NaN;
        double t2 = r * r * (dof / ((1.0 - r) * (1.0 + r)));
        double x = dof / (dof + t2);
        if (double.IsNaN(x)) return double.NaN;
        x = Math.Min(x, 1.0);
        return SpecialFunctions.BetaRegularized(0.5 * dof, 0.5, x);
    }

    /// <summary>The two-sided p-value 2·sf(|t|) of Student's t with t = r·sqrt(dof/((r+1)(1−r))) (xskillscore's spearman form).</summary>
    public static double TPValue(double r, double dof)
    {
        if (double.IsNaN(r) || double.IsNaN(dof) || dof <= 0) return double.NaN;
        double q = dof / ((r + 1.0) * (1.0 - r));
        double t = Math.Abs(r * Math.Sqrt(Math.Max(q, 0)));
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsPositiveInfinity(t)) return 0;
        return 2 * StudentT.CDF(0, 1, dof, -t);
    }

    /// <summary>The median of the values that are not NaN (numpy's: the mean of the two middle ones for an even count).</summary>
    public static double Median(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        values.Sort();
        int m = values.Count / 2;
        return values.Count % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }
}
