using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.ML;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Tests.ML;

/// <summary>
/// The BatchGenerator against xbatcher 0.4's rules (xbatcher/generators.py), each stated where it is checked.
/// The dataset is time 10 x latitude 20 x longitude 30 unless said otherwise.
/// </summary>
public class BatchGeneratorTests
{
    private static (long, long)[] Windows(Patch p, params string[] dims) => dims.Select(d => (p[d].Start, p[d].Stop)).ToArray();

    [Fact]
    public void InputDimsAlone_WindowsStepByTheirLength_EdgeWindowsDropped_LastDimensionFastest()
    {
        // xbatcher rule: _gen_slices gives slice(start, start+L) for start in range(0, size, L - overlap) while
        // start + L <= size; the windows of all input dims are itertools.product in input_dims order.
        var bg = new BatchGenerator(MLData.Grid(), new BatchOptions { InputDims = MLData.Dims(("latitude", 8), ("longitude", 10)) });
        Assert.Equal(2 * 3, bg.Count); // latitude 0:8, 8:16 (16:24 > 20 dropped); longitude 0:10, 10:20, 20:30
        Assert.Equal([(0L, 8L), (0L, 10L)], Windows(bg[0].Patches[0], "latitude", "longitude"));
        Assert.Equal([(0L, 8L), (10L, 20L)], Windows(bg[1].Patches[0], "latitude", "longitude"));
        Assert.Equal([(8L, 16L), (20L, 30L)], Windows(bg[5].Patches[0], "latitude", "longitude"));
        // Each batch is the dataset selected by one window; the other dims (time) stay whole.
        var ds = bg[4].ToDataset();
        Assert.Equal(10, ds.Dims["time"]);
        Assert.Equal(8, ds.Dims["latitude"]);
        Assert.Equal(10, ds.Dims["longitude"]);
        Assert.Equal(12.0, ((double[])ds["latitude"].Values!)[0]);
        Assert.Equal(102.5, ((double[])ds["longitude"].Values!)[0]);
        Assert.Equal(3 * 10000 + 8 * 100 + 10f, ((float[,,])ds["a"].Values!)[3, 0, 0]);
    }

    [Fact]
    public void Overlap_StrideIsLengthMinusOverlap()
    {
        // xbatcher rule: stride = input length - overlap; windows still end inside the dimension.
        var bg = new BatchGenerator(MLData.Grid(), new BatchOptions
        {
            InputDims = MLData.Dims(("latitude", 8), ("longitude", 10)),
            InputOverlap = new() { ["latitude"] = 4, ["longitude"] = 5 },
        });
        // latitude starts 0, 4, 8, 12 (16 + 8 > 20); longitude starts 0, 5, 10, 15, 20 (25 + 10 > 30)
        Assert.Equal(4 * 5, bg.Count);
        var lat = bg.Select(b => b.Patches[0]["latitude"].Start).Distinct().ToArray();
        var lon = bg.Select(b => b.Patches[0]["longitude"].Start).Distinct().ToArray();
        Assert.Equal([0L, 4, 8, 12], lat);
        Assert.Equal([0L, 5, 10, 15, 20], lon);
        Assert.Equal([(4L, 12L), (15L, 25L)], Windows(bg[1 * 5 + 3].Patches[0], "latitude", "longitude"));
    }

    [Fact]
    public void BatchDims_NotInInputDims_AreSlicedFirstAndIteratedOutermost()
    {
        // xbatcher rule: dims of batch_dims that are not input dims are sliced like input dims (no overlap) and come
        // first in the product; without concat_input_dims every window is its own batch.
        var bg = new BatchGenerator(MLData.Grid(), new BatchOptions
        {
            InputDims = MLData.Dims(("latitude", 8), ("longitude", 10)),
            BatchDims = MLData.Dims(("time", 4)),
        });
        Assert.Equal(["time", "latitude", "longitude"], bg.SlicedDims);
        Assert.Equal(2 * 2 * 3, bg.Count); // time 0:4, 4:8 (8:12 > 10 dropped)
        Assert.Equal([(0L, 4L), (0L, 8L), (0L, 10L)], Windows(bg[0].Patches[0], "time", "latitude", "longitude"));
        Assert.Equal([(4L, 8L), (0L, 8L), (0L, 10L)], Windows(bg[6].Patches[0], "time", "latitude", "longitude"));
        var ds = bg[6].ToDataset();
        Assert.Equal(4, ds.Dims["time"]);
        Assert.Equal(4.0, ((double[])ds["time"].Values!)[0]);
    }

    [Fact]
    public void BatchDims_AlsoInInputDims_WithoutConcat_ChangeNothing()
    {
        // xbatcher rule: without concat_input_dims a dim in both input_dims and batch_dims does not affect batching (it warns).
        var plain = new BatchGenerator(MLData.Grid(), new BatchOptions { InputDims = MLData.Dims(("latitude", 8), ("longitude", 10)) });
        var both = new BatchGenerator(MLData.Grid(), new BatchOptions { InputDims = MLData.Dims(("latitude", 8), ("longitude", 10)), BatchDims = MLData.Dims(("latitude", 16)) });
        Assert.Equal(plain.Count, both.Count);
        Assert.Equal(plain.Select(b => b.Patches[0].ToString()), both.Select(b => b.Patches[0].ToString()));
    }

    [Fact]
    public void ConcatInputDims_WithoutBatchDims_OneBatchOfAllWindows()
    {
        // xbatcher rule: concat_input_dims and no batch_dims: every window in a single batch, concatenated along input_batch.
        var bg = new BatchGenerator(MLData.Grid(), new BatchOptions { InputDims = MLData.Dims(("latitude", 8), ("longitude", 10)), ConcatInputDims = true });
        Assert.Single(bg);
        Assert.Equal(6, bg[0].Patches.Count);
        var ds = bg[0].ToDataset();
        Assert.Equal(6, ds.Dims["input_batch"]);
        Assert.Equal(8, ds.Dims["latitude_input"]);
        Assert.Equal(10, ds.Dims["longitude_input"]);
        Assert.Equal(["input_batch", "time", "latitude_input", "longitude_input"], ds["a"].Dims);
        // Window 5 is latitude 8:16, longitude 20:30; its coordinates are the window's labels.
        var a = (float[,,,])ds["a"].Values!;
        Assert.Equal(2 * 10000 + 9 * 100 + 23f, a[5, 2, 1, 3]);
        Assert.Equal(["input_batch", "latitude_input"], ds.Variables["latitude"].Dims);
        Assert.Equal(10.0 + 0.25 * 8, ((double[,])ds.Variables["latitude"].Values!)[5, 0]);
    }

    [Fact]
    public void ConcatInputDims_WithBatchDims_GroupsWindowsByBatchSlice()
    {
        // xbatcher rule: concat_input_dims with batch_dims that are not input dims: consecutive windows with the same
        // batch-dim slices (itertools.groupby on the product) form one batch.
        var bg = new BatchGenerator(MLData.Grid(), new BatchOptions
        {
            InputDims = MLData.Dims(("latitude", 8), ("longitude", 10)),
            BatchDims = MLData.Dims(("time", 4)),
            ConcatInputDims = true,
        });
        Assert.Equal(2, bg.Count);
        Assert.All(bg, b => Assert.Equal(6, b.Patches.Count));
        Assert.All(bg[1].Patches, p => Assert.Equal(new DimSlice(4, 8), p["time"]));
        var ds = bg[1].ToDataset();
        Assert.Equal(6, ds.Dims["input_batch"]);
        Assert.Equal(4, ds.Dims["time"]);
        Assert.Equal(4.0, ((double[])ds["time"].Values!)[0]);
        var t = bg[1].ReadTensor(["a"]);
        Assert.Equal([1L, 6 * 4, 8, 10], t.Shape);
    }

    [Fact]
    public void ConcatInputDims_WithDuplicateBatchDims_TakesCeilBatchOverStrideWindowsPerBatch()
    {
        // xbatcher rule (_combine_patches_grouped_by_input_and_batch_dims): along a dim in both input_dims and
        // batch_dims a batch takes ceil(batch / stride) windows, there are size // batch batches along it, and
        // windows past the last whole batch are dropped. latitude 20, input 4, batch 8: windows 0,4,8,12,16 →
        // batch ids 0,0,1,1,2 with 20 // 8 = 2 batches, so the window at 16 is dropped.
        var bg = new BatchGenerator(MLData.Grid(), new BatchOptions
        {
            InputDims = MLData.Dims(("latitude", 4), ("longitude", 10)),
            BatchDims = MLData.Dims(("latitude", 8)),
            ConcatInputDims = true,
        });
        Assert.Equal(2, bg.Count);
        Assert.Equal(2 * 3, bg[0].Patches.Count);
        Assert.Equal([0L, 4], bg[0].Patches.Select(p => p["latitude"].Start).Distinct());
        Assert.Equal([8L, 12], bg[1].Patches.Select(p => p["latitude"].Start).Distinct());
    }

    [Fact]
    public void PartialBatches_KeepTruncatedEdgeWindows_PaddedWithNaN()
    {
        var bg = new BatchGenerator(MLData.Grid(), new BatchOptions { InputDims = MLData.Dims(("latitude", 8), ("longitude", 10)), PartialBatches = true });
        Assert.Equal(3 * 3, bg.Count);
        var edge = bg[6].Patches[0];
        Assert.Equal(new DimSlice(16, 20), edge["latitude"]);
        var t = bg[6].ReadTensor(["a"]);
        Assert.Equal([1L, 10, 8, 10], t.Shape);
        Assert.Equal(16 * 100 + 0f, t.Data[0]);
        Assert.Equal(19 * 100 + 9f, t.Data[3 * 10 + 9]);
        Assert.True(float.IsNaN(t.Data[4 * 10]));
        // A window reaching the end stops the dimension: no further truncated windows inside it.
        Assert.Equal([new DimSlice(0, 8), new DimSlice(6, 14), new DimSlice(12, 20)], BatchGenerator.Slices(20, 8, 2, true));
        Assert.Equal([new DimSlice(0, 8), new DimSlice(6, 14), new DimSlice(12, 20)], BatchGenerator.Slices(20, 8, 2, false));
    }

    [Fact]
    public void Shuffle_IsASeededPermutationOfTheSameBatches()
    {
        var opts = (bool shuffle, int seed) => new BatchOptions { InputDims = MLData.Dims(("latitude", 4), ("longitude", 5)), Shuffle = shuffle, Seed = seed };
        var plain = new BatchGenerator(MLData.Grid(), opts(false, 0)).Select(b => b.Index).ToArray();
        var a = new BatchGenerator(MLData.Grid(), opts(true, 7)).Select(b => b.Index).ToArray();
        var b = new BatchGenerator(MLData.Grid(), opts(true, 7)).Select(b => b.Index).ToArray();
        var c = new BatchGenerator(MLData.Grid(), opts(true, 8)).Select(b => b.Index).ToArray();
        Assert.Equal(Enumerable.Range(0, 30), plain);
        Assert.Equal(a, b);
        Assert.NotEqual(plain, a);
        Assert.NotEqual(a, c);
        Assert.Equal(plain, a.Order());
    }

    [Fact]
    public void Indexer_NegativeCountsFromTheEnd_OutOfRangeNamesTheCount()
    {
        var bg = new BatchGenerator(MLData.Grid(), new BatchOptions { InputDims = MLData.Dims(("latitude", 8), ("longitude", 10)) });
        Assert.Same(bg[5], bg[-1]);
        var e = Assert.Throws<ZarrPSException>(() => bg[6]);
        Assert.Contains("6 batches", e.Message);
        int n = 0;
        foreach (var _ in bg) n++;
        Assert.Equal(bg.Count, n);
    }

    [Fact]
    public void ReadTensor_StacksVariablesThenSamplesThenInputDims_EvenFromATransposedVariable()
    {
        var ds = MLData.Grid(4, 12, 14, "a", "b");
        // c is b stored as (longitude, time, latitude): the tensor must still be (sample=time, latitude, longitude).
        var b = (float[,,])ds["b"].Values!;
        var c = new float[14, 4, 12];
        for (int t = 0; t < 4; t++) for (int y = 0; y < 12; y++) for (int x = 0; x < 14; x++) c[x, t, y] = b[t, y, x];
        ds.Variables["c"] = new Variable(["longitude", "time", "latitude"], InMemoryArray.From(c));
        var bg = new BatchGenerator(new Dataset(ds.Variables), new BatchOptions { InputDims = MLData.Dims(("latitude", 6), ("longitude", 7)), BatchDims = MLData.Dims(("time", 2)) });
        var batch = bg[3]; // time 0:2, latitude 6:12, longitude 7:14
        var tensor = batch.ReadTensor(["a", "b", "c"]);
        Assert.Equal([3L, 2, 6, 7], tensor.Shape);
        Assert.Equal(["variable", "sample", "latitude", "longitude"], tensor.Dims);
        for (int v = 0; v < 3; v++)
            for (int s = 0; s < 2; s++)
                for (int y = 0; y < 6; y++)
                    for (int x = 0; x < 7; x++)
                    {
                        float expected = (v == 0 ? 0 : 1_000_000) + s * 10000 + (6 + y) * 100 + 7 + x;
                        Assert.Equal(expected, tensor.Data[((v * 2 + s) * 6 + y) * 7 + x]);
                    }
    }

    [Fact]
    public void LazyReads_ThroughTheSlabCache_EqualPreloadedValues()
    {
        // A lazy (computed) source goes through the slab cache; the preloaded copy is read window by window.
        var sample = new SampleOptions { Start = new DateTime(2019, 7, 1), End = new DateTime(2019, 7, 5), StepHours = 3, Resolution = 2, Levels = [], Seed = 2 };
        var options = (bool preload) => new BatchOptions { InputDims = MLData.Dims(("latitude", 5), ("longitude", 6)), BatchDims = MLData.Dims(("time", 8)), Preload = preload };
        var lazy = new BatchGenerator(SampleDatasets.Era5Convection(sample), options(false));
        var loaded = new BatchGenerator(SampleDatasets.Era5Convection(sample), options(true));
        Assert.Equal(4 * 3 * 3, lazy.Count);
        foreach (int i in new[] { 0, 1, 5, 9, 10, 35, 3, 0 })
            Assert.Equal(loaded[i].ReadTensor(["cape", "tp"]).Data, lazy[i].ReadTensor(["cape", "tp"]).Data);
    }

    [Theory]
    [InlineData("latitude", 21, 0, "WindowLargerThanDimension", "'latitude' = 21 is larger than dimension 'latitude', which has 20")]
    [InlineData("latitude", 8, 8, "OverlapTooLarge", "less than the input length 8")]
    [InlineData("level", 2, 0, "DimensionNotFound", "dimension 'level'")]
    [InlineData("latitude", 0, 0, "InvalidLength", "at least 1")]
    public void BadWindows_AreRejectedWithTheDimensionNamed(string dim, long length, long overlap, string id, string message)
    {
        var e = Assert.Throws<ZarrPSException>(() => new BatchGenerator(MLData.Grid(), new BatchOptions
        {
            InputDims = MLData.Dims((dim, length)),
            InputOverlap = overlap > 0 ? new() { [dim] = overlap } : new(),
        }));
        Assert.Equal(id, e.ErrorId);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void BatchDimsLargerThanTheDimension_AreRejected()
    {
        var e = Assert.Throws<ZarrPSException>(() => new BatchGenerator(MLData.Grid(), new BatchOptions { InputDims = MLData.Dims(("latitude", 8)), BatchDims = MLData.Dims(("time", 11)) }));
        Assert.Contains("BatchDims 'time' = 11", e.Message);
    }
}
