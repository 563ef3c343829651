using ZarrPS.Engine.Compute;

namespace ZarrPS.Dashboard;

/// <summary>
/// What the dashboard shows, gathered from the engine's events while it runs: running computations, the tasks and the
/// steps inside them (bounded ring buffers), per-worker busy time, memory samples and the current graph.
/// </summary>
internal sealed class DashboardMonitor : IDisposable
{
    private const int MaxTasks = 20_000, MaxPhases = 40_000, MaxSamples = 600;

    private readonly object _gate = new();
    private readonly Queue<TaskView> _tasks = new();
    private readonly Queue<PhaseView> _phases = new();
    private readonly SortedDictionary<int, WorkerState> _workers = new();
    private readonly List<ComputeStats> _running = [];
    private readonly Queue<MemorySample> _samples = new();
    private readonly Timer _sampler;
    private readonly Action<TaskEvent> _onTask;
    private readonly Action<TaskPhase> _onPhase;
    private readonly Action<ComputeStats, bool> _onComputation;
    private GraphView? _graph;
    private long _seq;
    private long _peakRss;

    public DashboardMonitor()
    {
        Origin = DateTime.UtcNow;
        _onTask = OnTask;
        _onPhase = OnPhase;
        _onComputation = OnComputation;
        ComputeSession.TaskEvents += _onTask;
        ComputeSession.TaskPhases += _onPhase;
        ComputeSession.Computations += _onComputation;
        _sampler = new Timer(_ => Sample(), null, 0, 500);
    }

    /// <summary>Times in the API are milliseconds since this instant.</summary>
    public DateTime Origin { get; }

    private double Ms(DateTime t) => (t - Origin).TotalMilliseconds;

    private void OnTask(TaskEvent e)
    {
        lock (_gate)
        {
            if (!_workers.TryGetValue(e.Worker, out var w)) _workers[e.Worker] = w = new WorkerState(e.Worker);
            if (e.End is not { } end)
            {
                w.Current = e;
                return;
            }
            w.Current = null;
            w.Tasks++;
            w.Busy += end - e.Start;
            w.ByKind[(int)e.Kind]++;
            w.LastEnd = end;
            Enqueue(_tasks, new TaskView(++_seq, e.Operation, e.Task, Name(e.Kind), e.Worker, Ms(e.Start), Ms(end), e.Bytes), MaxTasks);
        }
    }

    private void OnPhase(TaskPhase p)
    {
        lock (_gate) Enqueue(_phases, new PhaseView(++_seq, Name(p.Kind), p.Worker, Ms(p.Start), Ms(p.End), p.Bytes), MaxPhases);
    }

    private void OnComputation(ComputeStats s, bool finished)
    {
        // The graph is summarised when the computation starts, on its thread: the record drops its roots when it ends.
        var graph = !finished && s.Roots is { } roots ? GraphView.Of(s, roots, Ms(s.Started)) : null;
        lock (_gate)
        {
            if (finished) _running.Remove(s);
            else _running.Add(s);
            if (graph is not null) _graph = graph;
        }
    }

    private static void Enqueue<T>(Queue<T> q, T item, int max)
    {
        q.Enqueue(item);
        while (q.Count > max) q.Dequeue();
    }

    internal static string Name(TaskKind k) => k switch
    {
        TaskKind.Read => "read",
        TaskKind.Decode => "decode",
        TaskKind.Encode => "encode",
        TaskKind.Write => "write",
        _ => "compute",
    };

    private void Sample()
    {
        var m = Memory(withSamples: false);
        lock (_gate) Enqueue(_samples, m.Now, MaxSamples);
    }

    private static long ResidentBytes()
    {
        try
        {
            // statm's second field is resident pages; cheaper than Process and exact on Linux.
            if (OperatingSystem.IsLinux())
            {
                var fields = File.ReadAllText("/proc/self/statm").Split(' ');
                return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
            }
        }
        catch (IOException) { }
        return Environment.WorkingSet;
    }

    // ------------------------------------------------------------------------------------------- views

    public StatusView Status()
    {
        ComputeStats[] running;
        lock (_gate) running = [.. _running];
        var history = ComputeSession.History;
        var last = ComputeSession.Last;
        return new StatusView(
            running.Select(s => StatView.Of(s, true)).ToArray(),
            history.Select(s => StatView.Of(s, false)).ToArray(),
            last is null ? null : StatView.Of(last, false),
            Ms(DateTime.UtcNow));
    }

    public TasksView Tasks(long since)
    {
        lock (_gate)
        {
            var running = _workers.Values.Where(w => w.Current is not null)
                .Select(w => new TaskView(0, w.Current!.Operation, w.Current.Task, Name(w.Current.Kind), w.Id, Ms(w.Current.Start), null, w.Current.Bytes))
                .ToArray();
            return new TasksView(Ms(DateTime.UtcNow), Origin, _seq,
                _tasks.Where(t => t.Seq > since).ToArray(),
                _phases.Where(p => p.Seq > since).ToArray(),
                running,
                _workers.Keys.ToArray());
        }
    }

    public MemoryView Memory(bool withSamples = true)
    {
        ComputeStats[] running;
        lock (_gate) running = [.. _running];
        long inFlight = running.Sum(s => s.MemoryInFlight);
        long budget = running.Length > 0 ? running.Max(s => s.MemoryBudget) : ComputeSession.MaxMemory;
        long rss = ResidentBytes();
        long peak = Math.Max(rss, Interlocked.Read(ref _peakRss));
        Interlocked.Exchange(ref _peakRss, peak);
        var now = new MemorySample(Ms(DateTime.UtcNow), inFlight, budget, rss, GC.GetTotalMemory(false));
        MemorySample[] samples = [];
        if (withSamples) lock (_gate) samples = [.. _samples];
        return new MemoryView(now, peak, Scheduler.PeakResidentBytes(), samples);
    }

    public WorkersView Workers()
    {
        var clusters = RemoteWorkers.Snapshot().Select(ClusterView.Of).ToArray();
        lock (_gate)
        {
            double now = Ms(DateTime.UtcNow);
            var list = _workers.Values.Select(w => new WorkerView(
                w.Id, w.Tasks, (w.Busy + (w.Current is { } c ? DateTime.UtcNow - c.Start : TimeSpan.Zero)).TotalSeconds,
                w.Current is { } cur ? new TaskView(0, cur.Operation, cur.Task, Name(cur.Kind), w.Id, Ms(cur.Start), null, cur.Bytes) : null,
                new Dictionary<string, long>
                {
                    ["read"] = w.ByKind[(int)TaskKind.Read], ["decode"] = w.ByKind[(int)TaskKind.Decode],
                    ["compute"] = w.ByKind[(int)TaskKind.Compute], ["encode"] = w.ByKind[(int)TaskKind.Encode],
                    ["write"] = w.ByKind[(int)TaskKind.Write],
                },
                w.LastEnd is { } le ? Ms(le) : null)).ToArray();
            return new WorkersView(now, Environment.ProcessorCount, ComputeSession.MaxParallelism, list, clusters);
        }
    }

    public GraphView? Graph()
    {
        lock (_gate) return _graph;
    }

    /// <summary>One message of the live stream: everything a page needs, with the tasks since <paramref name="since"/>.</summary>
    public LiveUpdate Update(long since) => new(Status(), Tasks(since), Memory(), Workers(), Graph()?.Version ?? 0);

    public void Dispose()
    {
        ComputeSession.TaskEvents -= _onTask;
        ComputeSession.TaskPhases -= _onPhase;
        ComputeSession.Computations -= _onComputation;
        _sampler.Dispose();
    }

    private sealed class WorkerState(int id)
    {
        public int Id { get; } = id;
        public long Tasks;
        public TimeSpan Busy;
        public TaskEvent? Current;
        public DateTime? LastEnd;
        public readonly long[] ByKind = new long[5];
    }
}
