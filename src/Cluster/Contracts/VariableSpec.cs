namespace ZarrPS.Cluster.Contracts;

/// <summary>A variable of a dataset to write: its name, dimensions and stored data.</summary>
[GenerateSerializer]
public sealed class VariableSpec
{
    /// <summary>Its name.</summary>
    [Id(0)] public string Name { get; init; } = "";
    /// <summary>Its dimensions.</summary>
    [Id(1)] public string[] Dims { get; init; } = [];
    /// <summary>Its data.</summary>
    [Id(2)] public ArraySpec Data { get; init; } = new();
}
