using System.IO.Compression;
using System.Text.Json;
using TorchSharp;
using ZarrPS.Engine;
using static TorchSharp.torch;

namespace ZarrPS.ML;

/// <summary>
/// A trained model: the network and everything needed to use it again — architecture, feature and label names,
/// the window (input dims), the normalisation, and the loss and metrics of every epoch.
/// </summary>
public sealed class XModel : IDisposable
{
    internal XModel(string architecture, string[] features, string? label, double? labelThreshold, (string Dim, long Length)[] inputDims, Normalization normalization, nn.Module<Tensor, Tensor> network)
    {
        Architecture = architecture;
        Features = features;
        Label = label;
        LabelThreshold = labelThreshold;
        InputDims = inputDims;
        Normalization = normalization;
        Network = network;
    }

    /// <summary>SimpleConvNet, SpatialConvNet or Identity.</summary>
    public string Architecture { get; }

    /// <summary>The feature variables, in channel order.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>The label variable.</summary>
    public string? Label { get; }

    /// <summary>The threshold that made the label (label = variable &gt; threshold), if any.</summary>
    public double? LabelThreshold { get; }

    /// <summary>The window the model was trained on, per input dimension.</summary>
    public IReadOnlyList<(string Dim, long Length)> InputDims { get; }

    /// <summary>The per-feature normalisation.</summary>
    public Normalization Normalization { get; }

    /// <summary>Loss and metrics per epoch.</summary>
    public List<EpochResult> History { get; } = [];

    /// <summary>The last epoch's training loss.</summary>
    public double TrainLoss => History.Count > 0 ? History[^1].TrainLoss : double.NaN;

    /// <summary>The last epoch's validation loss.</summary>
    public double ValidationLoss => History.Count > 0 ? History[^1].ValidationLoss : double.NaN;

    /// <summary>The constant-prediction baseline loss on the validation data.</summary>
    public double BaselineLoss => History.Count > 0 ? History[^1].BaselineLoss : double.NaN;

    internal nn.Module<Tensor, Tensor> Network { get; }

    /// <summary>True when the output is a logit (class probability = sigmoid).</summary>
    public bool OutputsLogits => Networks.OutputsLogits(Architecture);

    /// <summary>The number of trainable values.</summary>
    public long Parameters => Network.parameters().Sum(p => p.numel());

    private sealed record Saved(int Format, string Architecture, string[] Features, string? Label, double? LabelThreshold, string[] InputDimNames, long[] InputDimLengths, double[] Mean, double[] Std, List<EpochResult> History);

    /// <summary>Writes the model to one file (a zip of model.json and the weights).</summary>
    public void Save(string path)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        string temp = path + ".tmp-" + Environment.ProcessId;
        using (var zip = ZipFile.Open(temp, ZipArchiveMode.Create))
        {
            var info = new Saved(1, Architecture, Features.ToArray(), Label, LabelThreshold, InputDims.Select(d => d.Dim).ToArray(), InputDims.Select(d => d.Length).ToArray(),
                Normalization.Mean, Normalization.Std, History);
            using (var s = zip.CreateEntry("model.json").Open()) JsonSerializer.Serialize(s, info, JsonOptions);
            using var w = new BinaryWriter(zip.CreateEntry("weights.dat").Open());
            Network.save(w);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    public static XModel Load(string path)
    {
        TorchRuntime.EnsureLoaded();
        if (!File.Exists(path))
            throw new ZarrPSException(ErrorKind.NotFound, "ModelNotFound", $"No model file at '{path}'.", path);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var entry = zip.GetEntry("model.json") ?? throw new InvalidDataException("no model.json");
            Saved info;
            using (var s = entry.Open()) info = JsonSerializer.Deserialize<Saved>(s, JsonOptions) ?? throw new InvalidDataException("empty model.json");
            var network = Networks.Create(info.Architecture, info.Features.Length);
            using (var r = new BinaryReader(zip.GetEntry("weights.dat")?.Open() ?? throw new InvalidDataException("no weights.dat")))
                network.load(r);
            network.eval();
            var model = new XModel(info.Architecture, info.Features, info.Label, info.LabelThreshold,
                info.InputDimNames.Zip(info.InputDimLengths).ToArray(), new Normalization(info.Features, info.Mean, info.Std), network);
            model.History.AddRange(info.History);
            return model;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException)
        {
            throw new ZarrPSException(ErrorKind.InvalidData, "NotAModel", $"'{path}' is not a ZarrPS model file ({e.Message}).", path, e);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <inheritdoc />
    public void Dispose() => Network.Dispose();

    /// <inheritdoc />
    public override string ToString() =>
        $"{Architecture} ({string.Join(", ", Features)} → {Label ?? "?"}{(LabelThreshold is double t ? $" > {t}" : "")}), window {string.Join(" x ", InputDims.Select(d => $"{d.Dim} {d.Length}"))}, {History.Count} epochs" +
        (History.Count > 0 ? $", loss {TrainLoss:F4}" + (double.IsNaN(ValidationLoss) ? "" : $", validation {ValidationLoss:F4} (baseline {BaselineLoss:F4})") : "");
}
