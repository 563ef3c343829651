using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.ML;
using ZarrPS.Engine.Model;
using ZarrPS.ML;

namespace ZarrPS.Engine.Tests.ML;

/// <summary>TorchSharp training and prediction (1 LibTorch thread: reproducible and robust under load).</summary>
[Collection("Torch")]
public class TrainingTests
{
    private static readonly string[] Features = ["cape", "cin", "kx", "blh"];

    private static Dataset Sample(DateTime start, int days) => SampleDatasets.Era5Convection(new SampleOptions
    {
        Start = start, End = start.AddDays(days), StepHours = 3, Resolution = 1, Levels = [], Seed = 11,
    });

    private static BatchGenerator Batches(Dataset ds) => new(ds, new BatchOptions
    {
        InputDims = MLData.Dims(("latitude", 8), ("longitude", 8)),
        BatchDims = MLData.Dims(("time", 32)),
        Preload = true,
    });

    private static TrainOptions Options(int seed = 5, string model = "SimpleConvNet") => new()
    {
        Features = Features, Label = "tp", LabelThreshold = SampleDatasets.ConvectionThreshold, Model = model,
        Epochs = 2, LearningRate = 3e-3, Threads = 1, Seed = seed,
    };

    private static XModel Train(BatchGenerator train, BatchGenerator? val, TrainOptions o) => Trainer.Train(train, val, o, null, TestContext.Current.CancellationToken);

    private static Dataset Predict(XModel model, Dataset ds, PredictOptions o) => Predictor.Predict(model, ds, o, null, TestContext.Current.CancellationToken);

    [Fact]
    public void IdentityModel_PredictionReproducesTheInputExactly_OverlapsIncluded()
    {
        var ds = MLData.Grid(5, 20, 30, "a");
        using var model = new XModel("Identity", ["a"], null, null, [("latitude", 8), ("longitude", 7)], Normalization.None(["a"]), Networks.Create("Identity", 1));
        var pred = Predict(model, ds, new PredictOptions { Overlap = new() { ["latitude"] = 3, ["longitude"] = 2 }, SampleChunk = 2, Threads = 1 });
        Assert.Equal(["time", "latitude", "longitude"], pred["prediction"].Dims);
        Assert.Equal((float[,,])ds["a"].Values!, (float[,,])pred["prediction"].Values!);
        Assert.Equal((double[])ds["latitude"].Values!, (double[])pred["latitude"].Values!);
        Assert.Equal((double[])ds["time"].Values!, (double[])pred["time"].Values!);
    }

    [Fact]
    public void Training_BeatsTheConstantBaseline_AndIsReproducibleWithTheSameSeed()
    {
        var train = Batches(Sample(new DateTime(2019, 7, 1), 24));
        var val = Batches(Sample(new DateTime(2020, 7, 1), 8));
        using var a = Train(train, val, Options());
        using var b = Train(train, val, Options());
        Assert.Equal(2, a.History.Count);
        Assert.True(a.ValidationLoss < a.BaselineLoss, $"validation loss {a.ValidationLoss:F4} is not below the constant baseline {a.BaselineLoss:F4}");
        Assert.True(a.History[^1].ValidationAccuracy > 0.8, $"accuracy {a.History[^1].ValidationAccuracy:F3}");
        Assert.Equal(a.History.Select(h => h.TrainLoss), b.History.Select(h => h.TrainLoss));
        Assert.Equal(a.History.Select(h => h.ValidationLoss), b.History.Select(h => h.ValidationLoss));
        using var c = Train(train, null, Options(seed: 6) with { });
        Assert.NotEqual(a.History[0].TrainLoss, c.History[0].TrainLoss);
    }

    [Fact]
    public void SavedAndImportedModel_PredictsIdentically()
    {
        var train = Batches(Sample(new DateTime(2019, 7, 1), 6));
        using var model = Train(train, null, Options(model: "SpatialConvNet") with { });
        var target = Sample(new DateTime(2020, 7, 1), 2);
        var before = (float[,,])Predict(model, target, new PredictOptions { Threads = 1 })["probability"].Values!;
        string path = Path.Combine(Path.GetTempPath(), $"zarrps-model-{Guid.NewGuid():N}.zpsmodel");
        try
        {
            model.Save(path);
            using var back = XModel.Load(path);
            Assert.Equal("SpatialConvNet", back.Architecture);
            Assert.Equal(Features, back.Features);
            Assert.Equal(model.Normalization.Mean, back.Normalization.Mean);
            Assert.Equal(model.History.Select(h => h.TrainLoss), back.History.Select(h => h.TrainLoss));
            var after = (float[,,])Predict(back, target, new PredictOptions { Threads = 1 })["probability"].Values!;
            Assert.Equal(before, after);
            Assert.All(after.Cast<float>(), p => Assert.InRange(p, 0f, 1f));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MissingFeature_IsNamed()
    {
        var train = Batches(Sample(new DateTime(2019, 7, 1), 4));
        var e = Assert.Throws<ZarrPSException>(() => Train(train, null, Options() with { Features = ["cape", "lifted_index"] }));
        Assert.Equal("VariableNotFound", e.ErrorId);
        Assert.Contains("Feature 'lifted_index'", e.Message);
    }

    [Fact]
    public void LabelThatIsNotBinary_IsRejected()
    {
        var train = Batches(Sample(new DateTime(2019, 7, 1), 4));
        var e = Assert.Throws<ZarrPSException>(() => Train(train, null, Options() with { LabelThreshold = null }));
        Assert.Equal("LabelNotBinary", e.ErrorId);
        Assert.Contains("Label 'tp'", e.Message);
        Assert.Contains("-LabelThreshold", e.Message);
    }

    [Fact]
    public void BatchThatIsAllNaN_IsRejectedNamingTheBatch()
    {
        var ds = MLData.Grid(4, 16, 16, "a", "b");
        var nan = new float[4, 16, 16];
        for (int t = 0; t < 4; t++) for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) nan[t, y, x] = y >= 8 ? float.NaN : 1 + x;
        ds.Variables["a"] = new Variable(["time", "latitude", "longitude"], InMemoryArray.From(nan));
        var label = new float[4, 16, 16];
        ds.Variables["flag"] = new Variable(["time", "latitude", "longitude"], InMemoryArray.From(label));
        var gen = new BatchGenerator(new Dataset(ds.Variables), new BatchOptions { InputDims = MLData.Dims(("latitude", 8), ("longitude", 8)) });
        var e = Assert.Throws<ZarrPSException>(() => Train(gen, null, new TrainOptions { Features = ["a", "b"], Label = "flag", Epochs = 1, Threads = 1, Shuffle = false }));
        Assert.Equal("AllNaNBatch", e.ErrorId);
        Assert.Contains("'a'", e.Message);
        Assert.Contains("latitude=8:16", e.Message);
    }
}
