using System.Globalization;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Skill;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Skill;

/// <summary>
/// Each deterministic metric equals xskillscore's formula written out here with loops (numpy's sum/nansum, mean/nanmean
/// semantics, pairs with NaN matched), on random data with NaNs, weights and several dimensions, to 1e-10.
/// </summary>
public class DeterministicSkillTests
{
    private const int T = 23, Y = 5, X = 4;

    internal static (DataArray Obs, DataArray Fct, DataArray W, double[,,] A, double[,,] B, double[,] Wv) Inputs(int seed = 11, double nan = 0.1)
    {
        var r = new Random(seed);
        var a = new double[T, Y, X];
        var b = new double[T, Y, X];
        for (int t = 0; t < T; t++)
            for (int y = 0; y < Y; y++)
                for (int x = 0; x < X; x++)
                {
                    double truth = 10 * Math.Sin(t / 3.0 + y) + r.NextDouble() * 4 - 2 + x;
                    a[t, y, x] = r.NextDouble() < nan ? double.NaN : truth;
                    b[t, y, x] = r.NextDouble() < nan ? double.NaN : 0.8 * truth + r.NextDouble() * 6 - 3;
                }
        a[3, 1, 1] = 0;       // |a| = 0: mape's eps floor
        b[3, 1, 1] = 0;       // |a| + |b| = 0: smape's 0/0
        b[4, 2, 2] = a[4, 2, 2]; // ties for ranks
        var w = new double[Y, X];
        for (int y = 0; y < Y; y++)
            for (int x = 0; x < X; x++) w[y, x] = 0.2 + r.NextDouble() * 3;
        var coords = new OrderedDictionary<string, Variable>
        {
            ["time"] = new(["time"], InMemoryArray.From(Enumerable.Range(0, T).Select(i => (double)i).ToArray(), DataType.Float64)),
            ["lat"] = new(["lat"], InMemoryArray.From(Enumerable.Range(0, Y).Select(i => 50.0 - 10 * i).ToArray(), DataType.Float64)),
            ["lon"] = new(["lon"], InMemoryArray.From(Enumerable.Range(0, X).Select(i => 5.0 * i).ToArray(), DataType.Float64)),
        };
        var obs = new DataArray("t2m", new Variable(["time", "lat", "lon"],
            InMemoryArray.From(a, DataType.Float64).WithChunks(new ChunkLayout([[7, 9, 7], [2, 3], [4]]))), coords);
        var fct = new DataArray("t2m", new Variable(["time", "lat", "lon"],
            InMemoryArray.From(b, DataType.Float64).WithChunks(new ChunkLayout([[5, 18], [5], [1, 3]]))), coords);
        var wc = new OrderedDictionary<string, Variable> { ["lat"] = coords["lat"], ["lon"] = coords["lon"] };
        var wd = new DataArray("w", new Variable(["lat", "lon"], InMemoryArray.From(w, DataType.Float64)), wc);
        return (obs, fct, wd, a, b, w);
    }

    // ------------------------------------------------------------------ xskillscore's formulas, written with loops

    private static double Sum(double[] x, bool skip) { double s = 0; foreach (var v in x) if (!(skip && double.IsNaN(v))) s += v; return s; }

    private static double Mean(double[] x, bool skip)
    {
        double s = 0; int n = 0;
        foreach (var v in x) { if (skip && double.IsNaN(v)) continue; s += v; n++; }
        return s / n;
    }

    private static double[] Zip(double[] x, double[] y, Func<double, double, double> f) => x.Select((v, i) => f(v, y[i])).ToArray();

    internal static double Reference(string metric, double[] a0, double[] b0, double[]? w0, bool skip)
    {
        var a = (double[])a0.Clone();
        var b = (double[])b0.Clone();
        var w = (double[]?)w0?.Clone();
        if (skip)
            for (int i = 0; i < a.Length; i++)
                if (double.IsNaN(a[i]) || double.IsNaN(b[i])) { a[i] = b[i] = double.NaN; if (w is not null) w[i] = double.NaN; }
        double WMean(double[] v) => w is null ? Mean(v, skip) : Sum(Zip(v, w, (p, q) => p * q), skip) / Sum(w, skip);
        double Pearson(double[] x, double[] y, double[]? ww)
        {
            double mx = ww is null ? Mean(x, skip) : Sum(Zip(x, ww, (p, q) => p * q), skip) / Sum(ww, skip);
            double my = ww is null ? Mean(y, skip) : Sum(Zip(y, ww, (p, q) => p * q), skip) / Sum(ww, skip);
            var xm = x.Select(v => v - mx).ToArray();
            var ym = y.Select(v => v - my).ToArray();
            double num = Sum(xm.Select((v, i) => (ww?[i] ?? 1) * v * ym[i]).ToArray(), skip);
            double den = Math.Sqrt(Sum(xm.Select((v, i) => (ww?[i] ?? 1) * v * v).ToArray(), skip) * Sum(ym.Select((v, i) => (ww?[i] ?? 1) * v * v).ToArray(), skip));
            double r = num / den;
            return double.IsNaN(r) ? r : Math.Min(1, Math.Max(-1, r));
        }
        double[] Rank(double[] x)
        {
            var r = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                if (double.IsNaN(x[i])) { r[i] = double.NaN; continue; }
                int less = 0, equal = 0;
                foreach (var v in x) { if (double.IsNaN(v)) continue; if (v < x[i]) less++; else if (v == x[i]) equal++; }
                r[i] = less + (equal + 1) / 2.0;
            }
            return r;
        }
        double Ess()
        {
            double n = a.Count(v => !double.IsNaN(v));
            double Lag(double[] x)
            {
                var p = x[..^1].ToArray();
                var q = x[1..].ToArray();
                if (skip)
                    for (int i = 0; i < p.Length; i++) if (double.IsNaN(p[i]) || double.IsNaN(q[i])) p[i] = q[i] = double.NaN;
                return Pearson(p, q, null);
            }
            double ra = Lag(a), rb = Lag(b);
            double neff = Math.Floor(n * (1 - ra * rb) / (1 + ra * rb));
            return double.IsNaN(neff) ? neff : Math.Min(Math.Max(neff, 0), n);
        }
        // scipy's pearson p-value through Student's t: 2·sf(|t|), t = r·sqrt(dof/(1−r²)) (MathNet, not the beta function).
        double PT(double r, double dof)
        {
            if (double.IsNaN(r) || dof <= 0) return double.NaN;
            double t = Math.Abs(r) * Math.Sqrt(dof / ((1 - r) * (1 + r)));
            return double.IsInfinity(t) ? 0 : 2 * MathNet.Numerics.Distributions.StudentT.CDF(0, 1, dof, -t);
        }
        var d = Zip(a, b, (p, q) => p - q);
        double nA = a.Count(v => !double.IsNaN(v));
        switch (metric)
        {
            case "mse": return WMean(d.Select(v => v * v).ToArray());
            case "rmse": return Math.Sqrt(WMean(d.Select(v => v * v).ToArray()));
            case "mae": return WMean(d.Select(Math.Abs).ToArray());
            case "me": return WMean(d);
            case "mape": return WMean(d.Select((v, i) => Math.Abs(v) / Math.Max(Math.Abs(a[i]), 2.220446049250313e-16)).ToArray());
            case "smape": return WMean(d.Select((v, i) => Math.Abs(v) / (Math.Abs(a[i]) + Math.Abs(b[i]))).ToArray());
            case "r2":
            {
                double ma = WMean(a);
                double num = Sum(d.Select((v, i) => (w?[i] ?? 1) * v * v).ToArray(), skip);
                double den = Sum(a.Select((v, i) => (w?[i] ?? 1) * (v - ma) * (v - ma)).ToArray(), skip);
                return 1 - num / den;
            }
            case "pearson_r": return Pearson(a, b, w);
            case "pearson_r_p_value": return PT(Pearson(a, b, w), nA - 2);
            case "linslope":
            {
                double ma = WMean(a), mb = WMean(b);
                return Sum(a.Select((v, i) => (w?[i] ?? 1) * (v - ma) * (b[i] - mb)).ToArray(), skip)
                     / Sum(a.Select((v, i) => (w?[i] ?? 1) * (v - ma) * (v - ma)).ToArray(), skip);
            }
            case "median_absolute_error":
            {
                var ad = d.Select(Math.Abs).ToArray();
                if (!skip && ad.Any(double.IsNaN)) return double.NaN;
                var s = ad.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
                return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
            }
            case "spearman_r": return Pearson(Rank(a), Rank(b), w);
            case "spearman_r_p_value": return PT(Pearson(Rank(a), Rank(b), w), nA - 2);
            case "effective_sample_size": return Ess();
            case "pearson_r_eff_p_value": return PT(Pearson(a, b, null), Ess() - 2);
            case "spearman_r_eff_p_value": return PT(Pearson(Rank(a), Rank(b), null), Ess() - 2);
            default: throw new ArgumentException(metric);
        }
    }

    // The series of every kept position (reduced axes in C order), and the kept positions in C order.
    private static List<(double[] A, double[] B, double[] W)> Series(double[,,] a, double[,,] b, double[,] w, bool[] reduce)
    {
        int[] n = [T, Y, X];
        var kept = Enumerable.Range(0, 3).Where(d => !reduce[d]).ToArray();
        int total = kept.Aggregate(1, (p, d) => p * n[d]);
        var result = new List<(double[], double[], double[])>();
        for (int o = 0; o < total; o++)
        {
            var fixedPos = new int[3];
            int rem = o;
            for (int k = kept.Length - 1; k >= 0; k--) { fixedPos[kept[k]] = rem % n[kept[k]]; rem /= n[kept[k]]; }
            var la = new List<double>(); var lb = new List<double>(); var lw = new List<double>();
            for (int t = 0; t < T; t++)
                for (int y = 0; y < Y; y++)
                    for (int x = 0; x < X; x++)
                    {
                        int[] p = [t, y, x];
                        if (kept.Any(d => p[d] != fixedPos[d])) continue;
                        la.Add(a[t, y, x]); lb.Add(b[t, y, x]); lw.Add(w[y, x]);
                    }
            result.Add((la.ToArray(), lb.ToArray(), lw.ToArray()));
        }
        return result;
    }

    public static TheoryData<string, bool, bool> Cases()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var m in DeterministicMetrics.Names)
            foreach (bool skip in new[] { true, false })
                foreach (bool weighted in new[] { false, true })
                    if (!weighted || !DeterministicMetrics.Unweighted.Contains(m)) data.Add(m, skip, weighted);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MetricsEqualTheFormulaWrittenOut(string metric, bool skipNa, bool weighted)
    {
        var (obs, fct, w, a, b, wv) = Inputs();
        var dimSets = DeterministicMetrics.SingleDimension.Contains(metric)
            ? new[] { new[] { "time" }, new[] { "lon" } }
            : new[] { new[] { "time" }, new[] { "time", "lon" }, new[] { "lat", "lon" }, Array.Empty<string>() };
        int nonNaN = 0;
        foreach (var dims in dimSets)
        {
            var ds = SkillScores.Deterministic(obs, fct, [metric], dims, weighted ? w : null, skipNa);
            object val = ds[metric].Values!;
            var got = val is double d0 ? [d0] : Stats.Of((Array)val).Flat;
            string[] all = ["time", "lat", "lon"];
            var reduce = all.Select(x => dims.Length == 0 || dims.Contains(x)).ToArray();
            Assert.Equal(all.Where((_, i) => !reduce[i]).ToArray(), ds[metric].Dims.ToArray());
            var series = Series(a, b, wv, reduce);
            Assert.Equal(series.Count, got.Length);
            for (int i = 0; i < got.Length; i++)
            {
                double want = Reference(metric, series[i].A, series[i].B, weighted ? series[i].W : null, skipNa);
                if (!double.IsNaN(want)) nonNaN++;
                Assert.True(double.IsNaN(want) ? double.IsNaN(got[i]) : Math.Abs(got[i] - want) <= 1e-10 * Math.Max(1, Math.Abs(want)),
                    $"{metric} over [{string.Join(",", dims)}] skipna={skipNa} weighted={weighted} [{i}]: got {got[i].ToString("R", CultureInfo.InvariantCulture)}, want {want.ToString("R", CultureInfo.InvariantCulture)}");
            }
        }
        // With skipna every element has values; without it the NaNs decide, but the complete data still gives some.
        Assert.True(nonNaN > 0, "every reference value was NaN: the comparison proved nothing");
    }

    [Fact]
    public void WithoutNaNsTheSkipnaRulesAgree()
    {
        var (obs, fct, _, _, _, _) = Inputs(seed: 5, nan: 0);
        var names = DeterministicMetrics.Names.ToArray();
        var on = SkillScores.Deterministic(obs, fct, names, ["time"], null, skipNa: true);
        var off = SkillScores.Deterministic(obs, fct, names, ["time"], null, skipNa: false);
        foreach (var m in names.Where(m => m != "smape"))   // smape differs at the planted 0/0
        {
            var x = Stats.Of((Array)on[m].Values!).Flat;
            var y = Stats.Of((Array)off[m].Values!).Flat;
            // The eff p-values are NaN where the effective sample size leaves no degrees of freedom (as scipy's betainc).
            if (!m.EndsWith("eff_p_value", StringComparison.Ordinal)) Assert.True(x.All(v => !double.IsNaN(v)), m);
            for (int i = 0; i < x.Length; i++)
                Assert.True((double.IsNaN(x[i]) && double.IsNaN(y[i])) || Math.Abs(x[i] - y[i]) <= 1e-12 * Math.Max(1, Math.Abs(x[i])), $"{m}[{i}]: {x[i]} vs {y[i]}");   // chunk sums merge in any order
        }
    }

    [Fact]
    public void PValuesAgreeWithScipy()
    {
        Python.Require("scipy", "numpy");
        var (obs, fct, _, a, b, _) = Inputs(seed: 7, nan: 0.15);
        var ds = SkillScores.Deterministic(obs, fct, ["pearson_r", "pearson_r_p_value", "spearman_r", "spearman_r_p_value"], ["time"], null, skipNa: true);
        var series = Series(a, b, new double[Y, X], [true, false, false]);
        string F(double v) => double.IsNaN(v) ? "nan" : v.ToString("R", CultureInfo.InvariantCulture);
        var rows = string.Join(",\n", series.Select(s => "([" + string.Join(",", s.A.Select(F)) + "],[" + string.Join(",", s.B.Select(F)) + "])"));
        string script = $$"""
            import numpy as np
            from scipy import stats
            nan = np.nan
            for a, b in [{{rows}}]:
                a = np.array(a); b = np.array(b)
                ok = ~(np.isnan(a) | np.isnan(b))
                r, p = stats.pearsonr(a[ok], b[ok])
                rs, ps = stats.spearmanr(a[ok], b[ok])
                print(repr(r), repr(p), repr(rs), repr(ps))
            """;
        var lines = Python.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(series.Count, lines.Length);
        var cols = new[] { "pearson_r", "pearson_r_p_value", "spearman_r", "spearman_r_p_value" }
            .Select(m => Stats.Of((Array)ds[m].Values!).Flat).ToArray();
        for (int i = 0; i < lines.Length; i++)
        {
            var want = lines[i].Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            for (int c = 0; c < 4; c++)
                Assert.True(Math.Abs(cols[c][i] - want[c]) <= 1e-9 * Math.Max(1e-3, Math.Abs(want[c])),
                    $"column {c} row {i}: {cols[c][i]} vs scipy {want[c]}");
        }
    }

    [Fact]
    public void ResultIsLazyAndOnTheKeptDims()
    {
        var (obs, fct, _, _, _, _) = Inputs();
        var ds = SkillScores.Deterministic(obs, fct, ["rmse", "pearson_r", "spearman_r"], ["time"], null, true);
        Assert.Equal(["rmse", "pearson_r", "spearman_r"], ds.DataVars.ToArray());
        Assert.Equal(["lat", "lon"], ds.Coords.ToArray());
        Assert.IsType<SkillFieldArray>(ds["rmse"].Variable.Data);
        Assert.Equal([5L, 4L], ds["rmse"].Shape);
    }
}
