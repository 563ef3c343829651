using ZarrPS.Engine.Writers;

namespace ZarrPS.Cluster.Contracts;

/// <summary>The options of a write (<see cref="SaveOptions"/>) that decide its plan.</summary>
[GenerateSerializer]
public sealed class SaveSpec
{
    /// <summary>w, w- or a.</summary>
    [Id(0)] public string Mode { get; init; } = "w-";
    /// <summary>The dimension appended along.</summary>
    [Id(1)] public string? AppendDim { get; init; }
    /// <summary>2 or 3.</summary>
    [Id(2)] public int ZarrVersion { get; init; } = 2;
    /// <summary>The default compressor.</summary>
    [Id(3)] public string DefaultCompressor { get; init; } = "blosc-lz4";
    /// <summary>Consolidated metadata.</summary>
    [Id(4)] public bool Consolidated { get; init; } = true;
    /// <summary>Per-variable encodings.</summary>
    [Id(5)] public Dictionary<string, EncodingSpec>? Encoding { get; init; }

    /// <summary>The spec of <paramref name="o"/>.</summary>
    public static SaveSpec From(SaveOptions o) => new()
    {
        Mode = o.Mode,
        AppendDim = o.AppendDim,
        ZarrVersion = o.ZarrVersion,
        DefaultCompressor = o.DefaultCompressor,
        Consolidated = o.Consolidated,
        Encoding = o.Encoding?.ToDictionary(k => k.Key, k => EncodingSpec.From(k.Value), StringComparer.Ordinal),
    };

    /// <summary>The options again (one chunk at a time on the silo).</summary>
    public SaveOptions ToOptions() => new()
    {
        Mode = Mode,
        AppendDim = AppendDim,
        ZarrVersion = ZarrVersion,
        DefaultCompressor = DefaultCompressor,
        Consolidated = Consolidated,
        Encoding = Encoding?.ToDictionary(k => k.Key, k => k.Value.ToEncoding(), StringComparer.Ordinal),
        MaxParallelism = 1,
    };
}
