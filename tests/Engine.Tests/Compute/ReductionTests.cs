using System.Text.Json.Nodes;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Compute;

/// <summary>Reductions equal xarray's (expected.json) and loops written here, over any dims, with NaN, weights and budgets.</summary>
public class ReductionTests
{
    public static TheoryData<string, string, string, string> ExpectedReductions() => new()
    {
        { "xarray-zarr/coads.zarr", "SST", "TIME", "mean" },
        { "xarray-zarr/coads.zarr", "SST", "TIME", "max" },
        { "xarray-zarr/tas_packed.zarr", "tas", "time", "mean" },
        { "xarray-zarr/tas_packed.zarr", "tas", "time", "max" },
    };

    [Theory]
    [MemberData(nameof(ExpectedReductions))]
    public void ReductionsEqualXarrays(string store, string variable, string dim, string op)
    {
        var exp = (JsonObject)Fixtures.Expected["datasets"]![store]!["reductions"]![$"{variable}.{op}({dim})"]!;
        using var ds = DatasetOpener.Open(Fixtures.PathOf(store), new OpenOptions { DecodeTimes = false });
        var da = op == "mean" ? ds[variable].Mean(dim) : ds[variable].Max(dim);
        Assert.Equal(ds[variable].DType, da.DType);
        var s = Stats.Of((Array)da.Values!);
        Assert.Equal(exp["size"]!.GetValue<long>(), s.Size);
        Assert.Equal(exp["count_valid"]!.GetValue<long>(), s.Count);
        Assert.True(Stats.Close(exp["sum"]!.GetValue<double>(), s.Sum, 1e-6), $"sum {s.Sum} vs {exp["sum"]}");
        Assert.True(Stats.Close(exp["min"]!.GetValue<double>(), s.Min, 1e-6));
        Assert.True(Stats.Close(exp["max"]!.GetValue<double>(), s.Max, 1e-6));
        foreach (var (idx, v) in (JsonObject)exp["samples"]!)
        {
            double got = s.Flat[int.Parse(idx)];
            if (v is null) Assert.True(double.IsNaN(got));
            else Assert.True(Stats.Close(v.GetValue<double>(), got, 1e-6), $"[{idx}] {got} vs {v}");
        }
    }

    // A (6, 7, 5) float64 field with NaNs and irregular chunks, as a DataArray with coordinates.
    internal static DataArray Field(out double[,,] values, int seed = 3, double nanFraction = 0.1)
    {
        var r = new Random(seed);
        values = new double[6, 7, 5];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 7; j++)
                for (int k = 0; k < 5; k++)
                    values[i, j, k] = r.NextDouble() < nanFraction ? double.NaN : Math.Round(r.NextDouble() * 100 - 30, 3);
        var data = InMemoryArray.From(values, DataType.Float64).WithChunks(new ChunkLayout([[2, 3, 1], [4, 3], [5]]));
        var coords = new OrderedDictionary<string, Variable>
        {
            ["time"] = new(["time"], InMemoryArray.From(Enumerable.Range(0, 6).Select(i => (double)i).ToArray(), DataType.Float64)),
            ["lat"] = new(["lat"], InMemoryArray.From(Enumerable.Range(0, 7).Select(i => 60.0 - 10 * i).ToArray(), DataType.Float64)),
            ["lon"] = new(["lon"], InMemoryArray.From(Enumerable.Range(0, 5).Select(i => 100.0 + 5 * i).ToArray(), DataType.Float64)),
        };
        return new DataArray("x", new Variable(["time", "lat", "lon"], data), coords);
    }

    // Independent reference: loops over the kept positions, gathering the reduced values.
    private static double[] Reference(double[,,] v, bool[] reduce, Func<List<double>, double> f, bool skipNa = true)
    {
        int[] n = [v.GetLength(0), v.GetLength(1), v.GetLength(2)];
        var outDims = Enumerable.Range(0, 3).Where(d => !reduce[d]).ToArray();
        int total = outDims.Aggregate(1, (a, d) => a * n[d]);
        var result = new double[total];
        for (int o = 0; o < total; o++)
        {
            var fixedPos = new int[3];
            int rem = o;
            for (int k = outDims.Length - 1; k >= 0; k--) { fixedPos[outDims[k]] = rem % n[outDims[k]]; rem /= n[outDims[k]]; }
            var vals = new List<double>();
            for (int i = 0; i < n[0]; i++)
                for (int j = 0; j < n[1]; j++)
                    for (int k = 0; k < n[2]; k++)
                    {
                        int[] p = [i, j, k];
                        if (Enumerable.Range(0, 3).Any(d => !reduce[d] && p[d] != fixedPos[d])) continue;
                        vals.Add(v[i, j, k]);
                    }
            if (!skipNa && vals.Any(double.IsNaN)) { result[o] = double.NaN; continue; }
            result[o] = f(vals.Where(x => !double.IsNaN(x)).ToList());
        }
        return result;
    }

    private static double Var(List<double> x, int ddof = 0)
    {
        if (x.Count - ddof <= 0) return double.NaN;
        double m = x.Average();
        return x.Sum(v => (v - m) * (v - m)) / (x.Count - ddof);
    }

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var op in new[] { "mean", "sum", "min", "max", "std", "var", "count" })
            foreach (var dims in new[] { "time", "lat", "lon", "time,lon", "time,lat,lon" })
                data.Add(op, dims);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReductionsEqualLoops(string op, string dims)
    {
        var da = Field(out var v);
        var names = dims.Split(',');
        var reduce = new[] { "time", "lat", "lon" }.Select(names.Contains).ToArray();
        Func<List<double>, double> f = op switch
        {
            "mean" => x => x.Count == 0 ? double.NaN : x.Average(),
            "sum" => x => x.Sum(),
            "min" => x => x.Count == 0 ? double.NaN : x.Min(),
            "max" => x => x.Count == 0 ? double.NaN : x.Max(),
            "std" => x => Math.Sqrt(Var(x)),
            "var" => x => Var(x),
            _ => x => x.Count,
        };
        var rop = Enum.Parse<ReduceOp>(op, ignoreCase: true);
        var got = Stats.Of(ArrayValues.ReadAll(da.Reduce(rop, names).Variable.Data)).Flat;
        var want = Reference(v, reduce, f);
        Assert.Equal(want.Length, got.Length);
        for (int i = 0; i < want.Length; i++)
            Assert.True(Stats.Close(want[i], got[i], 1e-10, 1e-10), $"{op} over {dims} [{i}]: {got[i]} vs {want[i]}");
    }

    [Fact]
    public void WithoutSkipNaAnyNaNGivesNaN()
    {
        var da = Field(out var v);
        var got = Stats.Of((Array)da.Reduce(ReduceOp.Mean, ["time"], skipNa: false).Values!).Flat;
        var want = Reference(v, [true, false, false], x => x.Average(), skipNa: false);
        for (int i = 0; i < want.Length; i++) Assert.True(Stats.Close(want[i], got[i], 1e-12), $"[{i}] {got[i]} vs {want[i]}");
        Assert.Contains(got, double.IsNaN);
    }

    [Fact]
    public void CosineLatitudeWeightedMeanEqualsTheFormula()
    {
        var da = Field(out var v);
        var lat = Enumerable.Range(0, 7).Select(i => 60.0 - 10 * i).ToArray();
        var w = new DataArray("w", new Variable(["lat"], InMemoryArray.From(lat.Select(l => Math.Cos(l * Math.PI / 180)).ToArray(), DataType.Float64)), new() { ["lat"] = da.Coords["lat"] });
        var got = Stats.Of((Array)da.Reduce(ReduceOp.Mean, ["lat", "lon"], weights: w).Values!).Flat;
        for (int t = 0; t < 6; t++)
        {
            double sw = 0, swx = 0;
            for (int j = 0; j < 7; j++)
                for (int k = 0; k < 5; k++)
                {
                    if (double.IsNaN(v[t, j, k])) continue;
                    double wj = Math.Cos(lat[j] * Math.PI / 180);
                    sw += wj;
                    swx += wj * v[t, j, k];
                }
            Assert.True(Stats.Close(swx / sw, got[t], 1e-12), $"t={t}: {got[t]} vs {swx / sw}");
        }
    }

    [Fact]
    public void GroupedReductionSumsEachGroup()
    {
        var da = Field(out var v, nanFraction: 0);
        // time positions into groups 0,1,0,1,2,-1 (the last left out)
        var node = new ReduceArray(da.Variable.Data, [AxisReduction.Grouped(0, [0, 1, 0, 1, 2, -1], 3)], ReduceOp.Sum);
        Assert.Equal(new long[] { 3, 7, 5 }, node.Shape);
        var got = (double[,,])ArrayValues.ReadAll(node);
        for (int j = 0; j < 7; j++)
            for (int k = 0; k < 5; k++)
            {
                Assert.Equal(v[0, j, k] + v[2, j, k], got[0, j, k], 10);
                Assert.Equal(v[1, j, k] + v[3, j, k], got[1, j, k], 10);
                Assert.Equal(v[4, j, k], got[2, j, k], 10);
            }
    }

    [Fact]
    public void ABudgetSmallerThanOneChunkIsAnErrorNamingBothSizes()
    {
        var da = Field(out _);
        var e = Assert.Throws<ZarrPSException>(() => Graph.Compute(da.Mean("time").Variable.Data, new ComputeOptions { MaxMemory = 100 }));
        Assert.Equal("BudgetTooSmall", e.ErrorId);
        Assert.Contains("smaller than one", e.Message);
    }

    [Fact]
    public void StatisticsCountTasksAndStayInsideTheBudget()
    {
        var da = ReductionTests.Field(out _);
        // A reduction to one value: the 3 time chunks x 2 lat chunks of the input are the tasks.
        var stats = Scheduler.Measure("test", new ComputeOptions { MaxMemory = 4096 }, () =>
            Graph.Compute(da.Mean().Variable.Data, new ComputeOptions { MaxMemory = 4096 }));
        Assert.Equal(6, stats.Tasks);
        Assert.Equal(stats.TasksTotal, stats.Tasks);
        Assert.InRange(stats.PeakMemory, 1, 4096);
        Assert.Same(stats, ComputeSession.Last);
    }
}

/// <summary>Quantiles as numpy's linear method.</summary>
public class QuantileTests
{
    [Theory]
    [InlineData(0.5, "time")]
    [InlineData(0.9, "lat,lon")]
    [InlineData(0.0, "time,lat,lon")]
    [InlineData(1.0, "lon")]
    public void QuantilesEqualNumpysLinearMethod(double q, string dims)
    {
        var da = ReductionTests.Field(out var v);
        var names = dims.Split(',');
        var got = Stats.Of(ArrayValues.ReadAll(da.Quantile(q, names).Variable.Data)).Flat;
        var axes = new[] { "time", "lat", "lon" }.Select(names.Contains).ToArray();
        int[] n = [6, 7, 5];
        var outDims = Enumerable.Range(0, 3).Where(d => !axes[d]).ToArray();
        int total = outDims.Aggregate(1, (a, d) => a * n[d]);
        for (int o = 0; o < total; o++)
        {
            var p = new int[3];
            int rem = o;
            for (int k = outDims.Length - 1; k >= 0; k--) { p[outDims[k]] = rem % n[outDims[k]]; rem /= n[outDims[k]]; }
            var vals = new List<double>();
            for (int i = 0; i < 6; i++) for (int j = 0; j < 7; j++) for (int k = 0; k < 5; k++)
            {
                int[] at = [i, j, k];
                if (outDims.All(d => at[d] == p[d]) && !double.IsNaN(v[i, j, k])) vals.Add(v[i, j, k]);
            }
            vals.Sort();
            double h = (vals.Count - 1) * q;
            int lo = (int)Math.Floor(h), hi = Math.Min(lo + 1, vals.Count - 1);
            double want = vals[lo] + (h - lo) * (vals[hi] - vals[lo]);
            Assert.True(Stats.Close(want, got[o], 1e-12), $"[{o}] {got[o]} vs {want}");
        }
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void AQuantileOutsideZeroOneIsRefused(double q)
    {
        var da = ReductionTests.Field(out _);
        var e = Assert.Throws<ZarrPSException>(() => da.Quantile(q, "time"));
        Assert.Equal("InvalidQuantile", e.ErrorId);
        Assert.Contains("[0, 1]", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void AnomalyStdIsOnePassAndEqualsTheTwoPassDefinition(int ddof)
    {
        // 90 days (January to March) x 3 x 4 with NaNs, and one point all NaN in February.
        var r = new Random(11);
        var v = new double[90, 3, 4];
        for (int t = 0; t < 90; t++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                    v[t, j, k] = r.NextDouble() < 0.1 || (t is >= 31 and < 59 && j == 1 && k == 2) ? double.NaN : 250 + 40 * r.NextDouble() + t % 31;
        var rec = new RecordingArray(v, [10, 3, 4]);
        var days = Enumerable.Range(0, 90).Select(d => (new DateTime(2019, 1, 1).AddDays(d) - DateTime.UnixEpoch).Ticks * 100).ToArray();
        var coords = new OrderedDictionary<string, Variable>
        {
            ["time"] = new(["time"], InMemoryArray.From(days, DataType.DateTime64("ns"))),
        };
        var da = new DataArray("x", new Variable(["time", "lat", "lon"], rec), coords);
        var anomalies = Grouping.GroupBy(da, "time.month").Anomaly(da);
        var result = Operations.Reduce(anomalies, ReduceOp.Std, ["time"], ddof: ddof);
        Assert.Contains("pooled", ((ReduceArray)result.Variable.Data).Label);
        var got = (double[,])ArrayValues.ReadAll(result.Variable.Data);
        Assert.Equal(v.Length, rec.ElementsRead);

        // The definition: monthly means (skipping NaN), anomalies, then their std over time (skipping NaN).
        int[] monthStart = [0, 31, 59, 90];
        for (int j = 0; j < 3; j++)
            for (int k = 0; k < 4; k++)
            {
                var anom = new List<double>();
                for (int m = 0; m < 3; m++)
                {
                    var vals = Enumerable.Range(monthStart[m], monthStart[m + 1] - monthStart[m]).Select(t => v[t, j, k]).Where(x => !double.IsNaN(x)).ToList();
                    if (vals.Count == 0) continue;
                    double mean = vals.Average();
                    anom.AddRange(vals.Select(x => x - mean));
                }
                double am = anom.Average();
                double want = Math.Sqrt(anom.Sum(a => (a - am) * (a - am)) / (anom.Count - ddof));
                Assert.True(Math.Abs(want - got[j, k]) < 1e-10 * want, $"[{j},{k}] {got[j, k]} vs {want}");
            }
    }
}
