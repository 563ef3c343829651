using System.Text.Json.Nodes;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Model;

/// <summary>Every dataset of expected.json opens as xarray opened it: dims, variables, decoded dtypes, times, statistics.</summary>
public class DatasetFixtureTests
{
    public static TheoryData<string> Datasets()
    {
        var data = new TheoryData<string>();
        foreach (var (key, _) in (JsonObject)Fixtures.Expected["datasets"]!) data.Add(key);
        return data;
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void DatasetOpensAsXarrayDid(string key)
    {
        var exp = (JsonObject)Fixtures.Expected["datasets"]![key]!;
        using var ds = DatasetOpener.Open(Fixtures.PathOf(key), new OpenOptions
        {
            DecodeTimes = exp["decode_times"]!.GetValue<bool>(),
            MaskAndScale = exp["mask_and_scale"]!.GetValue<bool>(),
        });
        var dims = (JsonObject)exp["dims"]!;
        Assert.Equal(dims.Select(kv => kv.Key).Order(), ds.Dims.Keys.Order());
        foreach (var (d, n) in dims) Assert.Equal(n!.GetValue<long>(), ds.Dims[d]);

        var vars = (JsonObject)exp["variables"]!;
        Assert.Equal(vars.Select(kv => kv.Key).Order(), ds.Variables.Keys.Order());
        foreach (var (name, node) in vars)
        {
            var e = (JsonObject)node!;
            var v = ds.Variables[name];
            Assert.True(e["dtype"]!.GetValue<string>() == v.DType.Name, $"{key} {name}: dtype {v.DType.Name}, xarray {e["dtype"]}");
            Assert.Equal(e["dims"]!.AsArray().Select(x => x!.GetValue<string>()), v.Dims);
            if (e.ContainsKey("first_ns"))
            {
                var ns = ((long[])ArrayValues.Read(v.Data, new long[v.Rank], v.Shape).Cast<long>().ToArray());
                Assert.Equal(e["count"]!.GetValue<long>(), ns.Length);
                Assert.Equal(e["first_ns"]!.GetValue<long>(), ns[0]);
                Assert.Equal(e["last_ns"]!.GetValue<long>(), ns[^1]);
                continue;
            }
            var s = Stats.Of(ArrayValues.ReadAll(v.Data));
            Assert.Equal(e["size"]!.GetValue<long>(), s.Size);
            Assert.True(e["count_valid"]!.GetValue<long>() == s.Count, $"{key} {name}: count {s.Count}, xarray {e["count_valid"]}");
            Assert.True(Stats.Close(e["sum"]!.GetValue<double>(), s.Sum, 1e-6, 1e-6), $"{key} {name}: sum {s.Sum}, xarray {e["sum"]}");
            Assert.True(Stats.Close(e["min"]!.GetValue<double>(), s.Min, 1e-6), $"{key} {name}: min {s.Min}, xarray {e["min"]}");
            Assert.True(Stats.Close(e["max"]!.GetValue<double>(), s.Max, 1e-6), $"{key} {name}: max {s.Max}, xarray {e["max"]}");
            foreach (var (idx, sv) in (JsonObject)e["samples"]!)
            {
                double got = s.Flat[int.Parse(idx)];
                if (sv is null) Assert.True(double.IsNaN(got), $"{key} {name}[{idx}]: expected NaN, got {got}");
                else Assert.True(Stats.Close(sv.GetValue<double>(), got, 1e-7), $"{key} {name}[{idx}]: {got}, xarray {sv}");
            }
        }
    }
}
