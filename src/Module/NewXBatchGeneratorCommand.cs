using System.Collections;
using System.Management.Automation;
using ZarrPS.Engine.ML;
using ZarrPS.Engine.Model;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Cuts a Dataset into batches of windows, as xbatcher's BatchGenerator.</para>
/// <para type="description">The same windows and batches as xbatcher: windows of -InputDims every (length − overlap)
/// positions, edge windows dropped (kept truncated with -PartialBatches), -BatchDims dimensions sliced first,
/// -ConcatInputDims to put the windows of a batch together along input_batch. Lazy: a batch reads its windows when
/// used. The generator has .Count, is indexable ($bg[5], $bg[-1]) and enumerable (foreach). -Shuffle -Seed visit the
/// batches in a fixed random order. -Preload reads the dataset into memory first.</para>
/// </summary>
/// <example><code>$bg = New-XBatchGenerator $ds -InputDims @{ latitude = 16; longitude = 16 } -BatchDims @{ time = 32 }</code></example>
[Cmdlet(VerbsCommon.New, "XBatchGenerator")]
[OutputType(typeof(BatchGenerator))]
public sealed class NewXBatchGeneratorCommand : XCmdlet
{
    /// <summary><para type="description">The Dataset (or DataArray) to cut.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [DatasetTransformation]
    public Dataset InputObject { get; set; } = null!;

    /// <summary><para type="description">Window length per input dimension, e.g. @{ latitude = 16; longitude = 16 }. A plain hashtable follows the dataset's dimension order; use [ordered] to choose it.</para></summary>
    [Parameter(Mandatory = true, Position = 1)]
    public IDictionary InputDims { get; set; } = null!;

    /// <summary><para type="description">Overlap of neighbouring windows per input dimension.</para></summary>
    [Parameter]
    public IDictionary? InputOverlap { get; set; }

    /// <summary><para type="description">Batch length per dimension, e.g. @{ time = 32 }.</para></summary>
    [Parameter]
    public IDictionary? BatchDims { get; set; }

    /// <summary><para type="description">Put the windows of a batch together along a new dimension input_batch.</para></summary>
    [Parameter]
    public SwitchParameter ConcatInputDims { get; set; }

    /// <summary><para type="description">Visit the batches in a random order fixed by -Seed.</para></summary>
    [Parameter]
    public SwitchParameter Shuffle { get; set; }

    /// <summary><para type="description">The seed of -Shuffle (default 0).</para></summary>
    [Parameter]
    public int Seed { get; set; }

    /// <summary><para type="description">Keep windows that run past the end of a dimension, truncated (their tensors are padded with NaN).</para></summary>
    [Parameter]
    public SwitchParameter PartialBatches { get; set; }

    /// <summary><para type="description">Read the dataset into memory once, now.</para></summary>
    [Parameter]
    public SwitchParameter Preload { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        Terminating(() =>
        {
            var dims = InputObject.Dims.Keys;
            var options = new BatchOptions
            {
                InputDims = MLArguments.Lengths(InputDims, "InputDims", dims),
                InputOverlap = new Dictionary<string, long>(MLArguments.Lengths(InputOverlap, "InputOverlap", dims), StringComparer.Ordinal),
                BatchDims = MLArguments.Lengths(BatchDims, "BatchDims", dims),
                ConcatInputDims = ConcatInputDims,
                Shuffle = Shuffle,
                Seed = Seed,
                PartialBatches = PartialBatches,
                Preload = Preload,
            };
            WriteObject(new BatchGenerator(InputObject, options), enumerateCollection: false);
        }, InputObject);
    }
}
