using System.Text.Json;
using ZarrPS.Engine.Formats.NetCdf3;
using static ZarrPS.Engine.Tests.NetCdf3.NetCdf3TestSupport;

namespace ZarrPS.Engine.Tests.NetCdf3;

/// <summary>The NetCDF-3 fixtures written by other tools, against what xarray read from them (expected.json).</summary>
public class NetCdf3FixtureTests
{
    private const string Coads = "netcdf/coads_climatology.cdf";
    private const string Tas64 = "netcdf/tas_64bit_offset.nc";
    private const string TasClassic = "netcdf/tas_rectilinear_grid_2D.nc";

    private static readonly Lazy<JsonElement> Expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(Fixture("expected.json"))).RootElement.GetProperty("datasets"));

    [Theory]
    [InlineData(Coads, 1)]
    [InlineData(Tas64, 2)]
    [InlineData(TasClassic, 1)]
    public void DimensionsVariablesAndTypesMatchXarray(string file, int version)
    {
        using var nc = new NetCdf3File(Fixture(file));
        var expected = Expected.Value.GetProperty(file);
        Assert.Equal(version, nc.FormatVersion);

        var dims = expected.GetProperty("dims").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(dims.Count, nc.Dimensions.Count);
        foreach (var d in nc.Dimensions) Assert.Equal(dims[d.Name], d.Length);
        Assert.Single(nc.Dimensions, d => d.IsUnlimited);

        var vars = expected.GetProperty("variables");
        Assert.Equal(vars.EnumerateObject().Select(p => p.Name).Order(), nc.Variables.Select(v => v.Name).Order());
        foreach (var p in vars.EnumerateObject())
        {
            var v = nc.GetVariable(p.Name);
            Assert.Equal(p.Value.GetProperty("dims").EnumerateArray().Select(e => e.GetString()!), v.DimensionNames!);
            Assert.Equal(v.DimensionNames!.Select(n => dims[n]), v.Shape);
            Assert.Equal(nc.Dimensions.First(d => d.IsUnlimited).Name == v.DimensionNames!.FirstOrDefault(), v.IsRecordVariable);
            string dtype = p.Value.GetProperty("dtype").GetString()!;
            // Decoded times are float64 days/hours in the file.
            Assert.Equal(dtype.StartsWith("datetime64", StringComparison.Ordinal) ? "float64" : dtype, v.DType.Name);
            Assert.False(v.DType.BigEndian);
        }
    }

    [Theory]
    [InlineData(Coads)]
    [InlineData(Tas64)]
    [InlineData(TasClassic)]
    public void ValuesMatchXarrayAfterMaskingFillAndMissingValues(string file)
    {
        using var nc = new NetCdf3File(Fixture(file));
        int checkedVariables = 0;
        foreach (var p in Expected.Value.GetProperty(file).GetProperty("variables").EnumerateObject())
        {
            var e = p.Value;
            if (!e.TryGetProperty("sum", out var sumElement)) continue;
            var v = nc.GetVariable(p.Name);
            double[] values = ToDoubles(ReadAll(v), v.DType);
            Assert.Equal(e.GetProperty("size").GetInt64(), values.LongLength);
            double? fill = AsDouble(v.Attributes.GetValueOrDefault("_FillValue"));
            double? missing = AsDouble(v.Attributes.GetValueOrDefault("missing_value"));
            bool Masked(double x) => double.IsNaN(x) || x == fill || x == missing;

            long valid = 0;
            double sum = 0, absSum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (double x in values)
            {
                if (Masked(x)) continue;
                valid++;
                sum += x;
                absSum += Math.Abs(x);
                min = Math.Min(min, x);
                max = Math.Max(max, x);
            }
            double mean = sum / valid, squares = 0;
            foreach (double x in values)
                if (!Masked(x)) squares += (x - mean) * (x - mean);

            double rel = v.DType == DataType.Float32 ? 1e-6 : 1e-12;
            Assert.Equal(e.GetProperty("count_valid").GetInt64(), valid);
            AssertClose(sumElement.GetDouble(), sum, rel * Math.Max(absSum, 1e-300), $"{p.Name} sum");
            Assert.Equal(e.GetProperty("min").GetDouble(), min);
            Assert.Equal(e.GetProperty("max").GetDouble(), max);
            AssertClose(e.GetProperty("std").GetDouble(), Math.Sqrt(squares / valid), 1e-6 * e.GetProperty("std").GetDouble(), $"{p.Name} std");
            foreach (var s in e.GetProperty("samples").EnumerateObject())
            {
                double x = values[int.Parse(s.Name, System.Globalization.CultureInfo.InvariantCulture)];
                if (s.Value.ValueKind == JsonValueKind.Null) Assert.True(Masked(x), $"{p.Name}[{s.Name}] = {x} should be masked");
                else Assert.Equal(s.Value.GetDouble(), x);
            }
            checkedVariables++;
        }
        Assert.True(checkedVariables >= 5, $"only {checkedVariables} variables had statistics");
    }

    [Theory]
    [InlineData(Tas64)]
    [InlineData(TasClassic)]
    public void RawTimesDecodeToTheNanosecondsXarrayGives(string file)
    {
        using var nc = new NetCdf3File(Fixture(file));
        // units "days since 1850-01-01", proleptic_gregorian: the calendar .NET's DateTime uses.
        long epochOffsetNs = (new DateTime(1850, 1, 1, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks * 100;
        foreach (string name in new[] { "time", "time_bnds" })
        {
            var e = Expected.Value.GetProperty(file).GetProperty("variables").GetProperty(name);
            var v = nc.GetVariable(name);
            Assert.StartsWith("days since 1850-01-01", (string)nc.GetVariable("time").Attributes["units"]!);
            double[] days = ToDoubles(ReadAll(v), v.DType);
            Assert.Equal(e.GetProperty("count").GetInt32(), days.Length);
            Assert.Equal(e.GetProperty("first_ns").GetInt64(), epochOffsetNs + (long)Math.Round(days[0] * 86400e9));
            Assert.Equal(e.GetProperty("last_ns").GetInt64(), epochOffsetNs + (long)Math.Round(days[^1] * 86400e9));
        }
    }

    [Fact]
    public void CoadsAttributesKeepTheirTypes()
    {
        using var nc = new NetCdf3File(Fixture(Coads));
        Assert.Equal("FERRET V4.45 (GUI) 22-May-97", nc.Attributes["history"]);
        var sst = nc.GetVariable("SST");
        Assert.Equal(["missing_value", "_FillValue", "long_name", "history", "units"], sst.Attributes.Keys);
        Assert.Equal(-1e34f, Assert.IsType<float>(sst.Attributes["_FillValue"]));
        Assert.Equal(-1e34f, Assert.IsType<float>(sst.Attributes["missing_value"]));
        Assert.Equal("SEA SURFACE TEMPERATURE", sst.Attributes["long_name"]);
        Assert.Equal(BitConverter.GetBytes(-1e34f), sst.FillValue);
        // A one-space string must stay a space: only NULs are trimmed.
        Assert.Equal(" ", nc.GetVariable("COADSX").Attributes["modulo"]);
        Assert.Null(nc.GetVariable("COADSX").FillValue);
        Assert.Equal(12, nc.RecordCount);
        Assert.False(nc.IsStreaming);
        Assert.Equal("NETCDF3_CLASSIC", nc.FormatName);
        Assert.Equal(DataType.Float32, sst.DType);
        Assert.Equal(Fixture(Coads), sst.Location);
    }

    [Fact]
    public void Tas64BitOffsetAttributesKeepTheirTypes()
    {
        using var nc = new NetCdf3File(Fixture(Tas64));
        Assert.Equal("NETCDF3_64BIT_OFFSET", nc.FormatName);
        Assert.Equal(1, Assert.IsType<int>(nc.Attributes["initialization_method"]));
        Assert.Equal(10957.0, Assert.IsType<double>(nc.Attributes["branch_time"]));
        Assert.Equal("CF-1.4", nc.Attributes["Conventions"]);
        Assert.Contains("\nModel raw output postprocessing", (string)nc.Attributes["history"]!);
        var lon = nc.GetVariable("lon");
        Assert.True(double.IsNaN(Assert.IsType<double>(lon.Attributes["_FillValue"])));
        Assert.True(double.IsNaN(BitConverter.ToDouble(lon.FillValue!)));
        var tas = nc.GetVariable("tas");
        Assert.Equal(BitConverter.GetBytes(1e20f), tas.FillValue);
        Assert.Equal("time: mean", tas.Attributes["cell_methods"]);
        Assert.True(tas.IsRecordVariable);
        Assert.False(lon.IsRecordVariable);
    }

    [Fact]
    public void VirtualChunksAreWholeRecordsOrSmallSlabs()
    {
        using var nc = new NetCdf3File(Fixture(Coads));
        // 12 records of 64800 bytes: small records are grouped (all 12 fit in 4 MiB).
        Assert.Equal([12, 90, 180], nc.GetVariable("SST").ChunkShape);
        Assert.Equal([180], nc.GetVariable("COADSX").ChunkShape);
    }

    [Fact]
    public void ReadsFixedVariablesOnceAndRecordVariablesOncePerRecord()
    {
        var source = new CountingSource(File.ReadAllBytes(Fixture(Coads)));
        using (var nc = new NetCdf3File(source, "memory:coads"))
        {
            var sst = nc.GetVariable("SST");
            var reference = File.ReadAllBytes(Fixture(Coads));
            source.ResetCount();
            ReadAll(nc.GetVariable("COADSX"));
            Assert.Equal(1, source.Reads);

            source.ResetCount();
            byte[] all = ReadAll(sst);
            Assert.Equal(12, source.Reads);

            // Two whole records: one read each (the other six record variables lie between them).
            source.ResetCount();
            var two = new byte[2 * 90 * 180 * 4];
            sst.ReadRegion([5, 0, 0], [2, 90, 180], two);
            Assert.Equal(2, source.Reads);
            Assert.Equal(Slice(all, sst.Shape, 4, [5, 0, 0], [2, 90, 180]), two);

            // A box inside each record: its rows are 680 bytes apart, so each record's rows come in one read.
            source.ResetCount();
            var box = new byte[12 * 10 * 10 * 4];
            sst.ReadRegion([0, 10, 30], [12, 10, 10], box);
            Assert.Equal(12, source.Reads);
            Assert.Equal(Slice(all, sst.Shape, 4, [0, 10, 30], [12, 10, 10]), box);
            Assert.Equal("memory:coads", sst.Location);
        }
        Assert.True(source.Disposed);
    }

    private static double? AsDouble(object? attribute) => attribute switch
    {
        null => null,
        float f => f,
        double d => d,
        short s => s,
        int i => i,
        sbyte b => b,
        _ => throw new InvalidOperationException($"unexpected attribute {attribute.GetType()}"),
    };

    private static void AssertClose(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:G3})");
}
