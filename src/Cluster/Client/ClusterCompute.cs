using ZarrPS.Cluster.Contracts;
using ZarrPS.Cluster.Worker;
using ZarrPS.Engine;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Model;

namespace ZarrPS.Cluster.Client;

/// <summary>
/// Computes reductions of stored data on a cluster. A reduction becomes task descriptions — "reduce op over axes of
/// variable V of store S, output region k, positions a..b of the reduced axis" — that silos run with the engine's
/// ReduceArray; the client combines their small results in a fixed order, so a result never depends on which silo
/// ran which task, or on retries.
/// </summary>
public static class ClusterCompute
{
    /// <summary>The input a split reduction task reads at most, when the chunks allow (silos hold it decoded once).</summary>
    public static long MaxTaskBytes { get; set; } = 64L << 20;

    private static int[] KeptAxes(int rank, int[] reduced) => Enumerable.Range(0, rank).Where(d => !reduced.Contains(d)).ToArray();

    /// <summary>True when <paramref name="data"/> is a reduction the cluster can run; else <paramref name="why"/> says why not.</summary>
    public static bool CanRun(ILazyArray data, out string? why)
    {
        why = null;
        if (data is not ReduceArray r)
        {
            why = $"{data.Description} is not a reduction";
            return false;
        }
        if (r.Weights is not null || r.PoolsGroups || r.Axes.Any(a => !a.Drop))
        {
            why = $"{r.Description}: weighted and grouped reductions run locally for now";
            return false;
        }
        return ArraySpec.Describe(r.Input, out why) is not null;
    }

    /// <summary>
    /// Computes every variable of <paramref name="ds"/>: reductions of stored data on the cluster, anything else
    /// here. With <paramref name="strict"/>, a computed variable the cluster cannot run is an error.
    /// </summary>
    public static Dataset Compute(Dataset ds, XCluster cluster, ComputeOptions options, bool strict)
    {
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (k, v) in ds.Variables)
            vars[k] = v.Data is IGraphNode ? v.WithData(ComputeArray(v.Data, cluster, options, strict, k)) : v;
        return ds.With(vars);
    }

    /// <summary>Computes a DataArray (see <see cref="Compute(Dataset, XCluster, ComputeOptions, bool)"/>).</summary>
    public static DataArray Compute(DataArray da, XCluster cluster, ComputeOptions options, bool strict)
    {
        var v = da.Variable;
        if (v.Data is not IGraphNode) return da;
        return new DataArray(da.Name, v.WithData(ComputeArray(v.Data, cluster, options, strict, da.Name ?? "data")), da.Coords);
    }

    private static ILazyArray ComputeArray(ILazyArray data, XCluster cluster, ComputeOptions options, bool strict, string name)
    {
        if (CanRun(data, out var why)) return Reduce((ReduceArray)data, cluster, options);
        if (strict)
            throw new ZarrPSException(ErrorKind.NotImplemented, "NotOnCluster", $"Variable '{name}' cannot run on the cluster: {why}.", name);
        return Graph.Compute(data, options);
    }

    /// <summary>Runs <paramref name="r"/> on the cluster and returns its values.</summary>
    public static InMemoryArray Reduce(ReduceArray r, XCluster cluster, ComputeOptions options)
    {
        var spec = ArraySpec.Describe(r.Input, out var why) ?? throw new ZarrPSException(ErrorKind.NotImplemented, "NotOnCluster", why!);
        int[] axes = r.Axes.Select(a => a.Axis).ToArray();
        var input = r.Input;
        var boxes = Graph.Boxes(r.Chunks);
        if (r.Shape.Length == 0) boxes = [([], [])];
        bool split = Worker.PartialReduction.CanSplit(r.Op, input.DType);
        int splitAxis = split ? axes.OrderByDescending(a => input.Chunks.Sizes[a].Length).First() : -1;
        int slots = Math.Max(1, cluster.ActiveSilos().Count * cluster.TasksPerSilo);
        var ranges = new List<(long Start, long Count)>();
        if (split)
        {
            // Groups of whole input chunks along the split axis, enough for about four tasks a slot.
            var sizes = input.Chunks.Sizes[splitAxis];
            long boxBytes = input.DType.ItemSize * input.Shape.Select((n, d) => axes.Contains(d) ? n : r.Chunks.ChunkSize[Array.IndexOf(KeptAxes(input.Shape.Length, axes), d)]).Aggregate(1L, (m, n) => m * n);
            long wanted = Math.Max((4L * slots + boxes.Count - 1) / boxes.Count, (boxBytes + MaxTaskBytes - 1) / MaxTaskBytes);
            int perBox = (int)Math.Clamp(wanted, 1, sizes.Length);
            long pos = 0;
            for (int g = 0; g < perBox; g++)
            {
                int from = (int)((long)sizes.Length * g / perBox), to = (int)((long)sizes.Length * (g + 1) / perBox);
                long len = 0;
                for (int c = from; c < to; c++) len += sizes[c];
                ranges.Add((pos, len));
                pos += len;
            }
        }
        else
        {
            ranges.Add((0, 0));
        }
        string label = r.Description;
        var tasks = new List<ReduceTask>();
        foreach (var (start, count) in boxes)
            foreach (var (s, c) in ranges)
                tasks.Add(new ReduceTask
                {
                    Input = spec,
                    Op = r.Op.ToString(),
                    Axes = axes,
                    SkipNa = r.SkipNa,
                    Ddof = r.Ddof,
                    OutStart = start,
                    OutCount = count,
                    SplitAxis = splitAxis,
                    SplitStart = s,
                    SplitCount = c,
                    Label = label,
                });
        var results = ClusterRunner.Run(cluster, tasks, (g, t) => g.Reduce(t), options, $"{label} on the cluster");

        int item = r.DType.ItemSize;
        var bytes = new byte[StridedCopy.Product(r.Shape) * item];
        long reducedLength = axes.Aggregate(1L, (m, a) => m * input.Shape[a]);
        for (int b = 0; b < boxes.Count; b++)
        {
            var (start, count) = boxes[b];
            long n = StridedCopy.Product(count);
            var part = new byte[n * item];
            if (split)
            {
                var splits = Enumerable.Range(0, ranges.Count).Select(j => results[b * ranges.Count + j].Parts).ToArray();
                Worker.PartialReduction.Combine(r.Op, r.SkipNa, r.DType, n, splits, reducedLength, part);
            }
            else
            {
                part = results[b].Parts[0];
            }
            if (part.Length != n * item)
                throw new ZarrPSException(ErrorKind.InvalidData, "ClusterResultMismatch", $"{label}: a silo returned {part.Length} bytes for a region of {n * item}.");
            StridedCopy.Copy(part, count, new long[count.Length], bytes, r.Shape, start, count, item);
        }
        return new InMemoryArray(bytes, r.Shape, r.DType, r.Chunks, r.Description);
    }
}
