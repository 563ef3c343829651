namespace ZarrPS.Engine.Writers;

/// <summary>One row of a conversion's compression table.</summary>
/// <param name="Name">The variable.</param>
/// <param name="DType">Its stored dtype (numpy name).</param>
/// <param name="Shape">Its shape.</param>
/// <param name="Chunks">Its chunk shape in the store.</param>
/// <param name="BytesIn">Uncompressed bytes (shape × stored item size; zarr's nbytes).</param>
/// <param name="BytesOut">Bytes of the variable's files in the store: chunks and metadata (zarr's nbytes_stored).</param>
public sealed record VariableCompression(string Name, string DType, long[] Shape, int[] Chunks, long BytesIn, long BytesOut)
{
    /// <summary>BytesIn / BytesOut (zarr's storage ratio).</summary>
    public double Ratio => BytesOut == 0 ? 0 : (double)BytesIn / BytesOut;
}
