using System.Text.Json;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Formats;
using ZarrPS.Engine.Formats.NetCdf4;
using static ZarrPS.Engine.Tests.NetCdf4.NetCdf4TestSupport;

namespace ZarrPS.Engine.Tests.NetCdf4;

/// <summary>The NetCDF-4 fixtures written by other tools, against what xarray read from them (expected.json).</summary>
public class NetCdf4FixtureTests
{
    private const string Uvt = "netcdf/nc4uvt.nc";
    private const string Tas = "netcdf/tas_packed_nc4.nc";

    private static JsonObject ExpectedDataset(string name) => (JsonObject)Expected["datasets"]![name]!;

    [Theory]
    [InlineData(Uvt)]
    [InlineData(Tas)]
    public void DimensionsMatchXarray(string fixture)
    {
        using var file = new NetCdf4File(Fixture(fixture));
        var expected = (JsonObject)ExpectedDataset(fixture)["dims"]!;
        var root = file.Dimensions.Where(d => !d.Name.Contains('/')).ToList();
        // xarray orders dimensions by first use; netCDF by dimension id (checked against netCDF4-python below).
        Assert.Equal(expected.Select(kv => kv.Key).Order(), root.Select(d => d.Name).Order());
        foreach (var d in root) Assert.Equal((long)expected[d.Name]!, d.Length);
        // Both files were written with an unlimited time dimension, and only that one.
        Assert.Equal(["time"], root.Where(d => d.IsUnlimited).Select(d => d.Name));
    }

    [Theory]
    [InlineData(Uvt)]
    [InlineData(Tas)]
    public void DimensionVariableAndAttributeOrderIsNetCdf4Pythons(string fixture)
    {
        RequireNetCdf4Python();
        string json = RunPython("""
            import sys, json, netCDF4
            d = netCDF4.Dataset(sys.argv[1])
            print(json.dumps({'dims': list(d.dimensions), 'vars': list(d.variables), 'attrs': d.ncattrs(),
                              'var_attrs': {k: v.ncattrs() for k, v in d.variables.items()}}))
            """, [Fixture(fixture)]);
        var peer = JsonNode.Parse(json)!.AsObject();
        using var file = new NetCdf4File(Fixture(fixture));
        Assert.Equal(peer["dims"]!.AsArray().Select(n => (string)n!), file.Dimensions.Where(d => !d.Name.Contains('/')).Select(d => d.Name));
        Assert.Equal(peer["vars"]!.AsArray().Select(n => (string)n!), file.Variables.Where(v => !v.Name.Contains('/')).Select(v => v.Name));
        Assert.Equal(peer["attrs"]!.AsArray().Select(n => (string)n!), file.Attributes.Keys);
        foreach (var (name, attrs) in peer["var_attrs"]!.AsObject())
            Assert.Equal(attrs!.AsArray().Select(n => (string)n!), file.GetVariable(name).Attributes.Keys);
    }

    [Theory]
    [InlineData(Uvt)]
    [InlineData(Tas)]
    public void VariablesAndTheirDimensionsMatchXarray(string fixture)
    {
        using var file = new NetCdf4File(Fixture(fixture));
        var expected = (JsonObject)ExpectedDataset(fixture)["variables"]!;
        var root = file.Variables.Where(v => !v.Name.Contains('/')).ToList();
        Assert.Equal(expected.Select(kv => kv.Key), root.Select(v => v.Name));
        foreach (var v in root)
        {
            var dims = ((JsonArray)expected[v.Name]!["dims"]!).Select(n => (string)n!).ToArray();
            Assert.Equal(dims, v.DimensionNames);
            Assert.Equal(dims.Length, v.Shape.Length);
        }
    }

    [Fact]
    public void NestedGroupsAreListedWithTheirPath()
    {
        using var file = new NetCdf4File(Fixture(Uvt));
        var t = file.GetVariable("grp1/T");
        Assert.Equal(["grp1/time", "grp1/lev", "grp1/lat", "grp1/lon"], t.DimensionNames);
        Assert.Contains(file.Dimensions, d => d.Name == "grp1/time" && d.IsUnlimited && d.Length == 1);
        Assert.Equal(["grp1", "group2", "g3"], file.GroupAttributes.Keys);
        Assert.Equal("NCL generated netCDF file", file.GroupAttributes["grp1"]["title"]);
        // The copy in the group holds the same numbers as the root variable.
        Assert.Equal(ReadAll(file.GetVariable("T")), ReadAll(t));
    }

    [Fact]
    public void TypesChunksAndFiltersOfThePackedFile()
    {
        using var file = new NetCdf4File(Fixture(Tas));
        var tas = file.GetVariable("tas");
        Assert.Equal(DataType.Int16, tas.DType);
        Assert.Equal([12L, 96, 192], tas.Shape);
        Assert.Equal([3, 48, 96], tas.ChunkShape);
        Assert.Equal("chunked", tas.Layout);
        Assert.Equal(["shuffle (2)", "deflate (1)"], tas.Filters);
        Assert.Equal(BitConverter.GetBytes((short)-32768), tas.FillValue);

        var lon = file.GetVariable("lon");
        Assert.Equal(DataType.Float64, lon.DType);
        Assert.Equal("contiguous", lon.Layout);
        // A contiguous dataset gets one virtual slab: it is far below the slab size.
        Assert.Equal([192], lon.ChunkShape);
        Assert.True(double.IsNaN(BitConverter.ToDouble(lon.FillValue!)));
    }

    [Fact]
    public void AttributesAreTypedAndInCreationOrderWithoutNetCdfInternals()
    {
        using var file = new NetCdf4File(Fixture(Tas));
        var tas = file.GetVariable("tas");
        Assert.Equal(
            ["_FillValue", "long_name", "standard_name", "units", "grid_type", "cell_methods", "history", "associated_files", "add_offset", "scale_factor"],
            tas.Attributes.Keys);
        Assert.Equal((short)-32768, Assert.IsType<short>(tas.Attributes["_FillValue"]));
        Assert.Equal(0.01, Assert.IsType<double>(tas.Attributes["scale_factor"]));
        Assert.Equal(273.15, Assert.IsType<double>(tas.Attributes["add_offset"]));
        Assert.Equal("K", tas.Attributes["units"]);

        Assert.Equal("CF-1.4", file.Attributes["Conventions"]);
        Assert.Equal(10957.0, Assert.IsType<double>(file.Attributes["branch_time"]));
        Assert.Equal(1, Assert.IsType<int>(file.Attributes["realization"]));
        Assert.Equal("CDI", file.Attributes.GetAt(0).Key);
        foreach (string hidden in new[] { "_NCProperties", "CLASS", "NAME", "DIMENSION_LIST", "REFERENCE_LIST", "_Netcdf4Dimid", "_Netcdf4Coordinates" })
        {
            Assert.False(file.Attributes.ContainsKey(hidden), hidden);
            foreach (var v in file.Variables) Assert.False(v.Attributes.ContainsKey(hidden), $"{v.Name}: {hidden}");
        }

        using var uvt = new NetCdf4File(Fixture(Uvt));
        var t = uvt.GetVariable("T");
        Assert.Equal(["_FillValue", "long_name", "short_name", "units"], t.Attributes.Keys);
        Assert.Equal(-999f, Assert.IsType<float>(t.Attributes["_FillValue"]));
        // NCL wrote its text attributes as one-element arrays of variable-length strings: they read as one string.
        Assert.Equal("Temperature", t.Attributes["long_name"]);
        Assert.Equal("NCL generated netCDF file", uvt.Attributes["title"]);
    }

    public static TheoryData<string, string> NumericVariables()
    {
        var data = new TheoryData<string, string>();
        foreach (string fixture in new[] { Uvt, Tas })
            foreach (var kv in (JsonObject)ExpectedDataset(fixture)["variables"]!)
                if (kv.Value!["sum"] is not null) data.Add(fixture, kv.Key);
        return data;
    }

    [Theory]
    [MemberData(nameof(NumericVariables))]
    public void ValuesAfterCfDecodingMatchXarray(string fixture, string name)
    {
        using var file = new NetCdf4File(Fixture(fixture));
        var v = file.GetVariable(name);
        var expected = ExpectedDataset(fixture)["variables"]![name]!;
        if ((string)expected["dtype"]! is var dtype && !v.Attributes.ContainsKey("scale_factor"))
            Assert.Equal(dtype, v.DType.Name);

        byte[] data = ReadAll(v);
        long n = data.Length / v.DType.ItemSize;
        double? fill = AsDouble(v.Attributes.GetValueOrDefault("_FillValue"));
        double? missing = AsDouble(v.Attributes.GetValueOrDefault("missing_value"));
        double scale = AsDouble(v.Attributes.GetValueOrDefault("scale_factor")) ?? 1;
        double offset = AsDouble(v.Attributes.GetValueOrDefault("add_offset")) ?? 0;
        var decoded = new double[n];
        long count = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (long i = 0; i < n; i++)
        {
            double raw = Get(v.DType, data, i);
            bool masked = double.IsNaN(raw) || raw == fill || raw == missing;
            double x = masked ? double.NaN : raw * scale + offset;
            decoded[i] = x;
            if (masked) continue;
            count++;
            sum += x;
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }
        Assert.Equal((long)expected["count_valid"]!, count);
        AssertClose((double)expected["sum"]!, sum, 1e-6, $"{name} sum");
        AssertClose((double)expected["min"]!, min, 1e-6, $"{name} min");
        AssertClose((double)expected["max"]!, max, 1e-6, $"{name} max");
        foreach (var sample in (JsonObject)expected["samples"]!)
            AssertClose((double)sample.Value!, decoded[long.Parse(sample.Key)], 1e-6, $"{name}[{sample.Key}]");
    }

    [Theory]
    [InlineData("time")]
    [InlineData("time_bnds")]
    public void RawTimesDecodeToWhatXarrayRead(string name)
    {
        using var file = new NetCdf4File(Fixture(Tas));
        var v = file.GetVariable(name);
        Assert.Equal("days since 1850-01-01", v.Attributes.GetValueOrDefault("units") ?? file.GetVariable("time").Attributes["units"]);
        byte[] data = ReadAll(v);
        var expected = ExpectedDataset(Tas)["variables"]![name]!;
        long count = data.Length / 8;
        Assert.Equal((long)expected["count"]!, count);
        // proleptic_gregorian days since 1850-01-01 (which is -3786825600 s from 1970) to ns since 1970.
        static long ToNs(double days) => (long)Math.Round((days * 86400 - 3786825600) * 1e9);
        Assert.Equal((long)expected["first_ns"]!, ToNs(Get(v.DType, data, 0)));
        Assert.Equal((long)expected["last_ns"]!, ToNs(Get(v.DType, data, count - 1)));
    }

    [Fact]
    public void RawTimesEqualNetCdf4PythonWithoutMaskAndScale()
    {
        RequireNetCdf4Python();
        string json = RunPython("""
            import sys, json, netCDF4
            d = netCDF4.Dataset(sys.argv[1])
            out = {}
            for name in ['time', 'time_bnds', 'lat', 'tas']:
                v = d[name]; v.set_auto_maskandscale(False)
                out[name] = v[...].ravel().tolist()
            print(json.dumps(out))
            """, [Fixture(Tas)]);
        var peer = JsonNode.Parse(json)!.AsObject();
        using var file = new NetCdf4File(Fixture(Tas));
        foreach (var (name, values) in peer)
        {
            var v = file.GetVariable(name);
            byte[] data = ReadAll(v);
            var expected = values!.AsArray();
            Assert.Equal(expected.Count, data.Length / v.DType.ItemSize);
            for (int i = 0; i < expected.Count; i++)
                Assert.Equal((double)expected[i]!, Get(v.DType, data, i));
        }
    }

    [Fact]
    public void ChunkAlignedAndUnalignedRegionsAgreeWithTheWholeArray()
    {
        using var file = new NetCdf4File(Fixture(Tas));
        var tas = file.GetVariable("tas");
        byte[] all = ReadAll(tas);
        // Crosses chunk edges on every axis: chunks are (3, 48, 96).
        long[] start = [2, 40, 90];
        long[] count = [5, 20, 50];
        var region = new byte[5 * 20 * 50 * 2];
        tas.ReadRegion(start, count, region);
        int k = 0;
        for (long t = 0; t < count[0]; t++)
            for (long y = 0; y < count[1]; y++)
                for (long x = 0; x < count[2]; x++, k++)
                {
                    long flat = ((start[0] + t) * 96 + start[1] + y) * 192 + start[2] + x;
                    Assert.Equal(BitConverter.ToInt16(all, (int)flat * 2), BitConverter.ToInt16(region, k * 2));
                }
    }

    [Fact]
    public void IsAnIDatasetSourceWithDimensionNamesOnEveryVariable()
    {
        using IDatasetSource file = new NetCdf4File(Fixture(Uvt));
        Assert.EndsWith("nc4uvt.nc", file.Location);
        var names = file.Dimensions.Select(d => d.Name).ToHashSet();
        foreach (var v in file.Variables)
        {
            Assert.NotNull(v.DimensionNames);
            Assert.All(v.DimensionNames!, d => Assert.Contains(d, names));
            Assert.Equal(file.Location, v.Location);
        }
        Assert.Equal(JsonSerializer.Serialize(new[] { 1, 7, 32, 64 }), JsonSerializer.Serialize(file.Variables.First(v => v.Name == "T").ChunkShape));
    }
}
