using System.Collections;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Model.Typed;
using ZarrPS.Engine.Tests.Generators.Consumer;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Generators;

/// <summary>
/// The wrappers the generator wrote for this project's [XSchema] classes (Consumer/), built from the fixtures' own
/// .zmetadata, read the same values as the untyped Dataset and check stores against their schema.
/// </summary>
public class TypedConsumerTests
{
    private static string Coads => Fixtures.PathOf("xarray-zarr/coads.zarr");

    private static string Tas => Fixtures.PathOf("xarray-zarr/tas_packed.zarr");

    [Fact]
    public void CoadsVariablesReadAsTheUntypedDataset()
    {
        using var typed = CoadsDataset.Open(Coads);
        using var plain = DatasetOpener.Open(Coads);
        float[,,] sst = typed.SeaSurfaceTemperature.Values;
        AssertSameValues((Array)plain["SST"].Values!, sst);
        AssertSameValues((Array)plain["AIRT"].Values!, typed.AirTemperature.Values);
        AssertSameValues((Array)plain["WSPD"].Values!, typed.WSPD.Values);
        // Coordinates are typed by their dtype: COADS times are not decodable (year 0), so TIME stays float64.
        double[] time = typed.TIME.Values;
        Assert.Equal((double[])plain["TIME"].Values!, time);
        Assert.Equal((double[])plain["COADSX"].Values!, typed.COADSX.Values);
        Assert.Equal(new[] { "TIME", "COADSY", "COADSX" }, typed.SeaSurfaceTemperature.Dims);
    }

    [Fact]
    public void CoadsValuesMatchWhatXarrayRead()
    {
        using var typed = CoadsDataset.Open(Coads);
        var expected = (JsonObject)Fixtures.Expected["datasets"]!["xarray-zarr/coads.zarr"]!["variables"]!["SST"]!;
        var values = typed.SeaSurfaceTemperature.ToArray();
        var stats = Stats.Of(values);
        Assert.Equal(expected["count_valid"]!.GetValue<long>(), stats.Count);
        Assert.Equal(expected["sum"]!.GetValue<double>(), stats.Sum, expected["sum"]!.GetValue<double>() * 1e-6);
    }

    [Fact]
    public void CoadsSelectionsMatchUntypedSelections()
    {
        using var typed = CoadsDataset.Open(Coads);
        using var plain = DatasetOpener.Open(Coads);
        // Sel(TIME, COADSY, COADSX): parameters named and typed after SST's dimensions and their coordinates.
        var region = typed.SeaSurfaceTemperature.Sel(COADSY: (10.0, 40.0), COADSX: (100.0, 140.0));
        var untyped = plain["SST"].Sel(new Hashtable { ["COADSY"] = new object[] { 10, 40 }, ["COADSX"] = new object[] { 100, 140 } });
        Assert.Equal(untyped.Shape, region.Shape);
        Assert.Equal(new long[] { 12, 15, 20 }, region.Shape);
        AssertSameValues((Array)untyped.Values!, (float[,,])region.Values);

        var point = typed.SeaSurfaceTemperature.Isel(TIME: 6, COADSY: 50, COADSX: ^1);
        var untypedPoint = plain["SST"].Isel(new Hashtable { ["TIME"] = 6, ["COADSY"] = 50, ["COADSX"] = -1 });
        Assert.Empty(point.Dims);
        Assert.Equal((float)untypedPoint.Values!, point.Value);

        var months = typed.AirTemperature.Isel(TIME: 2..5, COADSX: Positions.Of(0, 90, 179));
        Assert.Equal(new long[] { 3, 90, 3 }, months.Shape);
        var untypedMonths = plain["AIRT"].Isel(new Hashtable { ["TIME"] = "2:5", ["COADSX"] = new[] { 0, 90, 179 } });
        Assert.Equal(Flat<float>((Array)untypedMonths.Values!), months.ToArray());
    }

    [Fact]
    public void CoadsSelectionEdges()
    {
        using var typed = CoadsDataset.Open(Coads);
        // Two labels given as a list are two labels, not a slice.
        var two = typed.SeaSurfaceTemperature.Sel(COADSY: Label<double>.Of(-1.0, 39.0), COADSX: Label<double>.Of(21.0));
        Assert.Equal(new long[] { 12, 2, 1 }, two.Shape);
        Assert.Equal(new[] { -1.0, 39.0 }, (double[])two.DataArray.Coords["COADSY"].Values!);
        var late = typed.SeaSurfaceTemperature.Isel(TIME: ^3.., COADSY: Positions.Of(-1));
        Assert.Equal(new long[] { 3, 1, 180 }, late.Shape);

        var e = Assert.Throws<ZarrPSException>(() => typed.SeaSurfaceTemperature.Isel(TIME: 12));
        Assert.Equal("Dimension 'TIME' has 12 elements, index 12 is out of bounds.", e.Message);
        var r = Assert.Throws<ZarrPSException>(() => typed.SeaSurfaceTemperature.Isel(COADSX: 170..190));
        Assert.Equal("IndexOutOfRange", r.ErrorId);
        var l = Assert.Throws<ZarrPSException>(() => typed.SeaSurfaceTemperature.Sel(COADSY: 12.5));
        Assert.Equal("LabelNotFound", l.ErrorId);
    }

    [Fact]
    public void TasReadsDecodedValuesAndTimes()
    {
        using var typed = TasDataset.Open(Tas);
        using var plain = DatasetOpener.Open(Tas);
        // Packed int16 with scale_factor/add_offset decodes to float32, as the generator predicted from the metadata.
        float[,,] tas = typed.NearSurfaceTemperature.Values;
        AssertSameValues((Array)plain["tas"].Values!, tas);
        DateTime[] times = typed.Time.Values;
        Assert.Equal((DateTime[])plain["time"].Values!, times);
        Assert.Equal(new DateTime(2005, 1, 16, 12, 0, 0), times[0]);
        DateTime[,] bounds = typed.TimeBnds.Values;
        Assert.Equal(Flat<DateTime>((Array)plain["time_bnds"].Values!), Flat<DateTime>(bounds));

        var expected = (JsonObject)Fixtures.Expected["datasets"]!["xarray-zarr/tas_packed.zarr"]!["variables"]!["tas"]!;
        var stats = Stats.Of(typed.NearSurfaceTemperature.ToArray());
        Assert.Equal(expected["sum"]!.GetValue<double>(), stats.Sum, Math.Abs(expected["sum"]!.GetValue<double>()) * 1e-6);
    }

    [Fact]
    public void TasSelectsByTimeLabelsAndPeriods()
    {
        using var typed = TasDataset.Open(Tas);
        using var plain = DatasetOpener.Open(Tas);
        var july = typed.NearSurfaceTemperature.Sel(time: "2005-07", lat: (10.0, 40.0), lon: (100.0, 140.0));
        var untyped = plain["tas"].Sel(new Hashtable { ["time"] = "2005-07", ["lat"] = new object[] { 10, 40 }, ["lon"] = new object[] { 100, 140 } });
        Assert.Equal(untyped.Shape, july.Shape);
        Assert.Equal(new[] { "time", "lat", "lon" }, july.Dims);
        Assert.Equal(Flat<float>((Array)untyped.Values!), july.ToArray());

        DateTime t4 = typed.Time.Values[4];
        var one = typed.NearSurfaceTemperature.Sel(time: t4, lat: typed.Lat.Values[40], lon: typed.Lon.Values[100]);
        var untypedOne = plain["tas"].Isel(new Hashtable { ["time"] = 4, ["lat"] = 40, ["lon"] = 100 });
        Assert.Equal((float)untypedOne.Values!, one.Value);

        var nearest = typed.Lat.Sel(lat: 10, method: SelectMethod.Nearest);
        Assert.Equal(10.2589, nearest.Value, 4);
    }

    [Fact]
    public void SelectionParametersAreTypedByTheirCoordinates()
    {
        var sel = typeof(TasDataset.NearSurfaceTemperatureArray).GetMethod("Sel", [typeof(TimeLabel), typeof(Label<double>), typeof(Label<double>), typeof(SelectMethod), typeof(object)]);
        Assert.NotNull(sel);
        Assert.Equal(["time", "lat", "lon", "method", "tolerance"], sel.GetParameters().Select(p => p.Name));
        Assert.Equal(typeof(TypedArray<float>), sel.ReturnType);
        // lat_bnds' second dimension has no coordinate: Sel takes positions for it.
        var bnds = typeof(TasDataset.LatBndsArray).GetMethod("Sel", [typeof(Label<double>), typeof(Positions), typeof(SelectMethod), typeof(object)]);
        Assert.NotNull(bnds);
        Assert.Equal(["lat", "nb2", "method", "tolerance"], bnds.GetParameters().Select(p => p.Name));
        Assert.Equal(typeof(TypedArray<DateTime>), typeof(TasDataset.TimeArray).BaseType);
        Assert.Equal(7, TasDataset.Schema.Count);
    }

    [Fact]
    public void OpenRefusesAStoreOfAnotherSchema()
    {
        var e = Assert.Throws<ZarrPSException>(() => TasDataset.Open(Coads));
        Assert.Equal("SchemaMismatch", e.ErrorId);
        Assert.Contains("variable 'tas' is missing", e.Message);
        Assert.Contains("variable 'lat' is missing", e.Message);
        Assert.Contains("TasDataset", e.Message);
    }

    [Fact]
    public void OpenNamesVariablesWithOtherDimsOrTypes()
    {
        using var temp = new TempDir();
        string store = Fixtures.CopyToTemp("xarray-zarr/tas_packed.zarr", temp);
        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(store, ".zmetadata")))!;
        var m = meta["metadata"]!;
        // lat_bnds renamed its second dimension, time lost its CF units (stays float64), tas is gone.
        m["lat_bnds/.zattrs"]!["_ARRAY_DIMENSIONS"] = new JsonArray("lat", "bnds");
        m["time/.zattrs"]!.AsObject().Remove("units");
        m["time_bnds/.zattrs"]!.AsObject().Remove("units");
        m.AsObject().Remove("tas/.zarray");
        m.AsObject().Remove("tas/.zattrs");
        File.WriteAllText(Path.Combine(store, ".zmetadata"), meta.ToJsonString());

        var e = Assert.Throws<ZarrPSException>(() => TasDataset.Open(store));
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Contains("variable 'lat_bnds' has dimensions (lat, bnds), the schema says (lat, nb2)", e.Message);
        Assert.Contains("variable 'time' is float64, the schema says datetime64[ns]", e.Message);
        Assert.Contains("variable 'tas' is missing", e.Message);
        Assert.DoesNotContain("'lon'", e.Message);
    }

    [Fact]
    public void WrapperRefusesAnArrayOfAnotherElementType()
    {
        using var plain = DatasetOpener.Open(Tas);
        var e = Assert.Throws<ZarrPSException>(() => new TasDataset.TimeArray(plain["lat"]));
        Assert.Equal("ElementTypeMismatch", e.ErrorId);
        var v = Assert.Throws<ZarrPSException>(() => TasDataset.From(plain).NearSurfaceTemperature.Value);
        Assert.Equal("NotAScalar", v.ErrorId);
    }

    private static T[] Flat<T>(Array a)
    {
        var result = new T[a.Length];
        int i = 0;
        foreach (T x in a) result[i++] = x;
        return result;
    }

    private static void AssertSameValues(Array expected, Array actual)
    {
        Assert.Equal(expected.Rank, actual.Rank);
        for (int d = 0; d < expected.Rank; d++) Assert.Equal(expected.GetLength(d), actual.GetLength(d));
        var e = Flat<float>(expected);
        var a = Flat<float>(actual);
        for (int i = 0; i < e.Length; i++)
            Assert.True(e[i].Equals(a[i]), $"element {i}: untyped {e[i]}, typed {a[i]}");
    }
}
