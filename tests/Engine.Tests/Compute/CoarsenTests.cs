using ZarrPS.Engine.Compute.Grouping;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Compute;

/// <summary>Coarsening windows and coordinates for each boundary and side, against xarray's coarsen.</summary>
public class CoarsenTests
{
    [Fact]
    public void ExactNeedsADivisorAndNamesTheDimension()
    {
        var w = new CoarsenWindows("latitude", 12, 4);
        Assert.Equal(3, w.OutputLength);
        Assert.Equal((8L, 4), w.Window(2));
        var e = Assert.Throws<ZarrPSException>(() => new CoarsenWindows("latitude", 721, 4));
        Assert.Equal("CoarsenNotExact", e.ErrorId);
        Assert.Contains("'latitude'", e.Message);
        Assert.Contains("721", e.Message);
        Assert.Contains("window 4", e.Message);
    }

    [Theory]
    [InlineData(CoarsenBoundary.Trim, BinSide.Left, 10, 3, new[] { 0, 0, 0, 1, 1, 1, 2, 2, 2, -1 })]
    [InlineData(CoarsenBoundary.Trim, BinSide.Right, 10, 3, new[] { -1, 0, 0, 0, 1, 1, 1, 2, 2, 2 })]
    [InlineData(CoarsenBoundary.Pad, BinSide.Left, 10, 3, new[] { 0, 0, 0, 1, 1, 1, 2, 2, 2, 3 })]
    [InlineData(CoarsenBoundary.Pad, BinSide.Right, 10, 3, new[] { 0, 1, 1, 1, 2, 2, 2, 3, 3, 3 })]
    [InlineData(CoarsenBoundary.Pad, BinSide.Right, 9, 3, new[] { 0, 0, 0, 1, 1, 1, 2, 2, 2 })]
    [InlineData(CoarsenBoundary.Exact, BinSide.Left, 6, 2, new[] { 0, 0, 1, 1, 2, 2 })]
    public void PositionsMapToWindows(CoarsenBoundary boundary, BinSide side, int n, int size, int[] expected)
    {
        var w = new CoarsenWindows("x", n, size, boundary, side);
        Assert.Equal(expected, w.Codes());
        Assert.Equal(expected.Max() + 1, w.OutputLength);
        for (int o = 0; o < w.OutputLength; o++)
        {
            var (s, c) = w.Window(o);
            Assert.Equal(Enumerable.Range(0, n).Where(i => expected[i] == o).ToArray(), Enumerable.Range((int)s, c).ToArray());
        }
    }

    [Theory]
    [InlineData("trim", "left")]
    [InlineData("trim", "right")]
    [InlineData("pad", "left")]
    [InlineData("pad", "right")]
    public void CoordinatesEqualXarrayCoarsenMean(string boundary, string side)
    {
        Python.Require("xarray");
        // An irregular float coordinate and an hourly datetime coordinate of 10 points, windows of 4.
        double[] x = [0.5, 1.25, 3, 4.5, 4.75, 8, 9.5, 10, 13.25, 20];
        long h = 3_600_000_000_000L, t0 = 946_684_800_000_000_000L;
        long[] t = Enumerable.Range(0, 10).Select(i => t0 + i * i * h).ToArray();
        string script = $$"""
import numpy as np, xarray as xr
x = np.array([{{string.Join(",", x.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}}])
t = np.array([{{string.Join(",", t)}}], dtype='int64').astype('datetime64[ns]')
a = xr.DataArray(np.arange(10.), dims='x', coords={'x': x})
b = xr.DataArray(np.arange(10.), dims='t', coords={'t': t})
ca = a.coarsen(x=4, boundary='{{boundary}}', side='{{side}}').mean()
cb = b.coarsen(t=4, boundary='{{boundary}}', side='{{side}}').mean()
print(' '.join(repr(float(v)) for v in ca.x.values))
print(' '.join(str(int(v)) for v in cb.t.values.astype('int64')))
print(' '.join(repr(float(v)) for v in ca.values))
""";
        var lines = Python.Run(script).Trim().Split('\n');
        var w = new CoarsenWindows("x", 10, 4, Enum.Parse<CoarsenBoundary>(boundary, true), Enum.Parse<BinSide>(side, true));
        var xs = lines[0].Split(' ').Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var ts = lines[1].Split(' ').Select(long.Parse).ToArray();
        var means = lines[2].Split(' ').Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(xs.Length, w.OutputLength);
        var mine = w.CoordinateMean(x);
        for (int i = 0; i < xs.Length; i++) Assert.Equal(xs[i], mine[i], 12);
        Assert.Equal(ts, w.CoordinateMean(t));
        // The windows themselves: the skipna mean of arange(10) over each window is xarray's data mean.
        for (int i = 0; i < means.Length; i++)
        {
            var (s, c) = w.Window(i);
            Assert.Equal(means[i], Enumerable.Range((int)s, c).Average(), 12);
        }
    }
}
