namespace ZarrPS.Engine.Tests.Cluster;

/// <summary>A cluster of its own for the test that kills silos (the same three workers and field as <see cref="ClusterFixture"/>).</summary>
public sealed class ClusterKillFixture : IDisposable
{
    public ClusterFixture Inner { get; } = new();

    public void Dispose() => Inner.Dispose();
}
