namespace ZarrPS.Engine.Tests.Cluster;

/// <summary>The cluster test classes run one after the other: each starts three worker processes on a small machine.</summary>
[CollectionDefinition("cluster")]
public sealed class ClusterCollection;
