using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace ZarrPS.Plot;

/// <summary>
/// The fonts plots use: DejaVu Sans, shipped inside this assembly, so text renders the same on a machine with no
/// fonts installed (the NoDependencies Skia build does not ask fontconfig).
/// </summary>
internal static class PlotFonts
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)> Faces = new(() =>
        (Load("ZarrPS.Plot.Fonts.DejaVuSans.ttf"), Load("ZarrPS.Plot.Fonts.DejaVuSans-Bold.ttf")));

    private static readonly Lazy<bool> Registered = new(() =>
    {
        Fonts.FontResolvers.Insert(0, new EmbeddedResolver());
        Fonts.Default = Family;
        Fonts.Sans = Family;
        return true;
    });

    /// <summary>Registers the shipped fonts with ScottPlot (once) and makes them the plot's fonts.</summary>
    public static void Apply(ScottPlot.Plot plot)
    {
        _ = Registered.Value;
        plot.Font.Set(Family);
    }

    /// <summary>The shipped typeface (regular or bold), for text drawn directly on a canvas.</summary>
    public static SKTypeface Typeface(bool bold) => bold ? Faces.Value.Bold : Faces.Value.Regular;

    private static SKTypeface Load(string resource)
    {
        using var stream = typeof(PlotFonts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the font resource {resource} is missing from {typeof(PlotFonts).Assembly.GetName().Name}");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"the font resource {resource} could not be read");
    }

    private sealed class EmbeddedResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase) ? Typeface(bold) : null;
    }
}
