using System.Text.Json.Nodes;
using PureHDF.Filters;
using ZarrPS.Engine.Formats.NetCdf4;
using static ZarrPS.Engine.Tests.NetCdf4.NetCdf4TestSupport;

namespace ZarrPS.Engine.Tests.NetCdf4;

/// <summary>A NetCDF-4 file written by netCDF4-python in a temp folder, and what netCDF4-python reads back from it.</summary>
public sealed class GeneratedNetCdf4File : IDisposable
{
    public GeneratedNetCdf4File()
    {
        if (!NetCdf4PythonAvailable) return;
        Folder = Directory.CreateTempSubdirectory("zarrps-nc4-").FullName;
        Path = System.IO.Path.Combine(Folder, "generated.nc");
        RunPython(NetCdf4PythonScripts.WriteNetCdf4, [Path]);
        string manifest = RunPython(NetCdf4PythonScripts.Dump, [Path, Folder]).Trim();
        Manifest = JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
    }

    public string? Folder { get; }
    public string? Path { get; }
    public JsonObject? Manifest { get; }

    public void Dispose()
    {
        if (Folder is not null) Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>Every variable, dimension, attribute and region of a netCDF4-python file, value by value against netCDF4-python.</summary>
public class NetCdf4PythonPeerTests(GeneratedNetCdf4File generated) : IClassFixture<GeneratedNetCdf4File>
{
    private JsonObject Manifest
    {
        get
        {
            RequireNetCdf4Python();
            return generated.Manifest!;
        }
    }

    private NetCdf4File Open()
    {
        _ = Manifest;
        return new NetCdf4File(generated.Path!);
    }

    [Fact]
    public void DimensionsIncludingUnlimitedAndCoordinateLessOnes()
    {
        using var file = Open();
        var expected = Manifest["dims"]!.AsArray().Select(d => (Name: (string)d![0]!, Length: (long)d[1]!, Unlimited: (bool)d[2]!)).ToList();
        Assert.Equal(expected, file.Dimensions.Select(d => (d.Name, d.Length, d.IsUnlimited)));
        // 'nv' has no coordinate variable: it is a dimension only.
        Assert.DoesNotContain(file.Variables, v => v.Name == "nv");
        Assert.Equal(["x", "nv"], file.GetVariable("x_bnds").DimensionNames);
        Assert.Equal(5, file.Dimensions.Single(d => d.Name == "time").Length);
    }

    [Fact]
    public void VariablesInNetCdfOrderWithTheirDimensionsShapesAndTypes()
    {
        using var file = Open();
        var order = Manifest["var_order"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(order, file.Variables.Select(v => v.Name));
        foreach (var (name, entry) in Manifest["vars"]!.AsObject())
        {
            var v = file.GetVariable(name);
            Assert.Equal(entry!["dims"]!.AsArray().Select(n => (string)n!), v.DimensionNames);
            Assert.Equal(entry["shape"]!.AsArray().Select(n => (long)n!), v.Shape);
            string dtype = (string)entry["dtype"]!;
            if (dtype == "str")
            {
                Assert.True(v.IsVariableLengthString, name);
                Assert.Null(v.StoredType);
            }
            else
            {
                Assert.Equal(DataType.ParseTypeString(dtype), v.StoredType);
                Assert.Equal(DataType.ParseTypeString(dtype).Native, v.DType);
            }
            if (entry["chunking"] is JsonArray chunks)
            {
                Assert.Equal("chunked", v.Layout);
                Assert.Equal(chunks.Select(n => (int)n!), v.ChunkShape);
            }
            else Assert.NotEqual("chunked", v.Layout);
        }
    }

    [Fact]
    public void BigEndianVariablesAreSwappedToMachineOrder()
    {
        using var file = Open();
        foreach (string name in new[] { "be_i2", "be_i4", "be_f4", "be_f8", "be_u8" })
        {
            var v = file.GetVariable(name);
            Assert.True(v.StoredType!.BigEndian, name);
            Assert.False(v.DType.BigEndian, name);
            Assert.Equal(["shuffle (2)", "deflate (1)"], v.Filters);
            Assert.True(PooledShuffleFilter.UsesVectorisedUnshuffle);
            byte[] data = ReadAll(v);
            // Written as arange(5*63) % 1000.
            for (long i = 0; i < 5 * 63; i++) Assert.Equal(i % 1000, Get(v.DType, data, i));
            Assert.Equal(3.0, Get(v.DType, v.FillValue!, 0));
            Assert.Equal(1.0, AsDouble(v.Attributes["valid_min"]));
        }
    }

    [Fact]
    public void EveryRegionOfEveryVariableEqualsWhatNetCdf4PythonRead()
    {
        using var file = Open();
        int compared = 0;
        foreach (var (name, entry) in Manifest["vars"]!.AsObject())
        {
            var v = file.GetVariable(name);
            foreach (var region in entry!["regions"]!.AsArray())
            {
                long[] start = region!["start"]!.AsArray().Select(n => (long)n!).ToArray();
                long[] count = region["count"]!.AsArray().Select(n => (long)n!).ToArray();
                if (region["strings"] is JsonArray strings)
                {
                    Assert.Equal(strings.Select(s => (string)s!), v.ReadStrings(start, count));
                    compared += strings.Count;
                    continue;
                }
                byte[] expected = File.ReadAllBytes((string)region["file"]!);
                var actual = new byte[expected.Length];
                v.ReadRegion(start, count, actual);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name} [{string.Join(",", start)}] + [{string.Join(",", count)}] differs from netCDF4-python");
                compared += expected.Length;
            }
        }
        Assert.True(compared > 10_000, $"only {compared} bytes compared");
    }

    [Fact]
    public void ARegionAcrossManyLargeChunksDecompressesEachChunkOnce()
    {
        using var file = Open();
        var wide = file.GetVariable("wide");
        Assert.Equal([2, 100, 100], wide.ChunkShape);
        const int chunkBytes = 2 * 100 * 100 * 8;
        var counting = new CountingDeflate(chunkBytes);
        H5Filter.Register(counting);
        try
        {
            byte[] all = ReadAll(wide);
            // 5 records in chunks of 2, 200 rows in chunks of 100, 1000 columns in chunks of 100.
            Assert.Equal(3 * 2 * 10, counting.Calls);
            var expected = File.ReadAllBytes((string)Manifest["vars"]!["wide"]!["regions"]![0]!["file"]!);
            Assert.True(expected.AsSpan().SequenceEqual(all));
        }
        finally
        {
            H5Filter.Register(new PooledDeflateFilter());
        }
    }

    /// <summary>The reader's deflate filter, counting the chunks of one size it decodes (other tests' chunks differ in size).</summary>
    private sealed class CountingDeflate(int chunkBytes) : IH5Filter
    {
        private readonly PooledDeflateFilter _inner = new();
        private int _calls;

        public int Calls => _calls;
        public ushort FilterId => DeflateFilter.Id;
        public string Name => _inner.Name;

        public Memory<byte> Filter(FilterInfo info)
        {
            if (info.ChunkSize == chunkBytes) Interlocked.Increment(ref _calls);
            return _inner.Filter(info);
        }

        public uint[] GetParameters(uint[] chunkDimensions, uint typeSize, Dictionary<string, object>? options) =>
            _inner.GetParameters(chunkDimensions, typeSize, options);
    }

    [Fact]
    public void UnwrittenChunksReadAsTheFillValue()
    {
        using var file = Open();
        var v = file.GetVariable("unwritten");
        Assert.Equal(BitConverter.GetBytes((short)-7), v.FillValue);
        byte[] data = ReadAll(v);
        for (int i = 0; i < data.Length / 2; i++) Assert.Equal(-7, BitConverter.ToInt16(data, i * 2));
    }

    [Fact]
    public void ScalarVariableHasNoDimensionsAndOneValue()
    {
        using var file = Open();
        var v = file.GetVariable("scalar");
        Assert.Empty(v.Shape);
        Assert.Empty(v.ChunkShape);
        Assert.Empty(v.DimensionNames);
        var value = new byte[8];
        v.ReadRegion([], [], value);
        Assert.Equal(42.25, BitConverter.ToDouble(value));
        Assert.Equal("a scalar", v.Attributes["comment"]);
    }

    [Fact]
    public void AttributesKeepNetCdf4PythonsTypesAndValues()
    {
        using var file = Open();
        AssertAttributes(Manifest["attrs"]!.AsObject(), file.Attributes, "root");
        foreach (var (name, entry) in Manifest["vars"]!.AsObject())
            AssertAttributes(entry!["attrs"]!.AsObject(), file.GetVariable(name).Attributes, name);
        Assert.Equal("nested", file.GroupAttributes["sub"]["comment"]);
        Assert.Equal(new[] { "alpha", "beta", "gamma" }, Assert.IsType<string[]>(file.Attributes["str_array"]));
        Assert.Equal("Grüße ☃", file.Attributes["unicode_attr"]);
        Assert.Equal(new[] { 1.5, 2.5, 3.5 }, Assert.IsType<double[]>(file.Attributes["dbl_array"]));
    }

    private static void AssertAttributes(JsonObject expected, OrderedDictionary<string, object?> actual, string owner)
    {
        Assert.Equal(expected.Select(kv => kv.Key), actual.Keys);
        foreach (var (key, e) in expected)
        {
            string dtype = (string)e!["dtype"]!;
            object? value = actual[key];
            string what = $"{owner}.{key}";
            switch (dtype)
            {
                case "str":
                    Assert.Equal((string)e["value"]!, value);
                    break;
                case "str[]":
                    Assert.Equal(e["value"]!.AsArray().Select(n => (string)n!), Assert.IsType<string[]>(value));
                    break;
                default:
                    var type = DataType.ParseName(dtype);
                    if ((bool)e["scalar"]!)
                    {
                        Assert.IsType(type.ClrType, value);
                        if (type == DataType.UInt64) Assert.Equal((ulong)e["value"]!, (ulong)value!);
                        else Assert.Equal((double)e["value"]!, AsDouble(value));
                    }
                    else
                    {
                        var array = Assert.IsAssignableFrom<Array>(value);
                        Assert.Equal(type.ClrType, array.GetType().GetElementType());
                        Assert.Equal(e["value"]!.AsArray().Select(n => (double)n!), array.Cast<object>().Select(o => AsDouble(o)!.Value));
                    }
                    break;
            }
        }
    }

    [Fact]
    public void StringsReadAsStringArraysAndAsFixedWidthUnicode()
    {
        using var file = Open();
        var names = file.GetVariable("names");
        Assert.Equal(["one", "two ☃", "three33"], names.ReadStrings([0], [3]));
        Assert.Equal(DataType.FixedUnicode(7), names.DType);
        var utf32 = new byte[3 * 7 * 4];
        names.ReadRegion([1], [2], utf32.AsSpan(0, 2 * 28));
        Assert.Equal("two ☃", System.Text.Encoding.UTF32.GetString(utf32, 0, 28).TrimEnd('\0'));
        Assert.Equal("three33", System.Text.Encoding.UTF32.GetString(utf32, 28, 28).TrimEnd('\0'));

        var chars = file.GetVariable("chars");
        Assert.Equal(DataType.FixedBytes(1), chars.DType);
        Assert.Equal(["c", "d", "e", "f"], chars.ReadStrings([1, 0], [2, 2]));
        var raw = new byte[2];
        chars.ReadRegion([2, 0], [1, 2], raw);
        Assert.Equal("ef"u8.ToArray(), raw);
    }

    [Fact]
    public void ParallelRegionReadsEqualSerialOnes()
    {
        foreach (var concurrency in new[] { Hdf5Concurrency.Shared, Hdf5Concurrency.Locked, Hdf5Concurrency.Pooled })
        {
            _ = Manifest;
            using var file = new NetCdf4File(generated.Path!, concurrency);
            var variables = file.Variables.OfType<NetCdf4Variable>().Where(v => v.DType.IsNumeric && v.Shape.Length == 3).ToList();
            Assert.True(variables.Count >= 15);
            var serial = variables.ToDictionary(v => v.Name, v => ReadAll(v));
            var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
            Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            {
                var v = variables[i % variables.Count];
                long t = i % v.Shape[0], y = i % v.Shape[1], width = v.Shape[2];
                var row = new byte[width * v.DType.ItemSize];
                v.ReadRegion([t, y, 0], [1, 1, width], row);
                int at = (int)((t * v.Shape[1] + y) * width * v.DType.ItemSize);
                if (!row.AsSpan().SequenceEqual(serial[v.Name].AsSpan(at, row.Length))) failures.Add($"{concurrency} {v.Name} [{t},{y}]");
            });
            Assert.Empty(failures);
        }
    }
}
