using ScottPlot;
using ZarrPS.Engine;

namespace ZarrPS.Plot;

/// <summary>
/// Colour maps by their matplotlib names. The perceptual ones come from ScottPlot; the ColorBrewer and Moreland
/// diverging ones are interpolated from their published anchor colours. A name ending in "_r" reverses a map.
/// </summary>
public static class ColorMaps
{
    private static readonly Dictionary<string, Func<IColormap>> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["viridis"] = () => new ScottPlot.Colormaps.Viridis(),
        ["plasma"] = () => new ScottPlot.Colormaps.Plasma(),
        ["inferno"] = () => new ScottPlot.Colormaps.Inferno(),
        ["magma"] = () => new ScottPlot.Colormaps.Magma(),
        ["turbo"] = () => new ScottPlot.Colormaps.Turbo(),
        ["jet"] = () => new ScottPlot.Colormaps.Jet(),
        ["gray"] = () => new ScottPlot.Colormaps.Grayscale(),
        ["Greys"] = () => new ScottPlot.Colormaps.GrayscaleReversed(),
        ["Blues"] = () => Interpolated("Blues", "f7fbff", "deebf7", "c6dbef", "9ecae1", "6baed6", "4292c6", "2171b5", "08519c", "08306b"),
        ["Reds"] = () => Interpolated("Reds", "fff5f0", "fee0d2", "fcbba1", "fc9272", "fb6a4a", "ef3b2c", "cb181d", "a50f15", "67000d"),
        ["Greens"] = () => Interpolated("Greens", "f7fcf5", "e5f5e0", "c7e9c0", "a1d99b", "74c476", "41ab5d", "238b45", "006d2c", "00441b"),
        ["YlOrRd"] = () => Interpolated("YlOrRd", "ffffcc", "ffeda0", "fed976", "feb24c", "fd8d3c", "fc4e2a", "e31a1c", "bd0026", "800026"),
        ["RdBu"] = () => Interpolated("RdBu", "67001f", "b2182b", "d6604d", "f4a582", "fddbc7", "f7f7f7", "d1e5f0", "92c5de", "4393c3", "2166ac", "053061"),
        ["BrBG"] = () => Interpolated("BrBG", "543005", "8c510a", "bf812d", "dfc27d", "f6e8c3", "f5f5f5", "c7eae5", "80cdc1", "35978f", "01665e", "003c30"),
        ["PuOr"] = () => Interpolated("PuOr", "7f3b08", "b35806", "e08214", "fdb863", "fee0b6", "f7f7f7", "d8daeb", "b2abd2", "8073ac", "542788", "2d004b"),
        ["coolwarm"] = () => Interpolated("coolwarm", "3b4cc0", "6282ea", "8db0fe", "b8d0f9", "dddddd", "f5c4ad", "f49a7b", "de604d", "b40426"),
        ["bwr"] = () => Interpolated("bwr", "0000ff", "ffffff", "ff0000"),
        ["balance"] = () => new ScottPlot.Colormaps.Balance(),
        ["thermal"] = () => new ScottPlot.Colormaps.Thermal(),
        ["haline"] = () => new ScottPlot.Colormaps.Haline(),
        ["ice"] = () => new ScottPlot.Colormaps.Ice(),
        ["deep"] = () => new ScottPlot.Colormaps.Deep(),
        ["rain"] = () => new ScottPlot.Colormaps.Rain(),
        ["topo"] = () => new ScottPlot.Colormaps.Topo(),
    };

    // Maps whose middle is neutral: the default range of such a map is centred on zero.
    private static readonly HashSet<string> DivergingNames = new(StringComparer.OrdinalIgnoreCase) { "RdBu", "BrBG", "PuOr", "coolwarm", "bwr", "balance" };

    /// <summary>The known names (each also reversed with "_r").</summary>
    public static IReadOnlyList<string> Names { get; } = Known.Keys.ToArray();

    /// <summary>
    /// The colour map called <paramref name="name"/> (case ignored; "_r" reversed). InvalidArgument "UnknownColorMap"
    /// listing the valid names when there is none.
    /// </summary>
    public static IColormap Get(string name)
    {
        bool reversed = name.EndsWith("_r", StringComparison.OrdinalIgnoreCase);
        string baseName = reversed ? name[..^2] : name;
        if (!Known.TryGetValue(baseName, out var make))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "UnknownColorMap",
                $"-ColorMap '{name}' is not a known colour map; valid: {string.Join(", ", Names)} (each reversed with '_r', e.g. RdBu_r).", name);
        var map = make();
        return reversed ? new ScottPlot.Colormaps.Reversed(map) : map;
    }

    /// <summary>Whether the map diverges from a neutral middle (its default range is centred on zero).</summary>
    public static bool IsDiverging(string name) =>
        DivergingNames.Contains(name.EndsWith("_r", StringComparison.OrdinalIgnoreCase) ? name[..^2] : name);

    private static IColormap Interpolated(string name, params string[] hex) =>
        new NamedColormap(name, new ScottPlot.Colormaps.CustomInterpolated(hex.Select(h => Color.FromHex("#" + h)).ToArray()));

    private sealed class NamedColormap(string name, IColormap inner) : IColormap
    {
        public string Name => name;
        public Color GetColor(double position) => inner.GetColor(position);
    }
}
