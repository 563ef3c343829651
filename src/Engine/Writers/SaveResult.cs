namespace ZarrPS.Engine.Writers;

/// <summary>What a save wrote.</summary>
/// <param name="Path">The store.</param>
/// <param name="Variables">Variables written.</param>
/// <param name="Chunks">Chunks written.</param>
/// <param name="BytesIn">Decoded bytes read from the source.</param>
/// <param name="BytesOut">Encoded bytes written.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record SaveResult(string Path, IReadOnlyList<string> Variables, long Chunks, long BytesIn, long BytesOut, TimeSpan Elapsed)
{
    /// <summary>With -Resume: chunks found already written (and decodable), so not written again.</summary>
    public long ChunksSkipped { get; init; }

    /// <summary>Encoded chunk bytes per variable written.</summary>
    public IReadOnlyDictionary<string, long> VariableBytes { get; init; } = new Dictionary<string, long>();
}
