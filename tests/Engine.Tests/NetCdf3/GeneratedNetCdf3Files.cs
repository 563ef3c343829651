using System.Text.Json;
using static ZarrPS.Engine.Tests.NetCdf3.NetCdf3TestSupport;

namespace ZarrPS.Engine.Tests.NetCdf3;

/// <summary>
/// NetCDF-3 files written by netCDF4-python into a temp folder once per test class, with what netCDF4
/// reads back from each (manifest.json and one .bin of raw values per variable).
/// </summary>
public sealed class GeneratedNetCdf3Files : IDisposable
{
    /// <summary>Every file the script writes.</summary>
    public static readonly string[] Names =
    [
        "cdf1_types.nc", "cdf1_zero.nc", "cdf1_fixed.nc",
        "cdf2_types.nc", "cdf2_zero.nc", "cdf2_fixed.nc",
        "cdf5_types.nc", "cdf5_zero.nc", "cdf5_fixed.nc",
        "cdf1_single_i1_3.nc", "cdf1_single_i2_3.nc", "cdf2_single_S1_5.nc",
        "cdf5_single_u2_3.nc", "cdf5_single_u1_1.nc", "cdf1_single_f8_2.nc",
    ];

    public GeneratedNetCdf3Files()
    {
        Missing = PythonNetCdf4Missing;
        if (Missing is not null) return;
        Directory = NewTempDirectory();
        string script = Script(Directory, "make_netcdf3_files.py", NetCdf3PythonScripts.MakeFiles);
        RunPython(TimeSpan.FromMinutes(2), script, Directory);
        Manifest = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(Directory, "manifest.json"))).RootElement;
    }

    /// <summary>Why the files could not be made (no python or netCDF4), or null.</summary>
    public string? Missing { get; }

    public string Directory { get; } = "";

    public JsonElement Manifest { get; }

    public string PathOf(string name) => System.IO.Path.Combine(Directory, name);

    /// <summary>What netCDF4-python read for one variable, as little-endian bytes.</summary>
    public byte[] DataOf(JsonElement variable) => File.ReadAllBytes(PathOf(variable.GetProperty("data").GetString()!));

    public void SkipIfMissing()
    {
        if (Missing is not null) Assert.Skip(Missing);
    }

    public void Dispose()
    {
        if (Directory.Length > 0 && System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}
