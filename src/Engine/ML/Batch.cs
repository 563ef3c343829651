using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.ML;

/// <summary>
/// One batch of a <see cref="BatchGenerator"/>: the windows (patches) it holds. Nothing is read until
/// <see cref="ToDataset"/> or <see cref="ReadTensor"/> asks.
/// </summary>
public sealed class Batch
{
    private readonly BatchGenerator _generator;

    internal Batch(BatchGenerator generator, int index, Patch[] patches)
    {
        _generator = generator;
        Index = index;
        Patches = patches;
    }

    /// <summary>The batch's number in xbatcher's order (before shuffling).</summary>
    public int Index { get; }

    /// <summary>The windows of the batch.</summary>
    public IReadOnlyList<Patch> Patches { get; }

    /// <summary>
    /// The batch as a Dataset, as xbatcher yields it: without concat_input_dims the dataset selected by the window;
    /// with it, the windows concatenated along 'input_batch' with the input dimensions renamed '&lt;dim&gt;_input'
    /// (values read into memory as float32; the input coordinates become (input_batch, &lt;dim&gt;_input)).
    /// xbatcher then stacks two or more non-input dimensions into a 'sample' MultiIndex; this keeps them apart.
    /// </summary>
    public Dataset ToDataset() => _generator.BatchDataset(this);

    /// <summary>
    /// Reads the variables into one float32 tensor shaped (variable, sample, input dims...): sample runs over the
    /// windows, then over each window's other dimensions (e.g. time) in the variable's order.
    /// </summary>
    public BatchTensor ReadTensor(IReadOnlyList<string> variables) => _generator.ReadTensor(this, variables);

    /// <inheritdoc />
    public override string ToString() => Patches.Count == 1 ? $"batch {Index}: {Patches[0]}" : $"batch {Index}: {Patches.Count} windows, first {Patches[0]}";
}
