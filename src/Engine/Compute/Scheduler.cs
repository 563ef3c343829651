using System.Collections.Concurrent;
using System.Diagnostics;

namespace ZarrPS.Engine.Compute;

/// <summary>
/// Runs chunk tasks on a bounded number of workers under a memory budget, with cancellation, progress, statistics
/// and task events. A task started inside another task runs inline: nested reads do not multiply the workers.
/// </summary>
public static class Scheduler
{
    [ThreadStatic] private static bool t_inTask;
    [ThreadStatic] private static int t_worker;
    [ThreadStatic] private static MemoryBudget? t_budget;
    private static int s_nextWorker;

    /// <summary>True on a worker thread while it runs a task.</summary>
    public static bool InsideTask => t_inTask;

    /// <summary>The index of the worker running on this thread while it runs a task, else 0.</summary>
    internal static int CurrentWorker => t_inTask ? t_worker : 0;

    /// <summary>
    /// Runs <paramref name="body"/> for every item, in order of start, on up to the configured number of workers.
    /// <paramref name="bytes"/> estimates the memory one task holds. Statistics go to the computation the caller runs
    /// in, or to a new one (returned) that is published to <see cref="ComputeSession"/>.
    /// </summary>
    public static ComputeStats Run<T>(IReadOnlyList<T> items, Func<T, long> bytes, Action<T> body, ComputeOptions? options,
        string operation, TaskKind kind = TaskKind.Compute, Func<T, string>? label = null)
    {
        options ??= new ComputeOptions();
        var outer = ComputeStats.Current;
        if (t_inTask)
        {
            // Nested inside a running task: inline, serially, charged to the running budget without waiting.
            var s = outer ?? new ComputeStats(operation);
            var held = t_budget;
            foreach (var item in items)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                long need = held is null ? 0 : bytes(item);
                held?.Charge(need);
                try
                {
                    body(item);
                }
                finally
                {
                    held?.Release(need);
                }
            }
            return s;
        }

        bool owner = outer is null;
        var stats = outer ?? new ComputeStats(options.Operation ?? operation);
        int workers = Math.Max(1, options.MaxParallelism ?? ComputeSession.MaxParallelism);
        long capacity = options.MaxMemory ?? ComputeSession.MaxMemory;
        var budget = new MemoryBudget(capacity, stats);
        if (owner)
        {
            stats.MemoryBudget = capacity;
            stats.Workers = workers;
            ComputeStats.Current = stats;
            ComputeSession.Started(stats);
        }
        stats.TasksTotal += items.Count;
        foreach (var item in items) budget.CheckFits(bytes(item), "chunk task");

        var sw = Stopwatch.StartNew();
        long done = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(options.Cancellation);
        var errors = new ConcurrentQueue<Exception>();
        void One(T item)
        {
            if (stop.IsCancellationRequested) return;
            long need = bytes(item);
            try
            {
                budget.Acquire(need, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            bool was = t_inTask;
            var wasBudget = t_budget;
            t_inTask = true;
            t_budget = budget;
            if (t_worker == 0) t_worker = Interlocked.Increment(ref s_nextWorker);
            var started = DateTime.UtcNow;
            string? name = ComputeSession.HasListeners ? label?.Invoke(item) ?? "" : null;
            if (name is not null) ComputeSession.Raise(new TaskEvent(stats.Operation, name, kind, t_worker, started, null, need));
            try
            {
                body(item);
                stats.AddTask();
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
                stop.Cancel();
            }
            finally
            {
                t_inTask = was;
                t_budget = wasBudget;
                budget.Release(need);
                if (name is not null) ComputeSession.Raise(new TaskEvent(stats.Operation, name, kind, t_worker, started, DateTime.UtcNow, need));
            }
            long d = Interlocked.Increment(ref done);
            options.Progress?.Invoke(new ComputeProgress(d, items.Count, stats.BytesRead, sw.Elapsed));
        }

        try
        {
            if (workers == 1 || items.Count <= 1)
            {
                foreach (var item in items) One(item);
            }
            else
            {
                var partitioner = Partitioner.Create(items, EnumerablePartitionerOptions.NoBuffering);
                Parallel.ForEach(partitioner, new ParallelOptions { MaxDegreeOfParallelism = workers }, One);
            }
            if (!errors.IsEmpty)
            {
                var first = errors.OfType<ZarrPSException>().FirstOrDefault() ?? errors.First();
                if (first is OperationCanceledException) throw first;
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
            }
            if (options.Cancellation.IsCancellationRequested)
            {
                stats.Cancelled = true;
                options.Cancellation.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            if (owner)
            {
                stats.Elapsed = sw.Elapsed;
                stats.PeakProcessMemory = PeakResidentBytes();
                ComputeStats.Current = null;
                ComputeSession.Finished(stats);
            }
        }
        return stats;
    }

    /// <summary>Runs a computation's setup and tasks under one statistics record (for operations made of several runs).</summary>
    /// <param name="operation">What is computed.</param>
    /// <param name="options">Workers, budget, cancellation.</param>
    /// <param name="work">The setup and the runs.</param>
    /// <param name="roots">The lazy arrays computed (the roots of the graph), shown by the dashboard while it runs.</param>
    public static ComputeStats Measure(string operation, ComputeOptions? options, Action work, IReadOnlyList<Arrays.ILazyArray>? roots = null)
    {
        if (ComputeStats.Current is { } current)
        {
            work();
            return current;
        }
        var stats = new ComputeStats(options?.Operation ?? operation)
        {
            MemoryBudget = options?.MaxMemory ?? ComputeSession.MaxMemory,
            Workers = options?.MaxParallelism ?? ComputeSession.MaxParallelism,
            Roots = roots,
        };
        ComputeStats.Current = stats;
        ComputeSession.Started(stats);
        var sw = Stopwatch.StartNew();
        try
        {
            work();
        }
        catch (OperationCanceledException)
        {
            stats.Cancelled = true;
            throw;
        }
        finally
        {
            stats.Elapsed = sw.Elapsed;
            stats.PeakProcessMemory = PeakResidentBytes();
            ComputeStats.Current = null;
            ComputeSession.Finished(stats);
            stats.Roots = null;
        }
        return stats;
    }

    /// <summary>The process's peak resident set size (Linux VmHWM), or the working set elsewhere.</summary>
    public static long PeakResidentBytes()
    {
        try
        {
            if (OperatingSystem.IsLinux())
                foreach (var line in File.ReadLines("/proc/self/status"))
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                        return long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        return Environment.WorkingSet;
    }
}
