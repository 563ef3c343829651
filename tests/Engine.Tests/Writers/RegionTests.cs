using System.Diagnostics;
using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Cf;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Tests.Support;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Engine.Tests.Writers;

/// <summary>Region writes into an existing store (xarray's region=) and appends with coordinate checks.</summary>
public class RegionTests
{
    private static readonly DateTime June = new(2019, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>t(time, y, x) hourly from <paramref name="start"/>, values offset by <paramref name="add"/>; y and x coordinates.</summary>
    internal static Dataset Hourly(DateTime start, int hours, float add = 0, double yShift = 0)
    {
        const int ny = 4, nx = 5;
        var values = new float[hours * ny * nx];
        long h0 = (long)(start - June).TotalHours;
        for (int i = 0; i < values.Length; i++) values[i] = add + (h0 * ny * nx + i) * 0.5f;
        long[] shape = [hours, ny, nx];
        var t = new InMemoryArray(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), shape, DataType.Float32);
        var times = Enumerable.Range(0, hours).Select(h => Datetime64.FromDateTime(start.AddHours(h))).ToArray();
        var time = new InMemoryArray(MemoryMarshal.AsBytes(times.AsSpan()).ToArray(), [hours], DataType.DateTime64("ns"));
        var vars = new OrderedDictionary<string, Variable>
        {
            ["t"] = new Variable(["time", "y", "x"], t),
            ["time"] = new Variable(["time"], time),
            ["y"] = new Variable(["y"], InMemoryArray.From(Enumerable.Range(0, ny).Select(i => 10.0 * i + yShift).ToArray())),
            ["x"] = new Variable(["x"], InMemoryArray.From(Enumerable.Range(0, nx).Select(i => 100.0 + i).ToArray())),
        };
        return new Dataset(vars, ["time", "y", "x"]);
    }

    private static SaveOptions Daily => new()
    {
        Encoding = new Dictionary<string, VariableEncoding>
        {
            ["t"] = new() { Chunks = new Dictionary<string, long> { ["time"] = 24 } },
            ["time"] = new() { Chunks = new Dictionary<string, long> { ["time"] = 24 }, Units = "hours since 2019-06-01" },
        },
    };

    private static float[] Values(string store)
    {
        using var ds = DatasetOpener.Open(store);
        return ArrayValues.ReadAll(ds.Variables["t"].Data).Cast<float>().ToArray();
    }

    [Fact]
    public void RegionByMonthReplacesOnlyThatMonth()
    {
        using var tmp = new TempDir();
        using (var all = Hourly(June, 1464)) ZarrWriter.Save(all, tmp["s.zarr"], Daily);
        string zarray = File.ReadAllText(tmp["s.zarr/t/.zarray"]);
        var before = Values(tmp["s.zarr"]);
        using (var july = Hourly(June.AddDays(30), 744, add: 1e6f))
        {
            var r = ZarrWriter.Save(july, tmp["s.zarr"], new SaveOptions { Mode = "a", Region = new Dictionary<string, object?> { ["time"] = "2019-07" } });
            Assert.Equal(31 * 2, r.Chunks);   // t and time: a chunk a day
        }
        var after = Values(tmp["s.zarr"]);
        int june = 720 * 20;
        Assert.Equal(before.AsSpan(0, june).ToArray(), after.AsSpan(0, june).ToArray());
        for (int i = june; i < after.Length; i++) Assert.Equal(before[i] + 1e6f, after[i]);
        Assert.Equal(zarray, File.ReadAllText(tmp["s.zarr/t/.zarray"]));
        using var back = DatasetOpener.Open(tmp["s.zarr"]);
        Assert.Equal(1464, back.Dims["time"]);
    }

    [Fact]
    public void UnalignedOrMismatchedRegionIsRefusedBeforeAnyWrite()
    {
        using var tmp = new TempDir();
        using (var all = Hourly(June, 1464)) ZarrWriter.Save(all, tmp["s.zarr"], Daily);
        var before = Values(tmp["s.zarr"]);
        using var part = Hourly(June.AddDays(30).AddHours(5), 24, add: 7);
        var e = Assert.Throws<ZarrPSException>(() => ZarrWriter.Save(part, tmp["s.zarr"], new SaveOptions
        {
            Mode = "a", Region = new Dictionary<string, object?> { ["time"] = new object[] { "2019-07-01T05:00", "2019-07-02T04:00" } },
        }));
        Assert.Equal("RegionNotAligned", e.ErrorId);
        Assert.Contains("'time'", e.Message);
        Assert.Contains("24", e.Message);
        var wrongLength = Assert.Throws<ZarrPSException>(() => ZarrWriter.Save(part, tmp["s.zarr"], new SaveOptions { Mode = "a", Region = new Dictionary<string, object?> { ["time"] = "2019-07" } }));
        Assert.Equal("RegionMismatch", wrongLength.ErrorId);
        Assert.Contains("744", wrongLength.Message);
        using var shifted = Hourly(June.AddDays(30), 744, yShift: 0.5);
        var coords = Assert.Throws<ZarrPSException>(() => ZarrWriter.Save(shifted, tmp["s.zarr"], new SaveOptions { Mode = "a", Region = new Dictionary<string, object?> { ["time"] = "2019-07" } }));
        Assert.Contains("'y'", coords.Message);
        var noMode = Assert.Throws<ZarrPSException>(() => ZarrWriter.Save(part, tmp["s.zarr"], new SaveOptions { Mode = "w", Region = new Dictionary<string, object?> { ["time"] = "2019-07" } }));
        Assert.Equal("InvalidMode", noMode.ErrorId);
        Assert.Equal(before, Values(tmp["s.zarr"]));
        // Positions work too (C# callers): days 30 and 31.
        using var twoDays = Hourly(June.AddDays(30), 48, add: 3);
        ZarrWriter.Save(twoDays, tmp["s.zarr"], new SaveOptions { Mode = "a", Region = new Dictionary<string, object?> { ["time"] = 720..768 } });
        Assert.Equal(before[720 * 20] + 3, Values(tmp["s.zarr"])[720 * 20]);
    }

    [Fact]
    public void AppendChecksTheOtherCoordinatesAndNamesThem()
    {
        using var tmp = new TempDir();
        using (var june = Hourly(June, 720)) ZarrWriter.Save(june, tmp["june.zarr"], Daily);
        using (var july = Hourly(June.AddDays(30), 744)) ZarrWriter.Save(july, tmp["july.zarr"], Daily);
        using (var bad = Hourly(June.AddDays(61), 24, yShift: 1)) ZarrWriter.Save(bad, tmp["bad.zarr"], Daily);
        ZarrConverter.Convert([tmp["june.zarr"]], tmp["c.zarr"], new ConvertOptions { Chunks = new Dictionary<string, long> { ["time"] = 24 } });
        var r = ZarrConverter.Convert([tmp["july.zarr"]], tmp["c.zarr"], new ConvertOptions { Mode = "a", AppendDim = "time" });
        Assert.Equal(1464L * 20 * 4, r.Variables.Single(v => v.Name == "t").BytesIn);
        using (var all = Hourly(June, 1464))
        using (var back = DatasetOpener.Open(tmp["c.zarr"]))
            SaveTests.AssertSameValues(all, back);
        var e = Assert.Throws<ZarrPSException>(() => ZarrConverter.Convert([tmp["bad.zarr"]], tmp["c.zarr"], new ConvertOptions { Mode = "a", AppendDim = "time" }));
        Assert.Equal("AppendMismatch", e.ErrorId);
        Assert.Contains("'y'", e.Message);
        using var still = DatasetOpener.Open(tmp["c.zarr"]);
        Assert.Equal(1464, still.Dims["time"]);
    }

    [Fact]
    public void TwoProcessesWritingDisjointRegionsMakeACorrectStore()
    {
        using var tmp = new TempDir();
        using (var all = Hourly(June, 1464)) ZarrWriter.Save(all, tmp["s.zarr"], Daily);
        using (var fresh = Hourly(June, 1464, add: 500)) ZarrWriter.Save(fresh, tmp["new.zarr"], Daily);
        string zarrps = Path.Combine(Fixtures.RepoRoot, "zarrps");
        var children = new[] { "2019-06", "2019-07" }.Select(month =>
        {
            string cmd = $"Open-XDataset '{tmp["new.zarr"]}' | Select-XData -Sel @{{time = '{month}'}} | Save-XDataset '{tmp["s.zarr"]}' -Region @{{time = '{month}'}} -MaxParallelism 1 | Out-Null";
            return Process.Start(new ProcessStartInfo(zarrps, ["-Command", cmd]) { UseShellExecute = false, RedirectStandardError = true })!;
        }).ToArray();
        foreach (var c in children)
        {
            string err = c.StandardError.ReadToEnd();
            Assert.True(c.WaitForExit(180_000), "a writer did not finish");
            Assert.True(c.ExitCode == 0, err);
            c.Dispose();
        }
        Assert.Equal(Values(tmp["new.zarr"]), Values(tmp["s.zarr"]));
    }
}
