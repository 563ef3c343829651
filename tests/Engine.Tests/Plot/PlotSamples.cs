using SkiaSharp;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Tests.Plot;

/// <summary>Synthetic labelled fields for the plot tests, and what a written PNG holds.</summary>
internal static class PlotSamples
{
    /// <summary>Latitudes from <paramref name="south"/> to <paramref name="north"/> (either order) in <paramref name="n"/> steps.</summary>
    public static double[] Range(double first, double last, int n) =>
        Enumerable.Range(0, n).Select(i => first + (last - first) * i / (n - 1)).ToArray();

    /// <summary>A latitude × longitude DataArray of f(lat, lon) with CF-marked coordinates.</summary>
    public static DataArray Field(string name, double[] lat, double[] lon, Func<double, double, double> f, string units = "K",
        string latName = "latitude", string lonName = "longitude")
    {
        var values = new double[lat.Length, lon.Length];
        for (int i = 0; i < lat.Length; i++)
            for (int j = 0; j < lon.Length; j++) values[i, j] = f(lat[i], lon[j]);
        var coords = new OrderedDictionary<string, Variable>(StringComparer.Ordinal)
        {
            [latName] = new Variable([latName], InMemoryArray.From(lat), new OrderedDictionary<string, object?> { ["units"] = "degrees_north" }),
            [lonName] = new Variable([lonName], InMemoryArray.From(lon), new OrderedDictionary<string, object?> { ["units"] = "degrees_east" }),
        };
        var attrs = new OrderedDictionary<string, object?> { ["units"] = units, ["long_name"] = name + " field" };
        return new DataArray(name, new Variable([latName, lonName], InMemoryArray.From(values), attrs), coords);
    }

    /// <summary>A time × latitude × longitude DataArray: <paramref name="times"/> copies of a wave pattern shifted in time.</summary>
    public static DataArray Cube(string name, int times, double[] lat, double[] lon)
    {
        var values = new double[times, lat.Length, lon.Length];
        for (int t = 0; t < times; t++)
            for (int i = 0; i < lat.Length; i++)
                for (int j = 0; j < lon.Length; j++) values[t, i, j] = Math.Sin((lon[j] + 20 * t) * Math.PI / 90) * Math.Cos(lat[i] * Math.PI / 180);
        var ns = Enumerable.Range(0, times).Select(t => new DateTime(2020, 1, 1).AddDays(t).Subtract(DateTime.UnixEpoch).Ticks * 100).ToArray();
        var coords = new OrderedDictionary<string, Variable>(StringComparer.Ordinal)
        {
            ["time"] = new Variable(["time"], InMemoryArray.From(ns, DataType.DateTime64("ns"))),
            ["latitude"] = new Variable(["latitude"], InMemoryArray.From(lat)),
            ["longitude"] = new Variable(["longitude"], InMemoryArray.From(lon)),
        };
        return new DataArray(name, new Variable(["time", "latitude", "longitude"], InMemoryArray.From(values)), coords);
    }

    /// <summary>A 1-D series along a daily time axis.</summary>
    public static DataArray Series(string name, double[] values)
    {
        var ns = Enumerable.Range(0, values.Length).Select(t => new DateTime(2021, 3, 1).AddDays(t).Subtract(DateTime.UnixEpoch).Ticks * 100).ToArray();
        var coords = new OrderedDictionary<string, Variable>(StringComparer.Ordinal)
        {
            ["time"] = new Variable(["time"], InMemoryArray.From(ns, DataType.DateTime64("ns"))),
        };
        return new DataArray(name, new Variable(["time"], InMemoryArray.From(values)), coords);
    }

    /// <summary>A scalar DataArray.</summary>
    public static DataArray Scalar(string name, double value) => new(name, new Variable([], InMemoryArray.Scalar(value)));

    /// <summary>A temporary PNG path (the folder exists, the file does not).</summary>
    public static string TempPng(string stem)
    {
        string dir = Path.Combine(Path.GetTempPath(), "zarrps-plot-tests");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, $"{stem}-{Guid.NewGuid():N}.png");
        return path;
    }

    /// <summary>The decoded picture: its size and the variance of its pixels' luminance (0 for a blank picture).</summary>
    public static (int Width, int Height, double Variance) Inspect(string path)
    {
        using var bitmap = SKBitmap.Decode(path) ?? throw new InvalidOperationException($"{path} is not a readable image");
        return (bitmap.Width, bitmap.Height, LuminanceVariance(bitmap));
    }

    public static double LuminanceVariance(SKBitmap bitmap)
    {
        double sum = 0, sumSq = 0;
        long n = 0;
        for (int y = 0; y < bitmap.Height; y += 2)
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                double l = 0.2126 * c.Red + 0.7152 * c.Green + 0.0722 * c.Blue;
                sum += l;
                sumSq += l * l;
                n++;
            }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }

    /// <summary>The share of pixels of exactly this colour.</summary>
    public static double ShareOf(string path, SKColor colour)
    {
        using var bitmap = SKBitmap.Decode(path)!;
        long hits = 0, n = 0;
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++, n++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red == colour.Red && c.Green == colour.Green && c.Blue == colour.Blue) hits++;
            }
        return (double)hits / n;
    }
}
