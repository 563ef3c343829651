using System.Globalization;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Skill;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Skill;

/// <summary>
/// threshold_brier_score, reliability, discrimination and roc on larger random (time, lat, lon[, member]) data, chunked,
/// against the same definitions written in numpy (np.histogram for the probability bins, np.trapz for the ROC area).
/// The arrays go to Python as little-endian float64 files; the engine's bin edges and thresholds are passed along.
/// </summary>
public class ProbabilisticNumpyTests
{
    private const int T = 200, Y = 6, X = 5, M = 4;

    private static OrderedDictionary<string, Variable> Coords()
    {
        var c = new OrderedDictionary<string, Variable>
        {
            ["time"] = new(["time"], InMemoryArray.From(Enumerable.Range(0, T).Select(i => (double)i).ToArray(), DataType.Float64)),
            ["lat"] = new(["lat"], InMemoryArray.From(Enumerable.Range(0, Y).Select(i => 10.0 * i).ToArray(), DataType.Float64)),
            ["lon"] = new(["lon"], InMemoryArray.From(Enumerable.Range(0, X).Select(i => 20.0 * i).ToArray(), DataType.Float64)),
        };
        return c;
    }

    private static string F(double v) => double.IsNaN(v) ? "nan" : v.ToString("R", CultureInfo.InvariantCulture);

    private static string List(IEnumerable<double> v) => "[" + string.Join(",", v.Select(F)) + "]";

    private static double[] Flat(object? values) => ((Array)values!).Cast<double>().ToArray();

    // Writes each array (C order) to a temporary file; the script reads them with np.fromfile.
    private static string[] Files(params Array[] arrays)
    {
        var paths = new string[arrays.Length];
        for (int i = 0; i < arrays.Length; i++)
        {
            paths[i] = Path.Combine(Path.GetTempPath(), $"zarrps-skill-{Guid.NewGuid():N}.f8");
            using var w = new BinaryWriter(File.Create(paths[i]));
            foreach (double v in arrays[i]) w.Write(v);
        }
        return paths;
    }

    private static double[][] RunNumpy(string script, string[] files)
    {
        try
        {
            return Python.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        }
        finally
        {
            foreach (var f in files) File.Delete(f);
        }
    }

    private static void Same(string what, double[] got, double[] want, double tol)
    {
        Assert.Equal(want.Length, got.Length);
        for (int i = 0; i < got.Length; i++)
        {
            bool ok = double.IsNaN(want[i]) ? double.IsNaN(got[i]) : Math.Abs(got[i] - want[i]) <= tol;
            Assert.True(ok, $"{what}[{i}]: engine {F(got[i])} vs numpy {F(want[i])}");
        }
    }

    // Probabilities in [0, 1]: a third of them exactly on a tenth (so on bin edges, 0 and 1 included), some NaN.
    private static double[,,] Probabilities(Random r, double nanShare)
    {
        var p = new double[T, Y, X];
        for (int t = 0; t < T; t++)
            for (int y = 0; y < Y; y++)
                for (int x = 0; x < X; x++)
                {
                    double u = r.NextDouble();
                    p[t, y, x] = u < nanShare ? double.NaN : u < 0.33 ? r.Next(11) / 10.0 : r.NextDouble();
                }
        return p;
    }

    // Binary events, more likely where the probability is high, so the scores are not trivial.
    private static double[,,] Events(Random r, double[,,] p)
    {
        var e = new double[T, Y, X];
        for (int t = 0; t < T; t++)
            for (int y = 0; y < Y; y++)
                for (int x = 0; x < X; x++)
                {
                    double q = double.IsNaN(p[t, y, x]) ? 0.5 : 0.15 + 0.7 * p[t, y, x] * (y + 1) / Y;
                    e[t, y, x] = r.NextDouble() < q ? 1 : 0;
                }
        return e;
    }

    private static DataArray Field(string name, double[,,] v, ChunkLayout chunks) =>
        new(name, new Variable(["time", "lat", "lon"], InMemoryArray.From(v, DataType.Float64).WithChunks(chunks)), Coords());

    [Fact]
    public void ThresholdBrierScoreEqualsNumpyWithNaNsAndWeights()
    {
        Python.Require("numpy");
        var r = new Random(11);
        var o = new double[T, Y, X];
        var f = new double[T, Y, X, M];
        var w = new double[T];
        for (int t = 0; t < T; t++)
        {
            w[t] = 0.25 + r.NextDouble();
            for (int y = 0; y < Y; y++)
                for (int x = 0; x < X; x++)
                {
                    // Half-steps put observations and members exactly on the thresholds (the event is x > threshold).
                    o[t, y, x] = r.NextDouble() < 0.04 ? double.NaN : r.Next(9) * 0.5;
                    bool allNaN = r.NextDouble() < 0.02;
                    for (int m = 0; m < M; m++)
                        f[t, y, x, m] = allNaN || r.NextDouble() < 0.08 ? double.NaN : r.NextDouble() < 0.5 ? r.Next(9) * 0.5 : r.NextDouble() * 4 + 0.1 * x;
                }
        }
        w[17] = double.NaN;
        double[] thresholds = [2.5, 1.0, 3.0, 0.25];
        var coords = Coords();
        var obs = Field("o", o, new ChunkLayout([[64, 136], [4, 2], [5]]));
        var fct = new DataArray("f", new Variable(["time", "lat", "lon", "member"],
            InMemoryArray.From(f, DataType.Float64).WithChunks(new ChunkLayout([[50, 50, 100], [6], [2, 3], [3, 1]]))), coords);
        var wd = new DataArray("w", new Variable(["time"], InMemoryArray.From(w, DataType.Float64)), new() { ["time"] = coords["time"] });

        var weighted = SkillScores.Probabilistic(obs, fct, ["threshold_brier_score"], ["time"], weights: wd, thresholds: thresholds);
        var plain = SkillScores.Probabilistic(obs, fct, ["threshold_brier_score"], ["time", "lon"], thresholds: thresholds);
        Assert.Equal(["lat", "lon", "threshold"], weighted["threshold_brier_score"].Dims.ToArray());
        Assert.Equal(["lat", "threshold"], plain["threshold_brier_score"].Dims.ToArray());
        Assert.Equal(thresholds.Order().ToArray(), Flat(weighted["threshold"].Values));

        var files = Files(o, f, w);
        string script = $$"""
            import numpy as np
            np.seterr(all='ignore')
            o = np.fromfile('{{files[0]}}', '<f8').reshape({{T}}, {{Y}}, {{X}})
            f = np.fromfile('{{files[1]}}', '<f8').reshape({{T}}, {{Y}}, {{X}}, {{M}})
            w = np.fromfile('{{files[2]}}', '<f8')
            th = np.sort(np.array({{List(thresholds)}}))
            valid = ~np.isnan(f)
            # per threshold: (fraction of valid members above it - observed event)^2, NaN without an observation or a member
            s = np.stack([(((f > c) & valid).sum(-1) / valid.sum(-1) - (o > c)) ** 2 for c in th], -1)
            s[np.isnan(o)] = np.nan
            def wmean(s, w, axes):
                ok = ~np.isnan(s) & ~np.isnan(w)
                return np.where(ok, s * w, 0).sum(axes) / np.where(ok, w, 0).sum(axes)
            a = wmean(s, w[:, None, None, None], 0)
            b = wmean(s, np.ones_like(s), (0, 2))
            for row in (a, b):
                print(' '.join(repr(float(v)) for v in row.ravel()))
            """;
        var want = RunNumpy(script, files);
        Same("weighted threshold_brier_score", Flat(weighted["threshold_brier_score"].Values), want[0], 1e-12);
        Same("threshold_brier_score over time, lon", Flat(plain["threshold_brier_score"].Values), want[1], 1e-12);
    }

    [Fact]
    public void ReliabilityAndDiscriminationEqualNumpyHistograms()
    {
        Python.Require("numpy");
        var r = new Random(23);
        var p = Probabilities(r, 0.03);
        var e = Events(r, p);
        // A cell whose forecasts never reach the top bins: reliability is NaN there (0 / 0), as numpy gives.
        for (int t = 0; t < T; t++) p[t, 2, 3] = double.IsNaN(p[t, 2, 3]) ? p[t, 2, 3] : 0.3 * p[t, 2, 3];
        var obs = Field("o", e, new ChunkLayout([[120, 80], [6], [3, 2]]));
        var prob = Field("p", p, new ChunkLayout([[33, 167], [1, 5], [5]]));
        var edges = SkillScores.DefaultProbabilityEdges;

        var ds = SkillScores.Probabilistic(obs, prob, ["reliability", "discrimination"], ["time"]);
        var two = SkillScores.Probabilistic(obs, prob, ["reliability", "discrimination"], ["time", "lat"]);
        Assert.Equal(["lat", "lon", "forecast_probability"], ds["reliability"].Dims.ToArray());
        Assert.Equal(["lat", "lon", "event", "forecast_probability"], ds["discrimination"].Dims.ToArray());
        Assert.Equal(["lon", "event", "forecast_probability"], two["discrimination"].Dims.ToArray());

        var files = Files(p, e);
        string script = $$"""
            import numpy as np
            np.seterr(all='ignore')
            p = np.fromfile('{{files[0]}}', '<f8').reshape({{T}}, {{Y}}, {{X}})
            e = np.fromfile('{{files[1]}}', '<f8').reshape({{T}}, {{Y}}, {{X}})
            edges = np.array({{List(edges)}})
            def scores(p, e):
                # p, e: (samples, cells)
                rel, n, disc = [], [], []
                for c in range(p.shape[1]):
                    pc, ec = p[:, c], e[:, c]
                    ok = ~np.isnan(pc)
                    all_ = np.histogram(pc[ok], edges)[0].astype(float)
                    hit = np.histogram(pc[ok & (ec == 1)], edges)[0].astype(float)
                    miss = np.histogram(pc[ok & (ec == 0)], edges)[0].astype(float)
                    rel.append(hit / all_); n.append(all_)
                    disc.append(np.stack([hit / (ec == 1).sum(), miss / (ec == 0).sum()]))
                return np.array(rel), np.array(n), np.array(disc)
            for res in (scores(p.reshape({{T}}, -1), e.reshape({{T}}, -1)),
                        scores(p.reshape({{T * Y}}, {{X}}), e.reshape({{T * Y}}, {{X}}))):
                for a in res:
                    print(' '.join(repr(float(v)) for v in a.ravel()))
            """;
        var want = RunNumpy(script, files);
        Same("reliability", Flat(ds["reliability"].Values), want[0], 1e-12);
        Same("reliability_samples", Flat(ds["reliability_samples"].Values), want[1], 0);
        Same("discrimination", Flat(ds["discrimination"].Values), want[2], 1e-12);
        Same("reliability over time, lat", Flat(two["reliability"].Values), want[3], 1e-12);
        Same("reliability_samples over time, lat", Flat(two["reliability_samples"].Values), want[4], 0);
        Same("discrimination over time, lat", Flat(two["discrimination"].Values), want[5], 1e-12);
        // The case is not degenerate: empty bins (NaN) and filled ones both occur.
        Assert.Contains(want[0], double.IsNaN);
        Assert.True(want[1].Count(v => v > 0) > 100);
    }

    [Fact]
    public void RocAreaEqualsNumpyTrapezoid()
    {
        Python.Require("numpy");
        var r = new Random(37);
        var p = Probabilities(r, 0);
        var e = Events(r, p);
        var obs = Field("o", e, new ChunkLayout([[100, 100], [2, 2, 2], [5]]));
        var prob = Field("p", p, new ChunkLayout([[7, 193], [6], [1, 4]]));
        double[] fine = Enumerable.Range(0, 11).Select(i => i / 10.0).ToArray();
        double[] coarse = [0, 0.35, 0.5, 0.9, 1];

        var byCell = SkillScores.Probabilistic(obs, prob, ["roc"], ["time"], probabilityEdges: fine);
        var byLat = SkillScores.Probabilistic(obs, prob, ["roc"], ["time", "lon"], probabilityEdges: coarse);
        var dflt = SkillScores.Probabilistic(obs, prob, ["roc"], ["time"]);
        // With NaN forecasts: such pairs are left out, and as xskillscore keeps the mask of the first position along
        // the reduced dimensions, a cell whose first forecast is NaN is NaN (an all-NaN cell, and one NaN only at t = 0).
        var pn = (double[,,])p.Clone();
        for (int t = 0; t < T; t++)
            for (int y = 0; y < Y; y++)
                for (int x = 0; x < X; x++)
                    if (t > 0 && r.NextDouble() < 0.05 || y == 1 && x == 1) pn[t, y, x] = double.NaN;
        pn[0, 4, 2] = double.NaN;
        var withNaN = SkillScores.Probabilistic(obs, Field("p", pn, new ChunkLayout([[150, 50], [6], [5]])), ["roc"], ["time"], probabilityEdges: fine);
        Assert.Equal(["lat", "lon"], byCell["roc"].Dims.ToArray());
        Assert.Equal(["lat"], byLat["roc"].Dims.ToArray());

        var files = Files(p, e, pn);
        string script = $$"""
            import numpy as np
            p = np.fromfile('{{files[0]}}', '<f8').reshape({{T}}, {{Y}}, {{X}})
            e = np.fromfile('{{files[1]}}', '<f8').reshape({{T}}, {{Y}}, {{X}})
            pn = np.fromfile('{{files[2]}}', '<f8').reshape({{T}}, {{Y}}, {{X}})
            def area(o, f, edges):
                if np.isnan(f[0]):
                    return np.nan
                ok = ~np.isnan(o) & ~np.isnan(f)
                o, f = o[ok], f[ok]
                # (false alarm rate, hit rate) of the yes/no forecast "f >= edge" for the event "o >= edge", per edge
                # ascending, empty rates set to 1 and 0, the curve closed at (1, 1) and (0, 0), then |trapezoid|.
                far, hr = [1.0], [1.0]
                for c in np.sort(edges):
                    oy, fy = o >= c, f >= c
                    h, m = np.sum(oy & fy), np.sum(oy & ~fy)
                    fa, cn = np.sum(~oy & fy), np.sum(~oy & ~fy)
                    far.append(fa / (fa + cn) if fa + cn else 1.0)
                    hr.append(h / (h + m) if h + m else 0.0)
                far.append(0.0); hr.append(0.0)
                return min(abs(np.trapz(hr, far)), 1.0)
            def areas(p, e, edges):
                return np.array([area(e[:, c], p[:, c], edges) for c in range(p.shape[1])])
            print(' '.join(repr(float(v)) for v in areas(p.reshape({{T}}, -1), e.reshape({{T}}, -1), np.array({{List(fine)}}))))
            pl = p.transpose(0, 2, 1).reshape({{T * X}}, {{Y}}); el = e.transpose(0, 2, 1).reshape({{T * X}}, {{Y}})
            print(' '.join(repr(float(v)) for v in areas(pl, el, np.array({{List(coarse)}}))))
            print(' '.join(repr(float(v)) for v in areas(p.reshape({{T}}, -1), e.reshape({{T}}, -1), np.array({{List(SkillScores.DefaultProbabilityEdges)}}))))
            print(' '.join(repr(float(v)) for v in areas(pn.reshape({{T}}, -1), e.reshape({{T}}, -1), np.array({{List(fine)}}))))
            """;
        var want = RunNumpy(script, files);
        Same("roc (0, 0.1, ..., 1) over time", Flat(byCell["roc"].Values), want[0], 1e-12);
        Same("roc (0, .35, .5, .9, 1) over time, lon", Flat(byLat["roc"].Values), want[1], 1e-12);
        Same("roc (default edges) over time", Flat(dflt["roc"].Values), want[2], 1e-12);
        Same("roc with NaN forecasts", Flat(withNaN["roc"].Values), want[3], 1e-12);
        Assert.Equal(2, want[3].Count(double.IsNaN));
        // Skilful but not perfect forecasts: the areas lie strictly between 0.5 and 1 somewhere.
        Assert.Contains(want[0], v => v > 0.55 && v < 0.99);
    }
}
