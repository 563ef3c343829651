using System.Diagnostics;
using TorchSharp;
using ZarrPS.Engine;
using ZarrPS.Engine.ML;
using static TorchSharp.torch;

namespace ZarrPS.ML;

/// <summary>Progress of training, reported after every step.</summary>
public readonly record struct TrainProgress(int Epoch, int Epochs, int Step, int Steps, double Loss);

/// <summary>Trains a network on a BatchGenerator's batches (binary classification per grid point).</summary>
public static class Trainer
{
    /// <summary>Trains and returns the model with its history; <paramref name="progress"/> runs on the calling thread.</summary>
    public static XModel Train(BatchGenerator train, BatchGenerator? validation, TrainOptions o, Action<TrainProgress>? progress = null, CancellationToken cancel = default)
    {
        Validate(train, o, "training");
        if (validation is not null) Validate(validation, o, "validation");
        if (o.Epochs < 1) throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidEpochs", $"Epochs must be at least 1, not {o.Epochs}.", "Epochs");
        if (!(o.LearningRate > 0)) throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidLearningRate", $"LearningRate must be positive, not {o.LearningRate}.", "LearningRate");
        TorchRuntime.EnsureLoaded();
        if (o.Threads > 0) TorchRuntime.SetThreads(o.Threads);
        var device = DeviceOf(o.Device);

        var norm = o.Model == "Identity" ? Normalization.None(o.Features) : Normalization.Compute(train.Dataset, o.Features);
        torch.manual_seed(o.Seed);
        var network = Networks.Create(o.Model, o.Features.Length);
        network.to(device);
        var inputDims = train.Options.InputDims.Select(kv => (kv.Key, kv.Value)).ToArray();
        var model = new XModel(o.Model, o.Features, o.Label, o.LabelThreshold, inputDims, norm, network);
        var parameters = network.parameters().ToArray();
        using var optimizer = o.Optimizer.ToLowerInvariant() switch
        {
            "adam" => (optim.Optimizer)optim.Adam(parameters, o.LearningRate),
            "sgd" => optim.SGD(parameters, o.LearningRate, momentum: 0.9),
            _ => throw new ZarrPSException(ErrorKind.InvalidArgument, "UnknownOptimizer", $"Optimizer '{o.Optimizer}' is not known (adam, sgd).", "Optimizer"),
        };
        var preparer = new BatchPreparer(o.Features, o.Label, o.LabelThreshold, norm);
        double positives = 0, counted = 0;

        for (int epoch = 1; epoch <= o.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var order = train.ToArray();
            // A seed fixed across processes (HashCode.Combine is randomised per process).
            if (o.Shuffle) new Random(unchecked(o.Seed * 1_000_003 + epoch)).Shuffle(order);
            IEnumerable<PreparedBatch> stream = preparer.Prefetch(order, o.Workers, o.Prefetch, cancel);
            if (o.BatchSize > 0) stream = BatchPreparer.Regroup(stream, o.BatchSize);
            int steps = o.BatchSize > 0 ? -1 : order.Length;
            network.train();
            double lossSum = 0, wait = 0;
            long samples = 0;
            int step = 0;
            var waitClock = Stopwatch.StartNew();
            foreach (var b in stream)
            {
                wait += waitClock.Elapsed.TotalSeconds;
                cancel.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var (x, y, m) = ToTensors(b, device);
                if (epoch == 1)
                {
                    positives += (y * m).sum().item<float>();
                    counted += m.sum().item<float>();
                }
                var logits = network.forward(x).squeeze(1);
                var loss = MaskedBce(logits, y, m);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                double value = loss.item<float>();
                lossSum += value;
                samples += b.Samples;
                step++;
                progress?.Invoke(new TrainProgress(epoch, o.Epochs, step, steps, value));
                waitClock.Restart();
            }
            if (step == 0) throw new ZarrPSException(ErrorKind.InvalidArgument, "NoBatches", "The training generator has no batches.");
            var result = new EpochResult { Epoch = epoch, TrainLoss = lossSum / step, Steps = step, Samples = samples, LoadWaitSeconds = wait };
            if (validation is not null)
            {
                double rate = counted > 0 ? positives / counted : 0.5;
                var (vl, acc, baseline) = Evaluate(network, validation, preparer, device, rate, o, cancel);
                result = result with { ValidationLoss = vl, ValidationAccuracy = acc, BaselineLoss = baseline };
            }
            model.History.Add(result with { Seconds = clock.Elapsed.TotalSeconds });
            if (o.Checkpoint is not null) model.Save(o.Checkpoint);
        }
        network.eval();
        return model;
    }

    private static void Validate(BatchGenerator g, TrainOptions o, string which)
    {
        if (o.Features.Length == 0) throw new ZarrPSException(ErrorKind.InvalidArgument, "NoFeatures", "Name at least one feature (-Feature cape,cin,kx,blh).", "Feature");
        foreach (var f in o.Features.Append(o.Label))
            if (!g.Dataset.Contains(f))
                throw new ZarrPSException(ErrorKind.NotFound, "VariableNotFound",
                    $"{(f == o.Label ? "Label" : "Feature")} '{f}' is not in the {which} dataset (variables: {string.Join(", ", g.Dataset.DataVars)}).", f);
        if (g.Options.InputDims.Count != 2)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NotTwoInputDims", $"The {which} generator must have two input dimensions (e.g. latitude, longitude), not {g.Options.InputDims.Count}.");
        // A label must hold 0/1 only: checked on every batch; here on the first one, for an early clear error.
        if (o.LabelThreshold is null && g.Count > 0) new BatchPreparer([], o.Label, null, Normalization.None([])).CheckLabel(g[0]);
    }

    internal static Device DeviceOf(string name) => name.ToLowerInvariant() switch
    {
        "cpu" => torch.CPU,
        "cuda" when torch.cuda.is_available() => torch.CUDA,
        "cuda" => throw new ZarrPSException(ErrorKind.NotImplemented, "CudaUnavailable", "CUDA is not available: this LibTorch build is CPU only (use -Device cpu).", "Device"),
        _ => throw new ZarrPSException(ErrorKind.InvalidArgument, "UnknownDevice", $"Device '{name}' is not known (cpu, cuda).", "Device"),
    };

    internal static (Tensor X, Tensor Y, Tensor M) ToTensors(PreparedBatch b, Device device)
    {
        var x = torch.tensor(b.Features, [b.Samples, b.Channels, b.Height, b.Width]).to(device);
        var y = torch.tensor(b.Labels ?? new float[b.Mask.Length], [b.Samples, b.Height, b.Width]).to(device);
        var m = torch.tensor(b.Mask, [b.Samples, b.Height, b.Width]).to(device);
        return (x, y, m);
    }

    /// <summary>Binary cross-entropy with logits, averaged over the points the mask keeps (stable form).</summary>
    internal static Tensor MaskedBce(Tensor logits, Tensor y, Tensor m)
    {
        var per = logits.clamp_min(0) - logits * y + torch.log1p(torch.exp(-logits.abs()));
        return (per * m).sum() / m.sum().clamp_min(1);
    }

    private static (double Loss, double Accuracy, double Baseline) Evaluate(nn.Module<Tensor, Tensor> network, BatchGenerator g, BatchPreparer preparer, Device device, double rate, TrainOptions o, CancellationToken cancel)
    {
        network.eval();
        using var noGrad = torch.no_grad();
        double loss = 0, correct = 0, baseline = 0, points = 0;
        double p = Math.Clamp(rate, 1e-6, 1 - 1e-6);
        foreach (var b in preparer.Prefetch(g.ToArray(), o.Workers, o.Prefetch, cancel))
        {
            using var scope = torch.NewDisposeScope();
            var (x, y, m) = ToTensors(b, device);
            var logits = network.forward(x).squeeze(1);
            double n = m.sum().item<float>();
            loss += MaskedBce(logits, y, m).item<float>() * n;
            correct += (((logits >= 0).to_type(ScalarType.Float32) == y).to_type(ScalarType.Float32) * m).sum().item<float>();
            var ones = (y * m).sum().item<float>();
            baseline += -(ones * Math.Log(p) + (n - ones) * Math.Log(1 - p));
            points += n;
        }
        network.train();
        return points > 0 ? (loss / points, correct / points, baseline / points) : (double.NaN, double.NaN, double.NaN);
    }
}
