using System.Diagnostics;
using Orleans.Runtime.Placement;
using ZarrPS.Cluster.Contracts;
using ZarrPS.Engine;
using ZarrPS.Engine.Compute;

namespace ZarrPS.Cluster.Client;

/// <summary>
/// Sends task descriptions to silos and collects their results: a few tasks in flight per active silo (the least
/// busy gets the next one, by placement hint), and a task whose silo is lost or times out goes again, under a new
/// grain key, to the silos still alive. Errors of the task itself (bad input) end the run at once.
/// </summary>
internal static class ClusterRunner
{
    public static TaskResult[] Run<T>(XCluster cluster, IReadOnlyList<T> tasks, Func<IChunkTaskGrain, T, Task<TaskResult>> call,
        ComputeOptions options, string operation)
    {
        var stats = new ClusterRunStats { Operation = operation, Tasks = tasks.Count };
        cluster.LastRun = stats;
        var sw = Stopwatch.StartNew();
        try
        {
            return RunAsync(cluster, tasks, call, options, stats, sw).GetAwaiter().GetResult();
        }
        finally
        {
            stats.Elapsed = sw.Elapsed;
        }
    }

    private sealed class Flight
    {
        public required int Task;
        public required int Attempt;
        public required SiloAddress Silo;
        public required Task<TaskResult> Call;
        public required CancellationTokenSource Abandon;
    }

    private static async Task<TaskResult[]> RunAsync<T>(XCluster cluster, IReadOnlyList<T> tasks, Func<IChunkTaskGrain, T, Task<TaskResult>> call,
        ComputeOptions options, ClusterRunStats stats, Stopwatch sw)
    {
        var results = new TaskResult[tasks.Count];
        var pending = new Queue<(int Task, int Attempt)>(Enumerable.Range(0, tasks.Count).Select(i => (i, 0)));
        var flights = new List<Flight>();
        var silos = cluster.ActiveSilos().ToList();
        if (silos.Count == 0) throw new ZarrPSException(ErrorKind.InvalidOperation, "NoSilos", "The cluster has no active silos.");
        var lastRefresh = Stopwatch.StartNew();
        string runId = Guid.NewGuid().ToString("N")[..12];
        int done = 0;
        Exception? lastFailure = null;

        while (done < tasks.Count)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            if (lastRefresh.Elapsed > TimeSpan.FromSeconds(1))
            {
                // Drop silos the membership no longer lists, and abandon the calls placed on them.
                lastRefresh.Restart();
                try
                {
                    var active = cluster.ActiveSilos();
                    foreach (var f in flights.Where(f => !active.Contains(f.Silo))) f.Abandon.Cancel();
                    silos = active.ToList();
                }
                catch (Exception e) when (e is not ZarrPSException)
                {
                    lastFailure = e;
                }
            }
            // Fill free slots, least busy silo first.
            while (pending.Count > 0 && silos.Count > 0)
            {
                var silo = silos.OrderBy(s => flights.Count(f => f.Silo.Equals(s))).First();
                if (flights.Count(f => f.Silo.Equals(silo)) >= cluster.TasksPerSilo) break;
                var (index, attempt) = pending.Dequeue();
                var grain = cluster.Client.GetGrain<IChunkTaskGrain>($"{runId}/{index}/{attempt}");
                RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
                Task<TaskResult> t;
                try
                {
                    t = call(grain, tasks[index]);
                }
                finally
                {
                    RequestContext.Remove(IPlacementDirector.PlacementHintKey);
                }
                flights.Add(new Flight { Task = index, Attempt = attempt, Silo = silo, Call = t, Abandon = new CancellationTokenSource(cluster.TaskTimeout) });
            }

            var waits = flights.Select(f => f.Call.WaitAsync(f.Abandon.Token)).ToList();
            var timer = Task.Delay(1000, options.Cancellation);
            var finished = await Task.WhenAny(waits.Append(timer)).ConfigureAwait(false);
            if (finished == timer) continue;
            int k = waits.IndexOf((Task<TaskResult>)finished);
            var flight = flights[k];
            flights.RemoveAt(k);
            flight.Abandon.Dispose();
            try
            {
                var r = await ((Task<TaskResult>)finished).ConfigureAwait(false);
                if (r.Error is not null)
                    throw new ZarrPSException(ErrorKind.InvalidOperation, r.ErrorId ?? "ClusterTaskFailed", $"{stats.Operation}: task {flight.Task} failed on {r.Silo}: {r.Error}");
                results[flight.Task] = r;
                done++;
                stats.TasksBySilo[r.Silo] = stats.TasksBySilo.GetValueOrDefault(r.Silo) + 1;
                stats.BytesRead += r.BytesRead;
                stats.BytesReturned += r.Parts.Sum(p => (long)p.Length);
                options.Progress?.Invoke(new ComputeProgress(done, tasks.Count, stats.BytesRead, sw.Elapsed));
            }
            catch (Exception e) when (e is not ZarrPSException && !options.Cancellation.IsCancellationRequested)
            {
                // The silo is lost, or the call timed out: send the task again, elsewhere.
                lastFailure = e;
                stats.Retries++;
                if (flight.Attempt + 1 >= cluster.MaxAttempts)
                    throw new ZarrPSException(ErrorKind.InvalidOperation, "ClusterTaskLost",
                        $"{stats.Operation}: task {flight.Task} failed {cluster.MaxAttempts} times on the cluster; last: {e.GetType().Name}: {e.Message}");
                silos.Remove(flight.Silo);
                if (silos.Count == 0)
                {
                    await Task.Delay(500, options.Cancellation).ConfigureAwait(false);
                    try { silos = cluster.ActiveSilos().ToList(); }
                    catch (Exception e2) when (e2 is not ZarrPSException) { lastFailure = e2; }
                    if (silos.Count == 0 && flights.Count == 0)
                        throw new ZarrPSException(ErrorKind.InvalidOperation, "NoSilos", $"{stats.Operation}: no silo is left in the cluster (last error: {lastFailure.Message}).");
                }
                pending.Enqueue((flight.Task, flight.Attempt + 1));
            }
        }
        return results;
    }
}
