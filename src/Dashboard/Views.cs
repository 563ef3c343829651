using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;

namespace ZarrPS.Dashboard;

// The JSON shapes of /api/... (camelCase on the wire). Times are milliseconds since the dashboard started (Origin).

/// <summary>A computation, as Get-XComputeStat shows it.</summary>
internal sealed record StatView(
    string Operation, DateTime Started, double ElapsedSeconds, long Tasks, long TasksTotal, long ChunksRead,
    long BytesRead, long BytesDecoded, double IoSeconds, double DecodeSeconds, double KernelSeconds,
    long PeakMemory, long PeakProcessMemory, long MemoryBudget, long MemoryInFlight, int Workers, bool Cancelled, bool Running)
{
    public static StatView Of(ComputeStats s, bool running) => new(
        s.Operation, s.Started, running ? (DateTime.UtcNow - s.Started).TotalSeconds : s.Elapsed.TotalSeconds,
        s.Tasks, s.TasksTotal, s.ChunksRead, s.BytesRead, s.BytesDecoded,
        s.IoTime.TotalSeconds, s.DecodeTime.TotalSeconds, s.KernelTime.TotalSeconds,
        s.PeakMemory, s.PeakProcessMemory, s.MemoryBudget, s.MemoryInFlight, s.Workers, s.Cancelled, running);
}

internal sealed record StatusView(StatView[] Running, StatView[] Recent, StatView? Last, double Now);

/// <summary>A chunk task; <c>End</c> is null while it runs.</summary>
internal sealed record TaskView(long Seq, string Operation, string Task, string Kind, int Worker, double Start, double? End, long Bytes);

/// <summary>A step inside a task (read, decode, encode, write).</summary>
internal sealed record PhaseView(long Seq, string Kind, int Worker, double Start, double End, long Bytes);

internal sealed record TasksView(double Now, DateTime Origin, long Seq, TaskView[] Tasks, PhaseView[] Phases, TaskView[] Running, int[] Workers);

internal sealed record MemorySample(double T, long InFlight, long Budget, long Rss, long GcHeap);

internal sealed record MemoryView(MemorySample Now, long PeakRss, long ProcessPeakRss, MemorySample[] Samples);

internal sealed record WorkerView(int Id, long Tasks, double BusySeconds, TaskView? Current, Dictionary<string, long> ByKind, double? LastEnd);

/// <summary>The session's threads as workers, and the silos of each connected cluster (Engine.Compute.RemoteWorkers).</summary>
internal sealed record WorkersView(double Now, int Processors, int MaxParallelism, WorkerView[] Workers, ClusterView[] Clusters);

internal sealed record SiloView(string Address, string Status, bool Alive, long Tasks, int InFlight, double BusySeconds);

internal sealed record ClusterView(string Name, string Description, SiloView[] Silos)
{
    public static ClusterView Of(RemoteWorkerPool p) =>
        new(p.Name, p.Description, p.Workers.Select(w => new SiloView(w.Address, w.Status, w.Alive, w.Tasks, w.InFlight, w.BusySeconds)).ToArray());
}

internal sealed record LiveUpdate(StatusView Status, TasksView Tasks, MemoryView Memory, WorkersView Workers, long GraphVersion);

internal sealed record GraphNodeView(int Id, string Kind, string Label, long[] Shape, string DType, long Chunks, int Depth, int[] Inputs);

/// <summary>The graph of a computation: drawn when small (nodes and edges), summarised when large (counts by kind).</summary>
internal sealed record GraphView(
    long Version, string Operation, double Started, int NodeCount, int EdgeCount, int Depth, long ChunkTotal,
    Dictionary<string, int> Kinds, bool Summarised, GraphNodeView[] Nodes)
{
    /// <summary>Graphs up to this many nodes are drawn; larger ones are summarised.</summary>
    public const int MaxDrawn = 60;

    private static long s_version;

    public static GraphView Of(ComputeStats s, IReadOnlyList<ILazyArray> roots, double started)
    {
        var ids = new Dictionary<ILazyArray, int>(ReferenceEqualityComparer.Instance);
        var order = new List<ILazyArray>();
        foreach (var root in roots)
            foreach (var n in Engine.Compute.Graph.Nodes(root))
                if (!ids.ContainsKey(n))
                {
                    ids[n] = order.Count;
                    order.Add(n);
                }
        var depth = new int[order.Count];
        var inputs = new int[order.Count][];
        int edges = 0;
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        long chunks = 0;
        for (int i = 0; i < order.Count; i++)
        {
            // Nodes come inputs first, so every input's depth is known here.
            inputs[i] = Engine.Compute.Graph.InputsOf(order[i]).Select(x => ids[x]).Distinct().ToArray();
            edges += inputs[i].Length;
            depth[i] = inputs[i].Length == 0 ? 0 : inputs[i].Max(j => depth[j]) + 1;
            string kind = KindOf(order[i]);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            chunks += order[i].Chunks.Count;
        }
        bool summarised = order.Count > MaxDrawn;
        var nodes = summarised ? [] : order.Select((n, i) => new GraphNodeView(i, KindOf(n), LabelOf(n), n.Shape, n.DType.Name, n.Chunks.Count, depth[i], inputs[i])).ToArray();
        return new GraphView(Interlocked.Increment(ref s_version), s.Operation, started, order.Count, edges,
            order.Count == 0 ? 0 : depth.Max() + 1, chunks, kinds, summarised, nodes);
    }

    private static string KindOf(ILazyArray a) => a switch
    {
        IGraphNode g => g.Kind,
        SelectionArray => "select",
        ConcatArray => "concat",
        _ when Engine.Compute.Graph.InputsOf(a).Count == 0 => "source",
        _ => a.GetType().Name,
    };

    private static string LabelOf(ILazyArray a) => a switch
    {
        IGraphNode g => g.Label,
        _ => a.Description,
    };
}
