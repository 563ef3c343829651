using System.Numerics;

namespace ZarrPS.Engine.Tests.Support;

/// <summary>numpy-style statistics of an array's values (NaN ignored), computed independently of the engine.</summary>
public sealed record Stats(long Count, long Size, double Sum, double Min, double Max, double[] Flat)
{
    /// <summary>Computes statistics of any numeric .NET array (any rank).</summary>
    public static Stats Of(Array values)
    {
        var flat = new double[values.Length];
        int i = 0;
        foreach (var o in values) flat[i++] = ToDouble(o);
        long count = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var d in flat)
        {
            if (double.IsNaN(d)) continue;
            count++;
            sum += d;
            if (d < min) min = d;
            if (d > max) max = d;
        }
        return new Stats(count, flat.Length, sum, min, max, flat);
    }

    /// <summary>Converts one boxed element to double.</summary>
    public static double ToDouble(object? o) => o switch
    {
        null => double.NaN,
        bool b => b ? 1 : 0,
        Half h => (double)h,
        float f => f,
        double d => d,
        _ => Convert.ToDouble(o, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>True when a and b agree to a relative tolerance (absolute near zero).</summary>
    public static bool Close(double a, double b, double rel = 1e-6, double abs = 1e-9) =>
        (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= Math.Max(abs, rel * Math.Max(Math.Abs(a), Math.Abs(b)));
}
