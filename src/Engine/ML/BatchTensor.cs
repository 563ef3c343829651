namespace ZarrPS.Engine.ML;

/// <summary>Values of a batch: float32 in C order with named dimensions, e.g. (variable, sample, latitude, longitude).</summary>
public sealed class BatchTensor
{
    internal BatchTensor(float[] data, long[] shape, string[] dims, string[] variables)
    {
        Data = data;
        Shape = shape;
        Dims = dims;
        Variables = variables;
    }

    /// <summary>The values (NaN where data are missing or a partial window was padded).</summary>
    public float[] Data { get; }

    /// <summary>The shape.</summary>
    public long[] Shape { get; }

    /// <summary>Dimension names: "variable", "sample", then the input dimensions.</summary>
    public IReadOnlyList<string> Dims { get; }

    /// <summary>The variables along the first axis.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The number of samples (second axis).</summary>
    public long Samples => Shape[1];
}
