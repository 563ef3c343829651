using TorchSharp;
using ZarrPS.Engine;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.ML;
using ZarrPS.Engine.Model;
using static TorchSharp.torch;

namespace ZarrPS.ML;

/// <summary>How Invoke-XPredict tiles the input.</summary>
public sealed class PredictOptions
{
    /// <summary>Overlap of neighbouring windows per input dimension (overlaps are averaged).</summary>
    public Dictionary<string, long> Overlap { get; init; } = new(StringComparer.Ordinal);
    /// <summary>Positions of the non-input dimension (time) per batch.</summary>
    public int SampleChunk { get; init; } = 64;
    /// <summary>LibTorch threads (0: default).</summary>
    public int Threads { get; init; } = 1;
    /// <summary>cpu or cuda.</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>Worker threads preparing windows ahead.</summary>
    public int Workers { get; init; } = 2;
}

/// <summary>Runs a model over every window of a dataset and stitches the windows back into labelled arrays.</summary>
public static class Predictor
{
    /// <summary>
    /// Predicts on <paramref name="ds"/>: windows of the model's size cover every position (the last one moved back to
    /// the end), overlapping outputs are averaged, and the result is a Dataset on the input's coordinates with
    /// 'probability' and 'predicted_class' (or 'prediction' for a model whose output is not a logit).
    /// Positions where a feature is NaN are NaN.
    /// </summary>
    public static Dataset Predict(XModel model, Dataset ds, PredictOptions o, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        TorchRuntime.EnsureLoaded();
        if (o.Threads > 0) TorchRuntime.SetThreads(o.Threads);
        var device = Trainer.DeviceOf(o.Device);
        var features = model.Features.ToArray();
        foreach (var f in features)
            if (!ds.Contains(f))
                throw new ZarrPSException(ErrorKind.NotFound, "VariableNotFound", $"Feature '{f}' of the model is not in the dataset (variables: {string.Join(", ", ds.DataVars)}).", f);
        var inputDims = model.InputDims.Select(d => d.Dim).ToArray();
        var first = ds.Variables[features[0]];
        foreach (var d in inputDims)
            if (first.AxisOf(d) < 0)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionNotFound", $"Feature '{features[0]}' has no dimension '{d}', which the model's windows slice (dimensions: {string.Join(", ", first.Dims)}).", d);
        var others = first.Dims.Where(d => !inputDims.Contains(d)).ToArray();
        if (others.Length > 1)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "TooManyDims", $"Prediction runs over one dimension besides {string.Join(" and ", inputDims)}; '{features[0]}' also has {string.Join(", ", others)}. Select one level first.", features[0]);

        var window = new OrderedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (dim, length) in model.InputDims) window[dim] = Math.Min(length, ds.Dims[dim]);
        var batchDims = new OrderedDictionary<string, long>(StringComparer.Ordinal);
        if (others.Length == 1) batchDims[others[0]] = Math.Min(Math.Max(1, o.SampleChunk), ds.Dims[others[0]]);
        var gen = new BatchGenerator(ds.SelectVariables(features), new BatchOptions
        {
            InputDims = window,
            InputOverlap = o.Overlap,
            BatchDims = batchDims,
            CoverEdges = true,
            Preload = true,
        });

        long nt = others.Length == 1 ? ds.Dims[others[0]] : 1;
        long ny = ds.Dims[inputDims[0]], nx = ds.Dims[inputDims[1]];
        long total = nt * ny * nx;
        if (total > System.Array.MaxLength)
            throw new ZarrPSException(ErrorKind.LimitsExceeded, "PredictionTooLarge", $"The prediction has {total:N0} values; select a smaller region or period.");
        var sum = new double[total];
        var count = new int[total];
        var nan = new bool[total];
        var preparer = new BatchPreparer(features, null, null, model.Normalization, allowAllNaN: true);
        bool logits = model.OutputsLogits;
        model.Network.eval();
        using (torch.no_grad())
        {
            int done = 0;
            foreach (var pair in preparer.Prefetch(gen.ToArray(), o.Workers, 4, cancel).Zip(gen))
            {
                cancel.ThrowIfCancellationRequested();
                var (b, batch) = pair;
                using var scope = torch.NewDisposeScope();
                var x = torch.tensor(b.Features, [b.Samples, b.Channels, b.Height, b.Width]).to(device);
                var y = model.Network.forward(x).squeeze(1);
                if (logits) y = torch.sigmoid(y);
                var values = y.to(torch.CPU).to_type(ScalarType.Float32).data<float>().ToArray();
                var patch = batch.Patches[0];
                long t0 = others.Length == 1 ? patch[others[0]].Start : 0;
                long y0 = patch[inputDims[0]].Start, x0 = patch[inputDims[1]].Start;
                int hw = b.Height * b.Width;
                for (int s = 0; s < b.Samples; s++)
                    for (int i = 0; i < b.Height; i++)
                    {
                        long row = ((t0 + s) * ny + y0 + i) * nx + x0;
                        int at = s * hw + i * b.Width;
                        for (int j = 0; j < b.Width; j++)
                        {
                            if (b.Mask[at + j] == 0) { nan[row + j] = true; continue; }
                            sum[row + j] += values[at + j];
                            count[row + j]++;
                        }
                    }
                progress?.Invoke(++done, gen.Count);
            }
        }

        var result = new float[total];
        for (long i = 0; i < total; i++) result[i] = nan[i] || count[i] == 0 ? float.NaN : (float)(sum[i] / count[i]);
        string[] dims = [.. others, .. inputDims];
        long[] shape = others.Length == 1 ? [nt, ny, nx] : [ny, nx];
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var d in dims)
            if (ds.Variables.TryGetValue(d, out var coord)) vars[d] = coord;
        var attrs = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["model"] = model.Architecture,
            ["features"] = string.Join(",", features),
        };
        if (logits)
        {
            var cls = new float[total];
            for (long i = 0; i < total; i++) cls[i] = float.IsNaN(result[i]) ? float.NaN : result[i] >= 0.5f ? 1 : 0;
            vars["probability"] = new Variable(dims, Values(result, shape), new OrderedDictionary<string, object?>(attrs, StringComparer.Ordinal) { ["long_name"] = $"probability of {model.Label ?? "the class"}" });
            vars["predicted_class"] = new Variable(dims, Values(cls, shape), new OrderedDictionary<string, object?>(attrs, StringComparer.Ordinal) { ["long_name"] = $"predicted {model.Label ?? "class"} (probability >= 0.5)" });
        }
        else vars["prediction"] = new Variable(dims, Values(result, shape), attrs);
        return new Dataset(vars, dims.Where(vars.ContainsKey), new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["source"] = $"ZarrPS Invoke-XPredict with {model}" });
    }

    private static InMemoryArray Values(float[] values, long[] shape) =>
        new(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), shape, DataType.Float32);
}
