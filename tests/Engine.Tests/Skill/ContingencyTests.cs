using System.Globalization;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Skill;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Skill;

/// <summary>Contingency tables and their scores: a case worked by hand, and numpy (xskillscore's formulas) on a larger field.</summary>
public class ContingencyTests
{
    private static DataArray Series(string name, double[] v) => new(name, new Variable(["time"], InMemoryArray.From(v, DataType.Float64)),
        new OrderedDictionary<string, Variable> { ["time"] = new(["time"], InMemoryArray.From(Enumerable.Range(0, v.Length).Select(i => (double)i).ToArray(), DataType.Float64)) });

    [Fact]
    public void YesNoScoresEqualTheHandWorkedTable()
    {
        // obs yes at 1, 2, 4; forecast yes at 1, 3, 4 → hits 2, misses 1, false alarms 1, correct negatives 2.
        var obs = Series("o", [0.1, 0.6, 0.7, 0.2, 0.9, 0.4]);
        var fct = Series("f", [0.2, 0.8, 0.3, 0.6, 0.95, 0.1]);
        var edges = new[] { double.NegativeInfinity, 0.5, double.PositiveInfinity };
        var want = new Dictionary<string, double>
        {
            ["hits"] = 2, ["misses"] = 1, ["false_alarms"] = 1, ["correct_negatives"] = 2,
            ["hit_rate"] = 2.0 / 3, ["false_alarm_ratio"] = 1.0 / 3, ["false_alarm_rate"] = 1.0 / 3, ["success_ratio"] = 2.0 / 3,
            ["threat_score"] = 0.5, ["equitable_threat_score"] = 0.2, ["odds_ratio"] = 4, ["odds_ratio_skill_score"] = 0.6,
            ["bias_score"] = 1, ["accuracy"] = 4.0 / 6, ["heidke_score"] = 1.0 / 3, ["peirce_score"] = 1.0 / 3, ["gerrity_score"] = 1.0 / 3,
        };
        var ds = SkillScores.Contingency(obs, fct, [.. want.Keys, "table"], edges, edges, ["time"]);
        foreach (var (m, v) in want)
            Assert.True(Math.Abs((double)ds[m].Values! - v) < 1e-12, $"{m}: {ds[m].Values} vs {v}");
        var table = (double[,])ds["table"].Values!;
        Assert.Equal(new double[,] { { 2, 1 }, { 1, 2 } }, table);
        Assert.Equal(["observations_category", "forecasts_category"], ds["table"].Dims.ToArray());
        Assert.Equal(new[] { "[-inf, 0.5)", "[0.5, inf]" }, (string[])ds["observations_category_bounds"].Values!);
    }

    [Fact]
    public void TablesAndMultiCategoryScoresEqualNumpy()
    {
        Python.Require("numpy");
        var (obs, fct, _, a, b, _) = DeterministicSkillTests.Inputs(seed: 21, nan: 0.05);
        double[] edges = [-15, -4, 3, 30];
        string[] scores = ["table", "accuracy", "heidke_score", "peirce_score", "gerrity_score"];
        var ds = SkillScores.Contingency(obs, fct, scores, edges, edges, ["time", "lon"]);
        Assert.Equal(["lat", "observations_category", "forecasts_category"], ds["table"].Dims.ToArray());
        string F(double v) => double.IsNaN(v) ? "nan" : v.ToString("R", CultureInfo.InvariantCulture);
        string Arr(double[,,] x) => "np.array([" + string.Join(",", Enumerable.Range(0, x.GetLength(0)).Select(t => "[" + string.Join(",",
            Enumerable.Range(0, x.GetLength(1)).Select(y => "[" + string.Join(",", Enumerable.Range(0, x.GetLength(2)).Select(z => F(x[t, y, z]))) + "]")) + "]")) + "])";
        string script = $$"""
            import numpy as np
            nan = np.nan
            a = {{Arr(a)}}; b = {{Arr(b)}}
            e = np.array([-15, -4, 3, 30.0])
            for y in range(a.shape[1]):
                o = a[:, y, :].ravel(); f = b[:, y, :].ravel()
                ok = ~(np.isnan(o) | np.isnan(f))
                t, _, _ = np.histogram2d(o[ok], f[ok], bins=[e, e])
                n = t.sum(); no = t.sum(axis=1); nf = t.sum(axis=0)
                acc = np.trace(t) / n
                hss = (acc - (no * nf).sum() / n**2) / (1 - (no * nf).sum() / n**2)
                pss = (acc - (no * nf).sum() / n**2) / (1 - (no**2).sum() / n**2)
                p = np.cumsum(no / n); aa = (1 - p) / p; k = len(aa)
                s = np.zeros(t.shape)
                for i, j in np.ndindex(*t.shape):
                    if i == j: s[i, j] = (np.sum(1 / aa[0:j]) + np.sum(aa[j:k - 1])) / (k - 1)
                    elif i < j: s[i, j] = (np.sum(1 / aa[0:i]) - (j - i) + np.sum(aa[j:k - 1])) / (k - 1)
                    else: s[i, j] = s[j, i]
                gs = np.nansum(t * s) / n
                print(' '.join(repr(float(v)) for v in list(t.ravel()) + [acc, hss, pss, gs]))
            """;
        var lines = Python.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        var table = (double[,,])ds["table"].Values!;
        var acc = (double[])ds["accuracy"].Values!;
        var hss = (double[])ds["heidke_score"].Values!;
        var pss = (double[])ds["peirce_score"].Values!;
        var gs = (double[])ds["gerrity_score"].Values!;
        for (int y = 0; y < 5; y++)
        {
            var want = lines[y].Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++) Assert.Equal(want[i * 3 + j], table[y, i, j]);
            Assert.Equal(want[9], acc[y], 1e-12);
            Assert.Equal(want[10], hss[y], 1e-12);
            Assert.Equal(want[11], pss[y], 1e-12);
            Assert.Equal(want[12], gs[y], 1e-12);
        }
    }

    [Fact]
    public void BadEdgesAndYesNoScoresOnThreeCategoriesAreErrors()
    {
        var obs = Series("o", [1, 2, 3]);
        Assert.Equal("InvalidEdges", Assert.Throws<ZarrPSException>(() => SkillScores.Contingency(obs, obs, ["table"], [0, 2, 1], [0, 1, 2])).ErrorId);
        Assert.Equal("NotDichotomous", Assert.Throws<ZarrPSException>(() => SkillScores.Contingency(obs, obs, ["hit_rate"], [0, 1, 2, 3], [0, 1, 2, 3])).ErrorId);
        var e = Assert.Throws<ZarrPSException>(() => SkillScores.Contingency(obs, obs, ["hitrate"], [0, 1, 2], [0, 1, 2]));
        Assert.Contains("hit_rate", e.Message);
    }
}
