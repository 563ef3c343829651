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

    private static void CountFlights(ClusterRunStats stats, List<Flight> flights)
    {
        stats.InFlightBySilo.Clear();
        // Calls whose answer has arrived but is not taken yet are not in flight any more.
        foreach (var f in flights.Where(f => !f.Call.IsCompleted))
        {
            string key = f.Silo.ToParsableString();
            stats.InFlightBySilo[key] = stats.InFlightBySilo.GetValueOrDefault(key) + 1;
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
        cluster.LastRun = stats;
        if (silos.Count == 0) throw new ZarrPSException(ErrorKind.InvalidOperation, "NoSilos", "The cluster has no active silos.");
        var lastRefresh = Stopwatch.StartNew();
        var lost = new HashSet<SiloAddress>();
        var strikes = new Dictionary<SiloAddress, int>();
        string runId = Guid.NewGuid().ToString("N")[..12];
        int done = 0;
        Exception? lastFailure = null;

        while (done < tasks.Count)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            if (lastRefresh.Elapsed > TimeSpan.FromSeconds(1))
            {
                lastRefresh.Restart();
                // The membership's list of silos (a new one joins; a dead one leaves once declared dead)...
                if (await cluster.ActiveSilosAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false) is { } active)
                {
                    foreach (var f in flights.Where(f => !active.Contains(f.Silo))) f.Abandon.Cancel();
                    silos = active.Where(a => !lost.Contains(a)).ToList();
                }
                // ...and a ping of each silo holding tasks: calls to a dead silo do not fail by themselves, they wait.
                var busy = flights.Where(f => !f.Abandon.IsCancellationRequested).Select(f => f.Silo).Distinct().ToList();
                var pings = busy.ToDictionary(b => b, b => cluster.PingAsync(b, TimeSpan.FromSeconds(3)));
                await Task.WhenAll(pings.Values).ConfigureAwait(false);
                foreach (var (silo, ping) in pings)
                {
                    string? answer = ping.Result;
                    if (answer == silo.ToParsableString())
                    {
                        strikes[silo] = 0;
                        continue;
                    }
                    // Another silo answered (this one is gone), or none did twice in a row: give its tasks to the others.
                    strikes[silo] = strikes.GetValueOrDefault(silo) + 1;
                    if (answer is not null || strikes[silo] >= 2)
                    {
                        lost.Add(silo);
                        silos.Remove(silo);
                        foreach (var f in flights.Where(f => f.Silo.Equals(silo))) f.Abandon.Cancel();
                    }
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
                CountFlights(stats, flights);
            }

            var waits = flights.Select(f => f.Call.WaitAsync(f.Abandon.Token)).ToList();
            var timer = Task.Delay(1000, options.Cancellation);
            var finished = await Task.WhenAny(waits.Append(timer)).ConfigureAwait(false);
            if (finished == timer) continue;
            int k = waits.IndexOf((Task<TaskResult>)finished);
            var flight = flights[k];
            flights.RemoveAt(k);
            flight.Abandon.Dispose();
            CountFlights(stats, flights);
            try
            {
                var r = await ((Task<TaskResult>)finished).ConfigureAwait(false);
                if (r.Error is not null)
                    throw new ZarrPSException(ErrorKind.InvalidOperation, r.ErrorId ?? "ClusterTaskFailed", $"{stats.Operation}: task {flight.Task} failed on {r.Silo}: {r.Error}");
                results[flight.Task] = r;
                done++;
                stats.TasksBySilo[r.Silo] = stats.TasksBySilo.GetValueOrDefault(r.Silo) + 1;
                cluster.Record(r);
                stats.BytesRead += r.BytesRead;
                stats.BytesReturned += r.Parts.Sum(p => (long)p.Length);
                CountFlights(stats, flights);
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
                    silos = (await cluster.ActiveSilosAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false))?.Where(a => !lost.Contains(a)).ToList() ?? [];
                    if (silos.Count == 0 && flights.Count == 0)
                        throw new ZarrPSException(ErrorKind.InvalidOperation, "NoSilos", $"{stats.Operation}: no silo is left in the cluster (last error: {lastFailure.Message}).");
                }
                pending.Enqueue((flight.Task, flight.Attempt + 1));
            }
        }
        return results;
    }
}
