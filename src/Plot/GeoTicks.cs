using System.Globalization;

namespace ZarrPS.Plot;

/// <summary>Tick labels of geographic axes, as maps write them: 30°N, 10°S, 120°E, 45°W, 0°, 180°.</summary>
internal static class GeoTicks
{
    public static string Latitude(double v)
    {
        if (Math.Abs(v) < 1e-9) return "0°";
        return Number(Math.Abs(v)) + (v > 0 ? "°N" : "°S");
    }

    public static string Longitude(double v)
    {
        double w = ((v + 180) % 360 + 360) % 360 - 180;   // into [-180, 180)
        if (Math.Abs(w) < 1e-9) return "0°";
        if (Math.Abs(Math.Abs(w) - 180) < 1e-9) return "180°";
        return Number(Math.Abs(w)) + (w > 0 ? "°E" : "°W");
    }

    private static string Number(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
