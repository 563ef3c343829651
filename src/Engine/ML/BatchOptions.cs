namespace ZarrPS.Engine.ML;

/// <summary>How a <see cref="BatchGenerator"/> cuts a dataset (xbatcher's BatchGenerator arguments, plus shuffling and partial batches).</summary>
public sealed class BatchOptions
{
    /// <summary>Window length per input dimension (xbatcher's input_dims), in the order the model sees them.</summary>
    public OrderedDictionary<string, long> InputDims { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Overlap of neighbouring windows per input dimension (input_overlap); must be less than the window length.</summary>
    public Dictionary<string, long> InputOverlap { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Batch length per dimension (batch_dims).</summary>
    public OrderedDictionary<string, long> BatchDims { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Concatenate the input windows of a batch along a new dimension input_batch (concat_input_dims).</summary>
    public bool ConcatInputDims { get; init; }

    /// <summary>Visit the batches in a random order (fixed by <see cref="Seed"/>).</summary>
    public bool Shuffle { get; init; }

    /// <summary>The seed of the shuffled order.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Keep the windows that run over the end of a dimension (xbatcher drops them): they are truncated at the end, and
    /// their tensors are padded with NaN to the full window length.
    /// </summary>
    public bool PartialBatches { get; init; }

    /// <summary>
    /// Cover every position (for prediction): when windows stop short of the end of a dimension, one more window is
    /// placed to end exactly at the end (it overlaps its neighbour). Not an xbatcher option.
    /// </summary>
    public bool CoverEdges { get; init; }

    /// <summary>Read the variables into memory once, when the generator is made (preload).</summary>
    public bool Preload { get; init; }
}
