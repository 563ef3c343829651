using System.Text.Json.Nodes;
using ZarrPS.Engine.Formats.Zarr;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Zarr;

/// <summary>Every array zarr-python and zarrita wrote in ../shared/fixtures reads back as numpy read it.</summary>
public class ZarrFixtureTests
{
    public static TheoryData<string> MatrixArrays()
    {
        var data = new TheoryData<string>();
        foreach (var (key, _) in (JsonObject)Fixtures.Expected["zarr_arrays"]!) data.Add(key);
        return data;
    }

    [Theory]
    [MemberData(nameof(MatrixArrays))]
    public void MatrixArrayReadsAsNumpyDid(string key)
    {
        var exp = (JsonObject)Fixtures.Expected["zarr_arrays"]![key]!;
        string storeName = key[..key.IndexOf('/')];
        string arrayPath = key[(key.IndexOf('/') + 1)..];
        var store = new DirectoryStore(Fixtures.PathOf(Path.Combine("zarr-python", storeName)));
        var group = ZarrGroup.Open(store);
        Assert.True(group.IsConsolidated);
        var array = group.OpenArray(arrayPath);

        Assert.Equal(exp["dtype"]!.GetValue<string>(), array.Metadata.DType.TypeString);
        Assert.Equal(exp["shape"]!.AsArray().Select(n => n!.GetValue<long>()), array.Shape);
        Assert.Equal(exp["chunks"]!.AsArray().Select(n => n!.GetValue<int>()), array.Metadata.ChunkShape);

        var values = array.ReadAll();
        var s = Stats.Of(values);
        Assert.Equal(exp["size"]!.GetValue<long>(), s.Size);
        Assert.Equal(exp["count_valid"]!.GetValue<long>(), s.Count);
        Assert.True(Stats.Close(exp["sum"]!.GetValue<double>(), s.Sum, 1e-6), $"sum {s.Sum} != {exp["sum"]}");
        Assert.Equal(exp["min"]!.GetValue<double>(), s.Min);
        Assert.Equal(exp["max"]!.GetValue<double>(), s.Max);
        foreach (var (idx, v) in (JsonObject)exp["samples"]!)
        {
            double got = s.Flat[int.Parse(idx)];
            if (v is null) Assert.True(double.IsNaN(got), $"sample {idx}: expected NaN, got {got}");
            else Assert.Equal(v.GetValue<double>(), got);
        }
    }

    [Fact]
    public void MatrixGroupListsItsMembersAndAttributes()
    {
        var group = ZarrGroup.Open(new DirectoryStore(Fixtures.PathOf("zarr-python/matrix.zarr")));
        Assert.Equal("ZarrPS conformance matrix", group.Attributes["title"]);
        Assert.Contains("blosc_lz4_shuffle_f4", group.ArrayNames);
        Assert.Contains("group_a", group.GroupNames);
        var deep = group.OpenGroup("group_a").OpenGroup("group_b");
        Assert.Equal(new[] { "deep_i2" }, deep.ArrayNames);
    }

    [Fact]
    public void MatrixGroupWithoutConsolidatedMetadataListsTheSameMembers()
    {
        var store = new DirectoryStore(Fixtures.PathOf("zarr-python/matrix.zarr"));
        var listed = ZarrGroup.Open(store, consolidated: false);
        var consolidated = ZarrGroup.Open(store);
        Assert.False(listed.IsConsolidated);
        Assert.Equal(consolidated.ArrayNames, listed.ArrayNames);
        Assert.Equal(consolidated.GroupNames, listed.GroupNames);
    }

    public static TheoryData<string> V3Arrays()
    {
        var data = new TheoryData<string>();
        var doc = (JsonObject)JsonNode.Parse(File.ReadAllText(Fixtures.PathOf("zarrita-v3/expected.json")))!;
        foreach (var (k, _) in doc) data.Add(k);
        return data;
    }

    [Theory]
    [MemberData(nameof(V3Arrays))]
    public void ZarritaV3ArrayReadsAsZarritaDid(string name)
    {
        var doc = (JsonObject)JsonNode.Parse(File.ReadAllText(Fixtures.PathOf("zarrita-v3/expected.json")))!;
        var exp = (JsonObject)doc[name]!;
        var store = new DirectoryStore(Fixtures.PathOf("zarrita-v3/v3.zarr"));
        var group = ZarrGroup.Open(store);
        Assert.Equal(3, group.ZarrFormat);
        Assert.Equal("written by zarrita", group.Attributes["title"]);
        var array = group.OpenArray(name);
        Assert.Equal(new[] { "time", "lat", "lon" }, array.DimensionNames);
        var s = Stats.Of(array.ReadAll());
        Assert.Equal(20 * 30 * 40, s.Size);
        Assert.True(Stats.Close(exp["sum"]!.GetValue<double>(), s.Sum, 1e-9), $"sum {s.Sum} != {exp["sum"]}");
        Assert.Equal(exp["first"]!.GetValue<double>(), s.Flat[0]);
        Assert.Equal(exp["last"]!.GetValue<double>(), s.Flat[^1]);
    }

    [Fact]
    public void RegionReadsMatchTheWholeArray()
    {
        var group = ZarrGroup.Open(new DirectoryStore(Fixtures.PathOf("zarr-python/matrix.zarr")));
        foreach (var name in new[] { "blosc_lz4_shuffle_f4", "forder_f4", "nested_separator_f4", "bigendian_f4" })
        {
            var a = group.OpenArray(name);
            var all = (float[,,])a.ReadAll();
            var part = (float[,,])Arrays.ArrayValues.Read(new Arrays.SourceArray(a), [3, 5, 9], [10, 20, 25]);
            for (int i = 0; i < 10; i++)
                for (int j = 0; j < 20; j++)
                    for (int k = 0; k < 25; k++)
                        Assert.Equal(all[3 + i, 5 + j, 9 + k], part[i, j, k]);
        }
    }
}
