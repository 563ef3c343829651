using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Skill;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Skill;

/// <summary>How inputs are paired (alignment, broadcasting) and the clear errors for bad input.</summary>
public class SkillInputTests
{
    private static DataArray Shifted(DataArray x, string dim, double by)
    {
        var coords = new OrderedDictionary<string, Variable>(x.Coords);
        var c = (double[])ArrayValues.ReadAll(x.Coords[dim].Data);
        coords[dim] = new Variable([dim], InMemoryArray.From(c.Select(v => v + by).ToArray(), DataType.Float64));
        return new DataArray(x.Name, x.Variable, coords);
    }

    [Fact]
    public void NoOverlappingCoordinatesIsAnErrorNamingTheDimension()
    {
        var (obs, fct, _, _, _, _) = DeterministicSkillTests.Inputs();
        var e = Assert.Throws<ZarrPSException>(() => SkillScores.Deterministic(obs, Shifted(fct, "time", 1000), ["rmse"], ["time"]));
        Assert.Equal("NoOverlap", e.ErrorId);
        Assert.Contains("no 'time' labels in common", e.Message);
        Assert.Contains("0 … 22", e.Message);
    }

    [Fact]
    public void PartlyOverlappingCoordinatesAreIntersected()
    {
        var (obs, fct, _, a, b, _) = DeterministicSkillTests.Inputs(nan: 0);
        var ds = SkillScores.Deterministic(obs, Shifted(fct, "time", 20), ["me"], ["time"]);
        // obs times 20..22 meet forecast times 20..22, which are the forecast's positions 0..2.
        var got = (double[,])ds["me"].Values!;
        double want = Enumerable.Range(0, 3).Average(i => a[20 + i, 2, 3] - b[i, 2, 3]);
        Assert.Equal(want, got[2, 3], 1e-12);
    }

    [Fact]
    public void ADimensionMissingFromOneInputIsAnError()
    {
        var (obs, fct, _, _, _, _) = DeterministicSkillTests.Inputs();
        var oneLon = fct.Isel(new Dictionary<string, object> { ["lon"] = 0 });
        var e = Assert.Throws<ZarrPSException>(() => SkillScores.Deterministic(obs, oneLon, ["rmse"], ["time", "lon"]));
        Assert.Equal("DimensionNotFound", e.ErrorId);
        Assert.Contains("dimension 'lon'", e.Message);
        Assert.Contains("the forecast lacks it", e.Message);
        var e2 = Assert.Throws<ZarrPSException>(() => SkillScores.Deterministic(obs, fct, ["rmse"], ["depth"]));
        Assert.Contains("neither the observation nor the forecast", e2.Message);
    }

    [Fact]
    public void NegativeWeightsAreAnError()
    {
        var (obs, fct, w, _, _, _) = DeterministicSkillTests.Inputs();
        var negative = w - 1.0;   // weights 0.2 .. 3.2 → some below 0
        var e = Assert.Throws<ZarrPSException>(() => SkillScores.Deterministic(obs, fct, ["rmse"], ["time"], negative));
        Assert.Equal("NegativeWeights", e.ErrorId);
        Assert.Contains("must not be negative", e.Message);
    }

    [Fact]
    public void AnUnknownMetricListsTheValidOnes()
    {
        var (obs, fct, _, _, _, _) = DeterministicSkillTests.Inputs();
        var e = Assert.Throws<ZarrPSException>(() => SkillScores.Deterministic(obs, fct, ["rmse", "rsme"], ["time"]));
        Assert.Equal("UnknownMetric", e.ErrorId);
        Assert.Contains("There is no metric 'rsme'", e.Message);
        foreach (var m in DeterministicMetrics.Names) Assert.Contains(m, e.Message);
    }

    [Fact]
    public void WeightsOnAMetricWithoutWeightsAndEffOverTwoDimsAreErrors()
    {
        var (obs, fct, w, _, _, _) = DeterministicSkillTests.Inputs();
        Assert.Equal("UnsupportedWeights", Assert.Throws<ZarrPSException>(() => SkillScores.Deterministic(obs, fct, ["median_absolute_error"], ["time"], w)).ErrorId);
        Assert.Equal("SingleDimension", Assert.Throws<ZarrPSException>(() => SkillScores.Deterministic(obs, fct, ["effective_sample_size"], ["time", "lon"])).ErrorId);
    }

    [Fact]
    public void AForecastWithAnExtraDimensionIsBroadcast()
    {
        var (obs, fct, _, a, b, _) = DeterministicSkillTests.Inputs(nan: 0);
        var ens = new DataArray("t2m", new Variable(["member", "time", "lat", "lon"],
            new ZarrPS.Engine.Compute.BroadcastArray(fct.Variable.Data, [-1, 0, 1, 2], [1, 23, 5, 4], new ChunkLayout([[1], [23], [5], [4]]))), fct.Coords);
        var ds = SkillScores.Deterministic(obs, ens, ["me"], ["time"]);
        // The observation's dimensions first, then the forecast's own.
        Assert.Equal(["lat", "lon", "member"], ds["me"].Dims.ToArray());
        var got = (double[,,])ds["me"].Values!;
        Assert.Equal(Enumerable.Range(0, 23).Average(t => a[t, 1, 2] - b[t, 1, 2]), got[1, 2, 0], 1e-12);
    }
}
