using System.Collections.Concurrent;

namespace ZarrPS.Engine.Compute;

/// <summary>One worker outside this process (a cluster's silo) as its owner last saw it.</summary>
/// <param name="Address">The worker's address (a silo's host:port@generation).</param>
/// <param name="Status">The membership's word for it: active, joining, shutting down, dead, ... ("unknown" when not listed).</param>
/// <param name="Alive">True while the membership lists it as active.</param>
/// <param name="Tasks">Tasks it finished for this session.</param>
/// <param name="InFlight">Tasks sent to it and not answered yet.</param>
/// <param name="BusySeconds">Time it reported spending on those tasks.</param>
public sealed record RemoteWorker(string Address, string Status, bool Alive, long Tasks, int InFlight, double BusySeconds);

/// <summary>The workers of one pool (a connected cluster), named by its owner.</summary>
public sealed record RemoteWorkerPool(string Name, string Description, RemoteWorker[] Workers);

/// <summary>
/// Pools of workers outside this process that the session is connected to (a ZarrPS cluster registers itself while
/// connected), for views such as the dashboard that must not know how the pool is reached. Snapshots must be cheap:
/// a pool's owner answers from what it last saw.
/// </summary>
public static class RemoteWorkers
{
    private static readonly ConcurrentDictionary<object, Func<RemoteWorkerPool>> Sources = new(ReferenceEqualityComparer.Instance);

    /// <summary>Adds (or replaces) the pool of <paramref name="owner"/>.</summary>
    public static void Register(object owner, Func<RemoteWorkerPool> snapshot)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(snapshot);
        Sources[owner] = snapshot;
    }

    /// <summary>Removes the pool of <paramref name="owner"/> (disconnected).</summary>
    public static void Unregister(object owner) => Sources.TryRemove(owner, out _);

    /// <summary>The pools now, by name; a pool whose snapshot fails is left out.</summary>
    public static RemoteWorkerPool[] Snapshot()
    {
        var pools = new List<RemoteWorkerPool>();
        foreach (var source in Sources.Values)
        {
            try
            {
                pools.Add(source());
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or ZarrPSException)
            {
                // A pool being disconnected while asked: not shown.
            }
        }
        return [.. pools.OrderBy(p => p.Name, StringComparer.Ordinal)];
    }
}
