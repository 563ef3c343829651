using System.Management.Automation;
using ZarrPS.Engine.ML;
using ZarrPS.ML;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Trains a convolutional network on the batches of New-XBatchGenerator (TorchSharp).</para>
/// <para type="description">Features are stacked as channels, normalised per variable (mean and standard deviation
/// computed out-of-core and kept with the model), NaN set to 0 and masked out of the loss. Batches are prepared on
/// worker threads ahead of the training loop and visited in a new seeded order every epoch. The label must be 0/1,
/// or use -LabelThreshold (label = variable &gt; threshold). Returns the model, with loss and metrics per epoch in
/// .History; the same -Seed (with -Threads 1) gives the same losses.</para>
/// </summary>
/// <example><code>$m = Invoke-XTrain -Generator $bg -Feature cape,cin,kx,blh -Label tp -LabelThreshold 0.005 -Validation $val -Epochs 3</code></example>
[Cmdlet(VerbsLifecycle.Invoke, "XTrain")]
[OutputType(typeof(XModel))]
public sealed class InvokeXTrainCommand : XCmdlet
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary><para type="description">The training batches.</para></summary>
    [Parameter(Mandatory = true, Position = 0)]
    public BatchGenerator Generator { get; set; } = null!;

    /// <summary><para type="description">Feature variables (channels), e.g. cape,cin,kx,blh.</para></summary>
    [Parameter(Mandatory = true)]
    public string[] Feature { get; set; } = [];

    /// <summary><para type="description">The label variable (0/1), or the variable -LabelThreshold turns into one.</para></summary>
    [Parameter(Mandatory = true)]
    public string Label { get; set; } = "";

    /// <summary><para type="description">label = (Label &gt; LabelThreshold), e.g. 0.005 on tp (5 mm/h).</para></summary>
    [Parameter]
    public double? LabelThreshold { get; set; }

    /// <summary><para type="description">SimpleConvNet (default), SpatialConvNet or Identity.</para></summary>
    [Parameter]
    [ValidateSet("SimpleConvNet", "SpatialConvNet", "Identity")]
    public string Model { get; set; } = "SimpleConvNet";

    /// <summary><para type="description">Passes over the training batches (default 5).</para></summary>
    [Parameter]
    public int Epochs { get; set; } = 5;

    /// <summary><para type="description">Learning rate (default 0.001).</para></summary>
    [Parameter]
    public double LearningRate { get; set; } = 1e-3;

    /// <summary><para type="description">Samples per optimiser step (default: the generator's batches as they are).</para></summary>
    [Parameter]
    public int BatchSize { get; set; }

    /// <summary><para type="description">adam (default) or sgd.</para></summary>
    [Parameter]
    [ValidateSet("adam", "sgd")]
    public string Optimizer { get; set; } = "adam";

    /// <summary><para type="description">Validation batches: loss, accuracy and the constant-prediction baseline per epoch.</para></summary>
    [Parameter]
    public BatchGenerator? Validation { get; set; }

    /// <summary><para type="description">cpu (default) or cuda.</para></summary>
    [Parameter]
    [ValidateSet("cpu", "cuda")]
    public string Device { get; set; } = "cpu";

    /// <summary><para type="description">LibTorch threads (default 1: reproducible, and LibTorch's spinning worker threads slow down badly on a busy machine).</para></summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int Threads { get; set; } = 1;

    /// <summary><para type="description">Save the model to this file after every epoch.</para></summary>
    [Parameter]
    public string? Checkpoint { get; set; }

    /// <summary><para type="description">Seed of the weights and of the batch order (default 0).</para></summary>
    [Parameter]
    public int Seed { get; set; }

    /// <summary><para type="description">Keep the generator's batch order every epoch.</para></summary>
    [Parameter]
    public SwitchParameter NoShuffle { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        Terminating(() =>
        {
            var options = new TrainOptions
            {
                Features = Feature,
                Label = Label,
                LabelThreshold = LabelThreshold,
                Model = Model,
                Epochs = Epochs,
                LearningRate = LearningRate,
                BatchSize = BatchSize,
                Optimizer = Optimizer,
                Device = Device,
                Threads = Threads,
                Seed = Seed,
                Checkpoint = Checkpoint is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Checkpoint),
                Shuffle = !NoShuffle,
            };
            var record = new ProgressRecord(1, "Invoke-XTrain", $"Training {Model}");
            var last = DateTime.MinValue;
            var model = Trainer.Train(Generator, Validation, options, p =>
            {
                if ((DateTime.UtcNow - last).TotalMilliseconds < 200 && p.Step != p.Steps) return;
                last = DateTime.UtcNow;
                record.StatusDescription = $"epoch {p.Epoch}/{p.Epochs}, batch {p.Step}{(p.Steps > 0 ? "/" + p.Steps : "")}, loss {p.Loss:F4}";
                record.PercentComplete = p.Steps > 0 ? (int)Math.Min(100, ((p.Epoch - 1) * 100L * p.Steps + p.Step * 100L) / ((long)p.Epochs * p.Steps)) : -1;
                WriteProgress(record);
            }, _cancel.Token);
            record.RecordType = ProgressRecordType.Completed;
            WriteProgress(record);
            WriteObject(model);
        }, Generator);
    }

    /// <inheritdoc />
    protected override void StopProcessing() => _cancel.Cancel();
}
