using System.Globalization;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Skill;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Skill;

/// <summary>Probabilistic scores: small cases worked by hand, and numpy/scipy on a larger ensemble with weights.</summary>
public class ProbabilisticTests
{
    private static OrderedDictionary<string, Variable> Time(int n) => new()
    {
        ["time"] = new(["time"], InMemoryArray.From(Enumerable.Range(0, n).Select(i => (double)i).ToArray(), DataType.Float64)),
    };

    private static DataArray Obs(double[] v) => new("o", new Variable(["time"], InMemoryArray.From(v, DataType.Float64)), Time(v.Length));

    private static DataArray Ens(double[,] v) => new("f", new Variable(["time", "member"], InMemoryArray.From(v, DataType.Float64)), Time(v.GetLength(0)));

    private static double Scalar(Dataset ds, string m) => (double)ds[m].Values!;

    [Fact]
    public void EnsembleScoresEqualHandWorkedCases()
    {
        // (y = 0.5, members 0, 1): E|X − y| = 0.5, E|X − X'| = 0.5 → 0.25; (y = 3, members 1, 2): 1.5 − 0.25 = 1.25.
        var ds = SkillScores.Probabilistic(Obs([0.5, 3]), Ens(new double[,] { { 0, 1 }, { 1, 2 } }),
            ["crps_ensemble", "threshold_brier_score", "rank_histogram"], thresholds: [1.5]);
        Assert.Equal(0.75, Scalar(ds, "crps_ensemble"), 1e-12);
        // Threshold 1.5: P(x > 1.5) = 0 and 0.5; events no, yes → (0 + 0.25) / 2.
        Assert.Equal(0.125, Scalar(ds, "threshold_brier_score"), 1e-12);
        // The observation ranks 2nd of 3, then 3rd of 3.
        Assert.Equal(new double[] { 0, 1, 1 }, (double[])ds["rank_histogram"].Values!);
        Assert.Equal(["rank"], ds["rank_histogram"].Dims.ToArray());

        // A NaN member is left out, as properscoring and xarray's member mean do.
        var withNaN = SkillScores.Probabilistic(Obs([0.5, 3]), Ens(new double[,] { { 0, double.NaN, 1 }, { 1, 2, double.NaN } }),
            ["crps_ensemble", "threshold_brier_score", "rank_histogram"], thresholds: [1.5]);
        Assert.Equal(0.75, Scalar(withNaN, "crps_ensemble"), 1e-12);
        Assert.Equal(0.125, Scalar(withNaN, "threshold_brier_score"), 1e-12);
        Assert.Equal(new double[] { 0, 1, 1, 0 }, (double[])withNaN["rank_histogram"].Values!);
    }

    [Fact]
    public void BrierScoreOfMemberMeans()
    {
        // Probabilities 1, 0.5, 0 against events 1, 0, 1 → (0 + 0.25 + 1) / 3.
        var ds = SkillScores.Probabilistic(Obs([1, 0, 1]), Ens(new double[,] { { 1, 1 }, { 1, 0 }, { 0, 0 } }), ["brier_score"]);
        Assert.Equal(1.25 / 3, Scalar(ds, "brier_score"), 1e-12);
    }

    [Fact]
    public void ProbabilityScoresEqualHandWorkedCases()
    {
        var obs = Obs([1, 0, 1, 1, 0]);
        var prob = new DataArray("p", new Variable(["time"], InMemoryArray.From(new[] { 0.1, 0.15, 0.5, 0.9, 0.95 }, DataType.Float64)), Time(5));
        var ds = SkillScores.Probabilistic(obs, prob, ["reliability", "discrimination", "brier_score"]);
        // Bins [0, .2) [.2, .4) [.4, .6) [.6, .8) [.8, 1]: samples 2, 0, 1, 0, 2; events among them 1, -, 1, -, 1.
        var rel = (double[])ds["reliability"].Values!;
        Assert.Equal(0.5, rel[0]); Assert.True(double.IsNaN(rel[1])); Assert.Equal(1, rel[2]); Assert.True(double.IsNaN(rel[3])); Assert.Equal(0.5, rel[4]);
        Assert.Equal(new double[] { 2, 0, 1, 0, 2 }, (double[])ds["reliability_samples"].Values!);
        Assert.Equal(new[] { 0.1, 0.3, 0.5, 0.7, 0.9 }, ((double[])ds["forecast_probability"].Values!).Select(v => Math.Round(v, 12)).ToArray());
        var disc = (double[,])ds["discrimination"].Values!;
        Assert.Equal(["event", "forecast_probability"], ds["discrimination"].Dims.ToArray());
        double[] evt = [1.0 / 3, 0, 1.0 / 3, 0, 1.0 / 3], none = [0.5, 0, 0, 0, 0.5];
        for (int k = 0; k < 5; k++) { Assert.Equal(evt[k], disc[0, k], 1e-12); Assert.Equal(none[k], disc[1, k], 1e-12); }
        // (0.1−1)² + 0.15² + 0.5² + 0.1² + 0.95², over 5.
        Assert.Equal((0.81 + 0.0225 + 0.25 + 0.01 + 0.9025) / 5, Scalar(ds, "brier_score"), 1e-12);
        // ROC over edges 0, .5, 1: (FAR, HR) = (1, 1), (1/2, 2/3), (0, 0); padded and integrated: 7/12.
        var roc = SkillScores.Probabilistic(obs, prob, ["roc"], probabilityEdges: [0, 0.5, 1]);
        Assert.Equal(7.0 / 12, Scalar(roc, "roc"), 1e-12);
    }

    [Fact]
    public void CrpsAndBrierEqualNumpyOnALargerEnsembleWithWeights()
    {
        Python.Require("numpy", "scipy");
        var r = new Random(4);
        int T = 40, Y = 6, M = 5;
        var o = new double[T, Y];
        var f = new double[T, Y, M];
        var ev = new double[T, Y];
        var w = new double[T];
        for (int t = 0; t < T; t++)
        {
            w[t] = 0.5 + r.NextDouble();
            for (int y = 0; y < Y; y++)
            {
                o[t, y] = r.NextDouble() < 0.05 ? double.NaN : r.NextDouble() * 4;
                ev[t, y] = r.NextDouble() < 0.4 ? 1 : 0;
                for (int m = 0; m < M; m++) f[t, y, m] = r.NextDouble() * 4 + 0.3 * y;
            }
        }
        var coords = Time(T);
        coords["lat"] = new(["lat"], InMemoryArray.From(Enumerable.Range(0, Y).Select(i => 10.0 * i).ToArray(), DataType.Float64));
        var obs = new DataArray("o", new Variable(["time", "lat"], InMemoryArray.From(o, DataType.Float64).WithChunks(new ChunkLayout([[15, 25], [4, 2]]))), coords);
        var events = new DataArray("e", new Variable(["time", "lat"], InMemoryArray.From(ev, DataType.Float64)), coords);
        var fct = new DataArray("f", new Variable(["time", "lat", "member"], InMemoryArray.From(f, DataType.Float64).WithChunks(new ChunkLayout([[7, 33], [6], [2, 3]]))), coords);
        var fbin = fct.Gt(2.0).AsType("float64");
        var wd = new DataArray("w", new Variable(["time"], InMemoryArray.From(w, DataType.Float64)), Time(T));
        var ds = SkillScores.Probabilistic(obs, fct, ["crps_ensemble", "crps_gaussian"], ["time"], weights: wd);
        var bs = SkillScores.Probabilistic(events, fbin, ["brier_score"], ["time"], weights: wd);

        string F(double v) => double.IsNaN(v) ? "nan" : v.ToString("R", CultureInfo.InvariantCulture);
        string script = $$"""
            import numpy as np
            from scipy.stats import norm
            nan = np.nan
            o = np.array([{{string.Join(",", Enumerable.Range(0, T).Select(t => "[" + string.Join(",", Enumerable.Range(0, Y).Select(y => F(o[t, y]))) + "]"))}}])
            e = np.array([{{string.Join(",", Enumerable.Range(0, T).Select(t => "[" + string.Join(",", Enumerable.Range(0, Y).Select(y => F(ev[t, y]))) + "]"))}}])
            f = np.array([{{string.Join(",", Enumerable.Range(0, T).Select(t => "[" + string.Join(",", Enumerable.Range(0, Y).Select(y => "[" + string.Join(",", Enumerable.Range(0, M).Select(m => F(f[t, y, m]))) + "]")) + "]"))}}])
            w = np.array([{{string.Join(",", w.Select(F))}}])[:, None]
            def wmean(x):
                ok = ~np.isnan(x)
                return np.where(ok, x * w, 0).sum(0) / np.where(ok, w, 0).sum(0)
            crps = np.abs(f - o[..., None]).mean(-1) - 0.5 * np.abs(f[..., :, None] - f[..., None, :]).mean((-1, -2))
            mu, sig = f.mean(-1), f.std(-1)
            z = (o - mu) / sig
            gauss = sig * (z * (2 * norm.cdf(z) - 1) + 2 * norm.pdf(z) - 1 / np.sqrt(np.pi))
            brier = ((f > 2).mean(-1) - e) ** 2
            for row in (wmean(crps), wmean(gauss), wmean(brier)):
                print(' '.join(repr(float(v)) for v in row))
            """;
        var lines = Python.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var got = new[] { (double[])ds["crps_ensemble"].Values!, (double[])ds["crps_gaussian"].Values!, (double[])bs["brier_score"].Values! };
        for (int k = 0; k < 3; k++)
        {
            var want = lines[k].Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            for (int y = 0; y < Y; y++) Assert.True(Math.Abs(got[k][y] - want[y]) < 1e-10, $"score {k} lat {y}: {got[k][y]} vs numpy {want[y]}");
        }
    }

    [Fact]
    public void AnEnsembleScoreWithoutMembersIsAnError()
    {
        var e = Assert.Throws<ZarrPSException>(() => SkillScores.Probabilistic(Obs([1, 2]), Obs([1, 2]), ["crps_ensemble"]));
        Assert.Equal("NoMemberDimension", e.ErrorId);
        Assert.Contains("-MemberDim", e.Message);
    }
}
