using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace ZarrPS.Plot;

/// <summary>
/// A grid of maps on one picture: a title band on top, the maps row by row, and either a colour bar per map or one
/// shared bar at the right (then every map uses the same scale).
/// </summary>
internal static class PanelPlot
{
    private const int TitleBand = 44;
    private const int SharedBarBand = 110;

    /// <summary>Panels per row: as many as there are maps up to 3, two rows of two for four, else 3.</summary>
    public static int ColumnsFor(int panels, int? requested) => requested is > 0 ? requested.Value : panels <= 3 ? panels : panels == 4 ? 2 : 3;

    /// <summary>The scale of each panel: one shared scale over every panel's range, or each its own (colour maps used in turn).</summary>
    public static ColorScale[] Scales(IReadOnlyList<MapField> fields, PlotOptions o)
    {
        var maps = o.ColorMap is { Count: > 0 } m ? m : null;
        if (o.SharedColorBar)
        {
            (double, double)? union = null;
            foreach (var f in fields)
                if (f.Range is { } r) union = union is { } u ? (Math.Min(u.Item1, r.Min), Math.Max(u.Item2, r.Max)) : r;
            var shared = ColorScale.Resolve(maps?[0], union, o.Vmin, o.Vmax);
            return fields.Select(_ => shared).ToArray();
        }
        return fields.Select((f, i) => ColorScale.Resolve(maps?[i % maps.Count], f.Range, o.Vmin, o.Vmax)).ToArray();
    }

    /// <summary>Draws the panel and returns the PNG bytes.</summary>
    public static byte[] Render(IReadOnlyList<MapField> fields, PlotOptions o, string? title)
    {
        int n = fields.Count;
        int cols = Math.Min(ColumnsFor(n, o.Columns), n);
        int rows = (n + cols - 1) / cols;
        var scales = Scales(fields, o);
        int top = string.IsNullOrEmpty(title) ? 0 : TitleBand;
        int right = o.SharedColorBar ? SharedBarBand : 0;
        float cellW = (o.Width - right) / (float)cols, cellH = (o.Height - top) / (float)rows;

        using var surface = SKSurface.Create(new SKImageInfo(o.Width, o.Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"cannot create a {o.Width}x{o.Height} drawing surface");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        for (int i = 0; i < n; i++)
        {
            int r = i / cols, c = i % cols;
            var rect = new PixelRect(c * cellW, (c + 1) * cellW, top + (r + 1) * cellH, top + r * cellH);
            using var plot = MapPlot.Build(fields[i], scales[i], fields[i].Title, o.Coastlines, colorBar: !o.SharedColorBar, axisLabels: false);
            canvas.Save();
            canvas.ClipRect(new SKRect(rect.Left, rect.Top, rect.Right, rect.Bottom));
            plot.Render(canvas, rect);
            canvas.Restore();
        }
        if (top > 0) DrawTitle(canvas, title!, o.Width - right, top);
        if (o.SharedColorBar) DrawColorBar(canvas, scales[0], fields[0].ValueLabel, new SKRect(o.Width - right, top, o.Width, o.Height));
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void DrawTitle(SKCanvas canvas, string title, float width, float band)
    {
        using var font = new SKFont(PlotFonts.Typeface(bold: true), 18);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(title, width / 2, band * 0.68f, SKTextAlign.Center, font, paint);
    }

    // A vertical gradient with ticks at "nice" values and the value label turned along it.
    private static void DrawColorBar(SKCanvas canvas, ColorScale scale, string label, SKRect band)
    {
        float x0 = band.Left + 16, x1 = x0 + 18, y0 = band.Top + 24, y1 = band.Bottom - 40;
        using var fill = new SKPaint { IsAntialias = false };
        int steps = Math.Max(2, (int)(y1 - y0));
        for (int s = 0; s < steps; s++)
        {
            double f = 1 - (s + 0.5) / steps;
            var col = scale.Map.GetColor(f);
            fill.Color = new SKColor(col.R, col.G, col.B, col.A);
            float ya = y0 + (y1 - y0) * s / steps, yb = y0 + (y1 - y0) * (s + 1) / steps;
            canvas.DrawRect(new SKRect(x0, ya, x1, yb + 0.5f), fill);
        }
        using var line = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = 1, IsAntialias = true };
        canvas.DrawRect(new SKRect(x0, y0, x1, y1), line);
        using var font = new SKFont(PlotFonts.Typeface(bold: false), 12);
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        foreach (double v in NiceTicks(scale.Min, scale.Max, 6))
        {
            float y = (float)(y1 - (v - scale.Min) / (scale.Max - scale.Min) * (y1 - y0));
            canvas.DrawLine(x1, y, x1 + 4, y, line);
            canvas.DrawText(v.ToString("0.###", CultureInfo.InvariantCulture), x1 + 6, y + 4, SKTextAlign.Left, font, text);
        }
        canvas.Save();
        canvas.Translate(band.Right - 12, (y0 + y1) / 2);
        canvas.RotateDegrees(90);
        canvas.DrawText(label, 0, 0, SKTextAlign.Center, font, text);
        canvas.Restore();
    }

    /// <summary>Round values (1, 2 or 5 × 10^k apart) inside [min, max], about <paramref name="target"/> of them.</summary>
    internal static IEnumerable<double> NiceTicks(double min, double max, int target)
    {
        double raw = (max - min) / target;
        double mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(k => k * mag).First(s => s >= raw);
        for (double v = Math.Ceiling(min / step) * step; v <= max + step * 1e-9; v += step)
            yield return Math.Abs(v) < step * 1e-9 ? 0 : v;
    }
}
