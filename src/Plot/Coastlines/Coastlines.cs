using System.Buffers.Binary;

namespace ZarrPS.Plot.Coastlines;

/// <summary>
/// World shorelines (GSHHG 2.3.7 "low" resolution, LGPL-3: land/ocean and lake shores) shipped inside this
/// assembly; make_coastlines.py beside this file builds the resource from Debian's gmt-gshhg-low. Each segment lies
/// inside one 10-degree bin of longitude 0..360, so shifting a whole segment by ±360° never splits it.
/// </summary>
internal sealed class CoastlineSet
{
    private const string Resource = "ZarrPS.Plot.Coastlines.coastlines-gshhg-l.bin";

    private static readonly Lazy<CoastlineSet> Shared = new(Load);

    /// <summary>The shipped low-resolution shorelines.</summary>
    public static CoastlineSet Low => Shared.Value;

    private CoastlineSet(List<CoastSegment> segments) => Segments = segments;

    /// <summary>The segments (longitudes 0..360).</summary>
    public IReadOnlyList<CoastSegment> Segments { get; }

    private static CoastlineSet Load()
    {
        using var stream = typeof(CoastlineSet).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"the coastline resource {Resource} is missing");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var span = bytes.AsSpan();
        if (!span[..4].SequenceEqual("ZCL1"u8)) throw new InvalidOperationException($"{Resource} is not a ZCL1 coastline file");
        int count = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        int pos = 8;
        var segments = new List<CoastSegment>(count);
        for (int s = 0; s < count; s++)
        {
            int n = BinaryPrimitives.ReadInt32LittleEndian(span[pos..]);
            byte level = span[pos + 4];
            pos += 5;
            var lon = new double[n];
            var lat = new double[n];
            for (int i = 0; i < n; i++, pos += 4)
            {
                lon[i] = BinaryPrimitives.ReadInt16LittleEndian(span[pos..]) / 90.0;
                lat[i] = BinaryPrimitives.ReadInt16LittleEndian(span[(pos + 2)..]) / 90.0;
            }
            segments.Add(new CoastSegment(level, lon, lat));
        }
        return new CoastlineSet(segments);
    }
}

/// <summary>One run of shoreline points (degrees) with its GSHHG level (1 land/ocean, 2 lake).</summary>
internal sealed class CoastSegment
{
    public CoastSegment(byte level, double[] lon, double[] lat)
    {
        Level = level;
        Lon = lon;
        Lat = lat;
        MinLon = lon.Min();
        MaxLon = lon.Max();
        MinLat = lat.Min();
        MaxLat = lat.Max();
    }

    public byte Level { get; }
    public double[] Lon { get; }
    public double[] Lat { get; }
    public double MinLon { get; }
    public double MaxLon { get; }
    public double MinLat { get; }
    public double MaxLat { get; }
}
