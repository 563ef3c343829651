using System.Collections.Concurrent;
using System.Diagnostics;
using ZarrPS.Cluster.Contracts;
using ZarrPS.Engine;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Cluster.Worker;

/// <summary>
/// Runs task descriptions with the engine code the local scheduler uses (ReduceArray, ZarrWriteJob): opens the
/// stores itself, keeps opened datasets and write plans for the tasks that follow. No Orleans here: the grain only
/// calls it.
/// </summary>
public sealed class TaskExecutor
{
    private readonly ConcurrentDictionary<string, Lazy<Dataset>> _datasets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ZarrWriteJob>> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _jobOrder = new();

    /// <summary>Milliseconds every task sleeps before it runs (failure drills: makes a computation last long enough to kill a silo in it).</summary>
    public int DrillDelayMilliseconds { get; init; }

    /// <summary>Opens (once) the dataset a spec names.</summary>
    public Dataset Open(SourceSpec source) =>
        _datasets.GetOrAdd(source.Key, _ => new Lazy<Dataset>(() => DatasetOpener.Open(source.Path, source.ToOptions()))).Value;

    /// <summary>Runs a reduction task.</summary>
    public TaskResult Reduce(ReduceTask task, string silo)
    {
        var sw = Stopwatch.StartNew();
        Drill();
        var input = task.Input.Resolve(Open(task.Input.Source));
        var op = Enum.Parse<ReduceOp>(task.Op);
        var axes = task.Axes.Select(AxisReduction.All).ToArray();
        byte[][] parts;
        if (task.SplitAxis >= 0)
        {
            var sel = new AxisSelection[input.Shape.Length];
            for (int d = 0; d < sel.Length; d++)
                sel[d] = d == task.SplitAxis ? AxisSelection.Range(task.SplitStart, task.SplitStart + task.SplitCount) : AxisSelection.All(input.Shape[d]);
            input = new SelectionArray(input, sel);
            var partials = PartialReduction.Partials(op, task.SkipNa);
            // Several parts (sums and counts) read the same values: decode them once (the client keeps a task's
            // region small: ClusterCompute.MaxTaskBytes).
            if (partials.Length > 1) input = Graph.Compute(input, new ComputeOptions { Operation = task.Label });
            parts = partials.Select(p =>
            {
                ILazyArray src = p.CastToFloat64 ? new UnaryCastArray(input, DataType.Float64) : input;
                return Region(new ReduceArray(src, axes, p.Op, p.SkipNa, null, 0, $"{p.Op} of part of {task.Label}"), task);
            }).ToArray();
        }
        else
        {
            parts = [Region(new ReduceArray(input, axes, op, task.SkipNa, null, task.Ddof, task.Label), task)];
        }
        long read = BytesOfInputRegion(input, task);
        return new TaskResult { Parts = parts, Silo = silo, BytesRead = read, Milliseconds = sw.Elapsed.TotalMilliseconds };
    }

    private static long BytesOfInputRegion(ILazyArray input, ReduceTask task)
    {
        // The kept axes follow the output region; the reduced axes are read whole (or the split part).
        long n = input.DType.ItemSize;
        int k = 0;
        for (int d = 0; d < input.Shape.Length; d++)
            n *= task.Axes.Contains(d) ? input.Shape[d] : task.OutCount[k++];
        return n;
    }

    private static byte[] Region(ReduceArray node, ReduceTask task)
    {
        var bytes = new byte[StridedCopy.Product(task.OutCount) * node.DType.ItemSize];
        // The node's own scheduler spreads the region's input chunks over the silo's cores.
        node.ReadRegion(task.OutStart, task.OutCount, bytes);
        return bytes;
    }

    /// <summary>Runs a write task: the chunks it names, each stored whole and atomically.</summary>
    public TaskResult Write(WriteTask task, string silo)
    {
        var sw = Stopwatch.StartNew();
        Drill();
        var job = _jobs.GetOrAdd(task.JobId, id =>
        {
            _jobOrder.Enqueue(id);
            while (_jobOrder.Count > 16 && _jobOrder.TryDequeue(out var old)) _jobs.TryRemove(old, out _);
            return new Lazy<ZarrWriteJob>(() => ZarrWriter.Attach(Rebuild(task), task.Destination, task.Save.ToOptions()));
        }).Value;
        long read = 0;
        for (int i = 0; i < task.Tasks.Length; i++)
        {
            int index = task.Tasks[i];
            if (index < 0 || index >= job.Tasks.Count || job.Tasks[index].Variable != task.TaskVariables[i])
                throw new ZarrPSException(ErrorKind.InvalidOperation, "WritePlanMismatch",
                    $"Chunk task {index} of the write to '{task.Destination}' is not the same on this worker as on the client (the source changed while writing?).", task.Destination);
            read += job.WriteChunk(job.Tasks[index]);
        }
        return new TaskResult { Silo = silo, BytesRead = read, Milliseconds = sw.Elapsed.TotalMilliseconds };
    }

    /// <summary>The dataset a write task was planned from, rebuilt from the stores.</summary>
    public Dataset Rebuild(WriteTask task)
    {
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var spec in task.Variables)
        {
            var opened = Open(spec.Data.Source);
            var v0 = opened.Variables[spec.Data.Variable];
            vars[spec.Name] = new Variable(spec.Dims, spec.Data.Resolve(opened),
                new OrderedDictionary<string, object?>(v0.Attrs, StringComparer.Ordinal), new Dictionary<string, object?>(v0.Encoding, StringComparer.Ordinal));
        }
        return new Dataset(vars, task.CoordNames);
    }

    private void Drill()
    {
        if (DrillDelayMilliseconds > 0) Thread.Sleep(DrillDelayMilliseconds);
    }
}
