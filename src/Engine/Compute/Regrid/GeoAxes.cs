using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Compute.Regrid;

/// <summary>Recognises latitude and longitude coordinates by CF units and standard_name, or by their usual names.</summary>
public static class GeoAxes
{
    private static readonly string[] NorthUnits = ["degrees_north", "degree_north", "degree_n", "degrees_n", "degreen", "degreesn"];
    private static readonly string[] EastUnits = ["degrees_east", "degree_east", "degree_e", "degrees_e", "degreee", "degreese"];

    /// <summary>True when a coordinate holds latitudes.</summary>
    public static bool IsLatitude(string name, Variable? coordinate) =>
        Matches(name, coordinate, NorthUnits, "latitude", ["lat", "latitude", "nav_lat", "rlat"]);

    /// <summary>True when a coordinate holds longitudes (which wrap by 360 degrees).</summary>
    public static bool IsLongitude(string name, Variable? coordinate) =>
        Matches(name, coordinate, EastUnits, "longitude", ["lon", "long", "longitude", "nav_lon", "rlon"]);

    private static bool Matches(string name, Variable? v, string[] units, string standardName, string[] names)
    {
        if (v is not null)
        {
            if (v.Attrs.TryGetValue("units", out var u) && u is string us && units.Contains(us.Trim().ToLowerInvariant())) return true;
            if (v.Attrs.TryGetValue("standard_name", out var sn) && sn is string sns && sns.Trim().Equals(standardName, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return names.Contains(name.ToLowerInvariant());
    }
}
