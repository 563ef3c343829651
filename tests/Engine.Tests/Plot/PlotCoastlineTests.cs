using ZarrPS.Plot;
using ZarrPS.Plot.Coastlines;
using static ZarrPS.Engine.Tests.Plot.PlotSamples;

namespace ZarrPS.Engine.Tests.Plot;

/// <summary>The shipped GSHHG shorelines sit where the land is, and maps draw them on request.</summary>
public class PlotCoastlineTests
{
    [Fact]
    public void ShorelinesAreWhereTheLandIs()
    {
        var set = CoastlineSet.Low;
        Assert.True(set.Segments.Count > 5000, $"{set.Segments.Count} segments");
        // Great Britain: shoreline points between 50°N and 59°N, 6°W and 2°E (354..360 and 0..2 east).
        Assert.Contains(set.Segments, s => Enumerable.Range(0, s.Lon.Length).Any(i => s.Lat[i] is > 50 and < 59 && s.Lon[i] > 354));
        // The Cape of Good Hope (34.36°S, 18.47°E) lies on a shoreline.
        Assert.Contains(set.Segments, s => Enumerable.Range(0, s.Lon.Length).Any(i => Math.Abs(s.Lat[i] + 34.36) < 0.15 && Math.Abs(s.Lon[i] - 18.47) < 0.15));
        // The open South Pacific (35..45°S, 190..200°E) has none.
        Assert.DoesNotContain(set.Segments, s => s.MaxLat > -45 && s.MinLat < -35 && s.MaxLon > 190 && s.MinLon < 200
            && Enumerable.Range(0, s.Lon.Length).Any(i => s.Lat[i] is > -45 and < -35 && s.Lon[i] is > 190 and < 200));
        Assert.All(set.Segments, s => Assert.InRange(s.Level, 1, 2));
    }

    [Fact]
    public void SegmentsAreShiftedToTheMapsLongitudes()
    {
        // Europe on a -180..180 map: the British shoreline (354..360 in the file) is drawn shifted by -360.
        var europe = new CoastlinePlottable(CoastlineSet.Low, -10, 30, 35, 60);
        Assert.True(europe.SegmentCount > 50);
        var ocean = new CoastlinePlottable(CoastlineSet.Low, 195, 200, -42, -38);
        Assert.Equal(0, ocean.SegmentCount);
    }

    [Fact]
    public void CoastlinesAreDrawnOnTheMap()
    {
        var field = Field("t2m", Range(35, 60, 26), Range(-10, 30, 41), (la, lo) => 300 - la);
        string plain = TempPng("plain"), coast = TempPng("coast");
        PlotExporter.Export(field, plain, new PlotOptions { Width = 500, Height = 400 });
        PlotExporter.Export(field, coast, new PlotOptions { Width = 500, Height = 400, Coastlines = true });
        // Thin antialiased lines: count the pixels that changed, and that they turned darker.
        using var a = SkiaSharp.SKBitmap.Decode(plain);
        using var b = SkiaSharp.SKBitmap.Decode(coast);
        long changed = 0, darker = 0;
        for (int y = 0; y < a.Height; y++)
            for (int x = 0; x < a.Width; x++)
            {
                var p = a.GetPixel(x, y);
                var q = b.GetPixel(x, y);
                if (p == q) continue;
                changed++;
                if (q.Red + q.Green + q.Blue < p.Red + p.Green + p.Blue) darker++;
            }
        double share = (double)changed / (a.Width * a.Height);
        Assert.True(share > 0.01 && share < 0.3, $"{share:P2} of the pixels changed with coastlines");
        Assert.True(darker > changed * 0.9, $"{darker} of {changed} changed pixels are darker");
    }
}
