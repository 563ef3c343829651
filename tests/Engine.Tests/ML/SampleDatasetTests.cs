using ZarrPS.Engine.ML;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Tests.ML;

public class SampleDatasetTests
{
    private static SampleOptions Small(int seed = 3) => new()
    {
        Start = new DateTime(2019, 7, 1), End = new DateTime(2019, 7, 11), StepHours = 3,
        Latitude = (10, 40), Longitude = (100, 140), Resolution = 2, Levels = [850, 500], Seed = seed,
    };

    [Fact]
    public void Era5Convection_HasTheEra5LayoutAndSaysItIsSynthetic()
    {
        var ds = SampleDatasets.Era5Convection(Small());
        Assert.Equal(80, ds.Dims["time"]);
        Assert.Equal(16, ds.Dims["latitude"]);
        Assert.Equal(21, ds.Dims["longitude"]);
        Assert.Equal(2, ds.Dims["level"]);
        Assert.Equal(["cape", "cin", "kx", "blh", "tp", "t", "q"], ds.DataVars);
        Assert.Equal(40.0, ((double[])ds["latitude"].Values!)[0]);   // north to south, as ERA5
        Assert.Equal(new DateTime(2019, 7, 1, 3, 0, 0), ((DateTime[])ds["time"].Values!)[1]);
        Assert.Contains("SYNTHETIC", (string)ds.Attrs["source"]!);
    }

    [Fact]
    public void Era5Convection_IsDeterministic_AndTheSeedMatters_AndRegionsAgreeWithTheWhole()
    {
        var a = (float[,,])SampleDatasets.Era5Convection(Small()).GetDataArray("cape").Values!;
        var b = (float[,,])SampleDatasets.Era5Convection(Small()).GetDataArray("cape").Values!;
        var c = (float[,,])SampleDatasets.Era5Convection(Small(4)).GetDataArray("cape").Values!;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        var part = (float[,,])SampleDatasets.Era5Convection(Small()).Isel(new System.Collections.Hashtable { ["time"] = "5:7", ["longitude"] = "3:9" })["cape"].Values!;
        Assert.Equal(a[6, 2, 4], part[1, 2, 1]);
    }

    [Fact]
    public void Era5Convection_PhysicalRanges_AndAConvectionRateThatCanBeLearned()
    {
        var ds = SampleDatasets.Era5Convection(Small());
        var cape = (float[,,])ds["cape"].Values!;
        var cin = (float[,,])ds["cin"].Values!;
        var tp = (float[,,])ds["tp"].Values!;
        var kx = (float[,,])ds["kx"].Values!;
        Assert.All(cape.Cast<float>(), v => Assert.InRange(v, 0f, 6000f));
        Assert.All(cin.Cast<float>(), v => Assert.InRange(v, -500f, 0f));
        Assert.All(tp.Cast<float>(), v => Assert.InRange(v, 0f, 0.2f));
        double rate = tp.Cast<float>().Count(v => v > SampleDatasets.ConvectionThreshold) / (double)tp.Length;
        Assert.True(rate is > 0.05 and < 0.4, $"convective fraction {rate:F3}");
        // Rain follows the indices: mean CAPE and K-index are higher where it rains hard.
        double capeWet = 0, capeDry = 0, kxWet = 0, kxDry = 0; int wet = 0, dry = 0;
        for (int t = 0; t < tp.GetLength(0); t++) for (int y = 0; y < tp.GetLength(1); y++) for (int x = 0; x < tp.GetLength(2); x++)
        {
            if (tp[t, y, x] > SampleDatasets.ConvectionThreshold) { capeWet += cape[t, y, x]; kxWet += kx[t, y, x]; wet++; }
            else { capeDry += cape[t, y, x]; kxDry += kx[t, y, x]; dry++; }
        }
        Assert.True(capeWet / wet > capeDry / dry + 300, $"CAPE wet {capeWet / wet:F0}, dry {capeDry / dry:F0}");
        Assert.True(kxWet / wet > kxDry / dry + 3, $"K-index wet {kxWet / wet:F1}, dry {kxDry / dry:F1}");
    }

    [Fact]
    public void Era5Convection_BadPeriod_IsRejected()
    {
        var e = Assert.Throws<ZarrPSException>(() => SampleDatasets.Era5Convection(new SampleOptions { Start = new DateTime(2020, 1, 1), End = new DateTime(2019, 1, 1) }));
        Assert.Equal("EmptyPeriod", e.ErrorId);
    }
}
