using ScottPlot;
using SkiaSharp;

namespace ZarrPS.Plot.Coastlines;

/// <summary>
/// Draws the shorelines that fall inside a longitude/latitude window as thin lines over a map. Segments are shifted
/// by -360, 0 or +360 degrees to meet the map's longitude convention (-180..180 or 0..360).
/// </summary>
internal sealed class CoastlinePlottable : IPlottable
{
    private readonly List<(CoastSegment Segment, double Shift)> _visible = [];

    public CoastlinePlottable(CoastlineSet set, double west, double east, double south, double north)
    {
        foreach (var seg in set.Segments)
        {
            if (seg.MaxLat < south || seg.MinLat > north) continue;
            foreach (double shift in (ReadOnlySpan<double>)[-360.0, 0.0, 360.0])
                if (seg.MaxLon + shift >= west && seg.MinLon + shift <= east) _visible.Add((seg, shift));
        }
    }

    /// <summary>The number of segments drawn (segment copies at different shifts counted apart).</summary>
    public int SegmentCount => _visible.Count;

    public Color LineColor { get; set; } = Colors.Black;

    public float LineWidth { get; set; } = 0.8f;

    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new ScottPlot.Axes();

    public IEnumerable<LegendItem> LegendItems => [];

    // The map's extent sets the limits; shorelines outside it must not widen them.
    public AxisLimits GetAxisLimits() => AxisLimits.NoLimits;

    public void Render(RenderPack rp)
    {
        using var paint = new SKPaint
        {
            Color = new SKColor(LineColor.R, LineColor.G, LineColor.B, LineColor.A),
            StrokeWidth = LineWidth,
            Style = SKPaintStyle.Stroke,
            IsAntialias = true,
        };
        var rect = rp.DataRect;
        rp.Canvas.Save();
        rp.Canvas.ClipRect(new SKRect(rect.Left, rect.Top, rect.Right, rect.Bottom));
        using var path = new SKPath();
        foreach (var (seg, shift) in _visible)
        {
            for (int i = 0; i < seg.Lon.Length; i++)
            {
                var px = Axes.GetPixel(new Coordinates(seg.Lon[i] + shift, seg.Lat[i]));
                if (i == 0) path.MoveTo(px.X, px.Y);
                else path.LineTo(px.X, px.Y);
            }
        }
        rp.Canvas.DrawPath(path, paint);
        rp.Canvas.Restore();
    }
}
