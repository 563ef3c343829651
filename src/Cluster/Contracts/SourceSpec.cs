using ZarrPS.Engine.Backends;

namespace ZarrPS.Cluster.Contracts;

/// <summary>A dataset to open on a silo: the path (which every silo must reach) and the options it was opened with.</summary>
[GenerateSerializer]
public sealed class SourceSpec
{
    /// <summary>The path or URL, as resolved on the client (absolute).</summary>
    [Id(0)] public string Path { get; init; } = "";
    /// <summary>See <see cref="OpenOptions.Engine"/>.</summary>
    [Id(1)] public string Engine { get; init; } = "auto";
    /// <summary>See <see cref="OpenOptions.Group"/>.</summary>
    [Id(2)] public string? Group { get; init; }
    /// <summary>See <see cref="OpenOptions.Consolidated"/>.</summary>
    [Id(3)] public bool? Consolidated { get; init; }
    /// <summary>See <see cref="OpenOptions.Chunks"/>.</summary>
    [Id(4)] public Dictionary<string, long>? Chunks { get; init; }
    /// <summary>See <see cref="OpenOptions.AutoChunks"/>.</summary>
    [Id(5)] public bool AutoChunks { get; init; }
    /// <summary>See <see cref="OpenOptions.AutoChunkBytes"/>.</summary>
    [Id(6)] public long AutoChunkBytes { get; init; }
    /// <summary>See <see cref="OpenOptions.Variables"/>.</summary>
    [Id(7)] public string[]? Variables { get; init; }
    /// <summary>See <see cref="OpenOptions.DecodeTimes"/>.</summary>
    [Id(8)] public bool DecodeTimes { get; init; }
    /// <summary>See <see cref="OpenOptions.MaskAndScale"/>.</summary>
    [Id(9)] public bool MaskAndScale { get; init; }

    /// <summary>The spec of a dataset opened with <paramref name="path"/> and <paramref name="o"/>.</summary>
    public static SourceSpec From(string path, OpenOptions o) => new()
    {
        Path = DatasetOpener.IsUrl(path) || path.StartsWith("memory://", StringComparison.Ordinal) ? path : DatasetOpener.Resolve(path, o.BaseDirectory),
        Engine = o.Engine,
        Group = o.Group,
        Consolidated = o.Consolidated,
        Chunks = o.Chunks is null ? null : new Dictionary<string, long>(o.Chunks, StringComparer.Ordinal),
        AutoChunks = o.AutoChunks,
        AutoChunkBytes = o.AutoChunkBytes,
        Variables = o.Variables?.ToArray(),
        DecodeTimes = o.DecodeTimes,
        MaskAndScale = o.MaskAndScale,
    };

    /// <summary>The options to open it with.</summary>
    public OpenOptions ToOptions() => new()
    {
        Engine = Engine,
        Group = Group,
        Consolidated = Consolidated,
        Chunks = Chunks,
        AutoChunks = AutoChunks,
        AutoChunkBytes = AutoChunkBytes,
        Variables = Variables,
        DecodeTimes = DecodeTimes,
        MaskAndScale = MaskAndScale,
    };

    /// <summary>A key that is equal for equal specs (the silo's cache of opened datasets).</summary>
    public string Key => string.Join("|", Path, Engine, Group, Consolidated, Chunks is null ? "" : string.Join(",", Chunks.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value}")),
        AutoChunks, AutoChunkBytes, Variables is null ? "*" : string.Join(",", Variables), DecodeTimes, MaskAndScale);
}
