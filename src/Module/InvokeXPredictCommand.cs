using System.Collections;
using System.Management.Automation;
using ZarrPS.Engine.Model;
using ZarrPS.ML;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Runs a trained model over a Dataset and returns the predictions as labelled arrays.</para>
/// <para type="description">Windows of the model's size cover every grid point (the last one moved back to the edge),
/// run in batches, and overlapping outputs are averaged. The result is a Dataset on the input's coordinates (e.g.
/// time, latitude, longitude) with 'probability' and 'predicted_class' ('prediction' for the Identity model).</para>
/// </summary>
/// <example><code>$pred = $val | Invoke-XPredict -Model $m -Overlap @{ latitude = 4; longitude = 4 }</code></example>
[Cmdlet(VerbsLifecycle.Invoke, "XPredict")]
[OutputType(typeof(Dataset))]
public sealed class InvokeXPredictCommand : XCmdlet
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary><para type="description">The trained model (Invoke-XTrain, Import-XModel).</para></summary>
    [Parameter(Mandatory = true, Position = 0)]
    public XModel Model { get; set; } = null!;

    /// <summary><para type="description">The Dataset holding the model's features.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [DatasetTransformation]
    public Dataset InputObject { get; set; } = null!;

    /// <summary><para type="description">Overlap of neighbouring windows per input dimension (averaged).</para></summary>
    [Parameter]
    public IDictionary? Overlap { get; set; }

    /// <summary><para type="description">Time steps (positions of the other dimension) per batch (default 64).</para></summary>
    [Parameter]
    public int SampleChunk { get; set; } = 64;

    /// <summary><para type="description">LibTorch threads (default 1: reproducible, and LibTorch's spinning worker threads slow down badly on a busy machine).</para></summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int Threads { get; set; } = 1;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        Terminating(() =>
        {
            var record = new ProgressRecord(2, "Invoke-XPredict", $"Predicting with {Model.Architecture}");
            var last = DateTime.MinValue;
            var result = Predictor.Predict(Model, InputObject, new PredictOptions
            {
                Overlap = new Dictionary<string, long>(MLArguments.Lengths(Overlap, "Overlap", InputObject.Dims.Keys), StringComparer.Ordinal),
                SampleChunk = SampleChunk,
                Threads = Threads,
            }, (done, total) =>
            {
                if ((DateTime.UtcNow - last).TotalMilliseconds < 200 && done != total) return;
                last = DateTime.UtcNow;
                record.PercentComplete = (int)(done * 100L / Math.Max(1, total));
                record.StatusDescription = $"{done}/{total} batches";
                WriteProgress(record);
            }, _cancel.Token);
            record.RecordType = ProgressRecordType.Completed;
            WriteProgress(record);
            WriteObject(result);
        }, InputObject);
    }

    /// <inheritdoc />
    protected override void StopProcessing() => _cancel.Cancel();
}
