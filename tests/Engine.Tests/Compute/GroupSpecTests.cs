using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Cf;
using ZarrPS.Engine.Compute.Grouping;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Compute;

/// <summary>Group keys by name ("time.month", "TIME.season", a coordinate) and grouping by coordinate values.</summary>
public class GroupSpecTests
{
    private static Dataset Sample(string timeName)
    {
        long d = 86_400_000_000_000L;
        long t0 = CfDate.Parse("2000-01-30", CfCalendar.ProlepticGregorian).ToDatetime64();
        var times = Enumerable.Range(0, 5).Select(i => t0 + i * d).ToArray();
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal)
        {
            [timeName] = new Variable([timeName], InMemoryArray.From(times, DataType.DateTime64("ns"))),
            ["station"] = new Variable(["site"], InMemoryArray.From(new[] { "b", "a", "b", "c" })),
            ["level"] = new Variable(["site"], InMemoryArray.From(new[] { 850f, float.NaN, 500f, 850f })),
            ["grid"] = new Variable(["y", "x"], InMemoryArray.From(new double[2, 2])),
            ["sst"] = new Variable([timeName], InMemoryArray.From(new double[5])),
        };
        return new Dataset(vars);
    }

    [Theory]
    [InlineData("TIME", "TIME.month")]
    [InlineData("TIME", "time.month")]
    [InlineData("time", "Time.Month")]
    [InlineData("valid_time", "time.month")]
    public void TimeStandsForTheTimeCoordinate(string timeName, string key)
    {
        var ds = Sample(timeName);
        var spec = GroupSpec.Parse(key, ds);
        Assert.Equal(timeName, spec.Coordinate);
        Assert.Equal(timeName, spec.Dim);
        Assert.Equal(TimeComponent.Month, spec.Component);
        Assert.Equal("month", spec.LabelName);
        var keys = spec.Keys(ds);
        // 2000-01-30, 01-31, 02-01, 02-02, 02-03.
        Assert.Equal([1L, 2L], (long[])keys.Labels);
        Assert.Equal([0, 0, 1, 1, 1], keys.Codes);
        Assert.Equal(timeName, keys.Dim);
    }

    [Fact]
    public void ACoordinateGroupsByItsValues()
    {
        var ds = Sample("time");
        var spec = GroupSpec.Parse("station", ds);
        Assert.Null(spec.Component);
        Assert.Equal("site", spec.Dim);
        var keys = spec.Keys(ds);
        Assert.Equal(["a", "b", "c"], (string[])keys.Labels);
        Assert.Equal([1, 0, 1, 2], keys.Codes);
        var levels = GroupSpec.Parse("level", ds).Keys(ds);
        Assert.Equal([500f, 850f], (float[])levels.Labels);
        Assert.Equal([1, -1, 0, 1], levels.Codes);
        Assert.Equal("float32", levels.LabelType.Name);
    }

    [Fact]
    public void BadKeysSayWhatIsValid()
    {
        var ds = Sample("time");
        var e = Assert.Throws<ZarrPSException>(() => GroupSpec.Parse("time.fortnight", ds));
        Assert.Equal("UnknownTimeComponent", e.ErrorId);
        Assert.Contains("dayofyear", e.Message);
        e = Assert.Throws<ZarrPSException>(() => GroupSpec.Parse("depth", ds));
        Assert.Equal("UnknownGroupKey", e.ErrorId);
        Assert.Contains("station", e.Message);
        e = Assert.Throws<ZarrPSException>(() => GroupSpec.Parse("station.month", ds));
        Assert.Equal("NotATime", e.ErrorId);
        e = Assert.Throws<ZarrPSException>(() => GroupSpec.Parse("grid", ds));
        Assert.Equal("GroupNotOneDimensional", e.ErrorId);
    }

    [Fact]
    public void ValueGroupsEqualXarrayForNumbersWithNaNAndStrings()
    {
        Python.Require("xarray");
        double[] x = [3.5, double.NaN, -1, 3.5, 0.0, -0.0, 7, -1, double.NaN, 2];
        string[] s = ["pear", "apple", "Zebra", "apple", "éclair", "pear", "b"];
        string script = """
import numpy as np, xarray as xr
x = np.array([3.5, np.nan, -1, 3.5, 0.0, -0.0, 7, -1, np.nan, 2])
s = np.array(["pear", "apple", "Zebra", "apple", "\u00e9clair", "pear", "b"])
for v in (x, s):
    # Each position's bit summed per group says which positions xarray put in it (its .groups indices
    # count positions after NaN is dropped, so they are not used).
    a = xr.DataArray(2 ** np.arange(v.size), dims='i', coords={'k': ('i', v)})
    r = a.groupby('k').sum()
    codes = np.full(v.size, -1)
    for n, bits in enumerate(r.values):
        for i in range(v.size):
            if int(bits) >> i & 1: codes[i] = n
    print('|'.join(str(l) for l in r.k.values))
    print(' '.join(str(c) for c in codes))
""";
        var lines = Python.Run(script).Trim().Split('\n');
        var kx = ValueGroups.Compute(x, "k", "i");
        Assert.Equal(lines[0].Split('|').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray(), (double[])kx.Labels);
        Assert.Equal(lines[1].Split(' ').Select(int.Parse).ToArray(), kx.Codes);
        var ks = ValueGroups.Compute(s, "k", "i");
        Assert.Equal(lines[2].Split('|'), (string[])ks.Labels);
        Assert.Equal(lines[3].Split(' ').Select(int.Parse).ToArray(), ks.Codes);
    }
}
