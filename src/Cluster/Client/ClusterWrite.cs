using System.Diagnostics;
using System.Globalization;
using ZarrPS.Cluster.Contracts;
using ZarrPS.Engine;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Storage;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Cluster.Client;

/// <summary>
/// Writes a dataset of stored variables (or selections of them) to Zarr on a cluster: the client begins the write
/// (mode checks, clearing), silos read the sources and write chunks to the destination themselves, and the client
/// writes the metadata last, as the local writer does. Chunks are stored atomically (temporary file + rename), so a
/// task retried after a lost silo rewrites the same bytes and never leaves a torn chunk.
/// </summary>
public static class ClusterWrite
{
    /// <summary>True when every variable of <paramref name="ds"/> can be read by silos; else <paramref name="why"/> says why not.</summary>
    public static bool CanRun(Dataset ds, out string? why) => Describe(ds, out why) is not null;

    private static VariableSpec[]? Describe(Dataset ds, out string? why)
    {
        why = null;
        var specs = new List<VariableSpec>();
        var opened = new Dictionary<string, Dataset>(StringComparer.Ordinal);
        foreach (var (name, v) in ds.Variables)
        {
            var spec = ArraySpec.Describe(v.Data, out var w);
            if (spec is null)
            {
                why = $"variable '{name}': {w}";
                return null;
            }
            // The silo rebuilds the variable from the opened store: its attributes and encoding must be the stored ones.
            if (!opened.TryGetValue(spec.Source.Key, out var src))
                opened[spec.Source.Key] = src = DatasetOpener.Open(spec.Source.Path, spec.Source.ToOptions());
            if (!src.Variables.TryGetValue(spec.Variable, out var stored) || !Same(stored.Attrs, v.Attrs) || !Same(stored.Encoding, v.Encoding))
            {
                why = $"variable '{name}' has attributes or an encoding other than the stored variable's";
                return null;
            }
            specs.Add(new VariableSpec { Name = name, Dims = v.Dims.ToArray(), Data = spec });
        }
        return specs.ToArray();
    }

    private static bool Same(IEnumerable<KeyValuePair<string, object?>> a, IEnumerable<KeyValuePair<string, object?>> b)
    {
        var x = a.ToDictionary(k => k.Key, k => Text(k.Value), StringComparer.Ordinal);
        var y = b.ToDictionary(k => k.Key, k => Text(k.Value), StringComparer.Ordinal);
        return x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var o) && o == kv.Value);
    }

    private static string Text(object? o) => o switch
    {
        null => "null",
        string s => s,
        System.Collections.IEnumerable e => "[" + string.Join(",", e.Cast<object?>().Select(Text)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => o.ToString() ?? "",
    };

    /// <summary>Saves <paramref name="ds"/> to <paramref name="path"/> on <paramref name="cluster"/>.</summary>
    public static SaveResult Save(Dataset ds, string path, SaveOptions options, XCluster cluster)
    {
        var sw = Stopwatch.StartNew();
        var specs = Describe(ds, out var why) ?? throw new ZarrPSException(ErrorKind.NotImplemented, "NotOnCluster", $"This dataset cannot be written on the cluster: {why}.");
        if (path.StartsWith("memory://", StringComparison.Ordinal))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NotOnCluster", $"'{path}' is in this process's memory; silos cannot write there.", path);
        string destination = DatasetOpener.IsUrl(path) ? path : DatasetOpener.Resolve(path, options.BaseDirectory);
        var job = ZarrWriter.Begin(ds, destination, options);
        var save = SaveSpec.From(options);
        var coords = ds.CoordNames.ToArray();
        string jobId = Guid.NewGuid().ToString("N");
        // Batches of chunks: several per call, about four calls a slot.
        int slots = Math.Max(1, cluster.ActiveSilos().Count * cluster.TasksPerSilo);
        int batch = Math.Clamp(job.Pending.Count / (4 * slots), 1, 64);
        var tasks = new List<WriteTask>();
        for (int i = 0; i < job.Pending.Count; i += batch)
        {
            var part = job.Pending.Skip(i).Take(batch).ToArray();
            tasks.Add(new WriteTask
            {
                JobId = jobId,
                Variables = specs,
                CoordNames = coords,
                Destination = destination,
                Save = save,
                Tasks = part.Select(t => t.Index).ToArray(),
                TaskVariables = part.Select(t => t.Variable).ToArray(),
            });
        }
        var compute = new ComputeOptions
        {
            Cancellation = options.Cancellation,
            Progress = p => options.Progress?.Invoke(p.Done, p.Total, p.BytesRead),
        };
        var results = ClusterRunner.Run(cluster, tasks, (g, t) => g.Write(t), compute, $"save to {job.Location} on the cluster");
        // Silos lost mid-write may have left temporary files (never chunks): remove them before the metadata makes the store readable.
        if (!DatasetOpener.IsUrl(destination)) DirectoryStore.DeleteTemporaryFiles(destination);
        return job.Finish(results.Sum(r => r.BytesRead), sw.Elapsed);
    }
}
