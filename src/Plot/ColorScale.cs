using ScottPlot;
using ZarrPS.Engine;

namespace ZarrPS.Plot;

/// <summary>A colour map with the value range it spans.</summary>
internal sealed record ColorScale(string Name, IColormap Map, double Min, double Max)
{
    /// <summary>
    /// The scale for data spanning <paramref name="data"/>: the map asked for, else xarray's default (RdBu_r when
    /// the data cross zero and no limit is given, else viridis). A diverging map without limits is centred on zero.
    /// InvalidArgument "InvalidRange" when -Vmin is not below -Vmax.
    /// </summary>
    public static ColorScale Resolve(string? requested, (double Min, double Max)? data, double? vmin, double? vmax)
    {
        if (vmin is double lo && vmax is double hi && !(lo < hi))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidRange", $"-Vmin ({lo}) must be below -Vmax ({hi}).", "Vmin");
        bool crossesZero = data is { } r && r.Min < 0 && r.Max > 0;
        bool noLimits = vmin is null && vmax is null;
        string name = requested ?? (noLimits && crossesZero ? "RdBu_r" : "viridis");
        var map = ColorMaps.Get(name);
        double min, max;
        if (noLimits && crossesZero && ColorMaps.IsDiverging(name))
        {
            double m = Math.Max(-data!.Value.Min, data.Value.Max);
            (min, max) = (-m, m);
        }
        else
        {
            min = vmin ?? data?.Min ?? 0;
            max = vmax ?? data?.Max ?? 1;
            if (!(min < max))
            {
                // A constant field, or one limit given beyond the data: widen around it so the scale has a size.
                double pad = Math.Abs(min) > 0 ? Math.Abs(min) * 0.05 : 0.5;
                if (vmin is null) min = max - pad;
                else max = min + pad;
            }
        }
        return new ColorScale(name, map, min, max);
    }

    /// <summary>The colour of a value (NaN: none).</summary>
    public Color ColorOf(double value) => Map.GetColor(Math.Clamp((value - Min) / (Max - Min), 0, 1));
}
