using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Formats.Zarr;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Writers;

/// <summary>
/// A planned Zarr write: its chunk tasks, which any process holding the same plan may run (each chunk is written
/// whole and atomically, so running one twice leaves the same bytes), and the metadata written last.
/// </summary>
public sealed class ZarrWriteJob
{
    private readonly Dataset _ds;
    private readonly IWritableStore _store;
    private readonly SaveOptions _options;
    private readonly bool _newGroup;
    private readonly List<(ZarrWriter.Plan Plan, ZarrArray Array)> _arrays;

    private readonly string? _fingerprint;

    internal ZarrWriteJob(Dataset ds, IWritableStore store, SaveOptions options, bool newGroup, List<(ZarrWriter.Plan, ZarrArray)> arrays,
        List<ZarrWriteTask> tasks, List<ZarrWriteTask> pending, string? fingerprint)
    {
        Pending = pending;
        _fingerprint = fingerprint;
        _ds = ds;
        _store = store;
        _options = options;
        _newGroup = newGroup;
        _arrays = arrays;
        Tasks = tasks;
    }

    /// <summary>Where the store is.</summary>
    public string Location => _store.Location;

    /// <summary>The variables written, in order.</summary>
    public IReadOnlyList<string> Variables => _arrays.Select(a => a.Plan.Name).ToArray();

    /// <summary>Every chunk of the write (the indices workers are given refer to this list).</summary>
    public IReadOnlyList<ZarrWriteTask> Tasks { get; }

    /// <summary>The chunks still to write (all of them, or with -Resume those not found written and decodable).</summary>
    public IReadOnlyList<ZarrWriteTask> Pending { get; }

    /// <summary>The variables' data: the graphs the write reads (for the statistics of the computation).</summary>
    public IReadOnlyList<ILazyArray> Roots => _arrays.Select(a => a.Plan.Data).ToArray();

    /// <summary>The memory one task holds (source values, encoded and compressed copies).</summary>
    public long TaskBytes(ZarrWriteTask t) => StridedCopy.Product(t.Count) * _arrays[t.Array].Plan.Data.DType.ItemSize * 3;

    /// <summary>Computes the small reductions the variables depend on, once, before their chunks read them.</summary>
    public void Prepare(ComputeOptions options)
    {
        foreach (var (p, _) in _arrays) Graph.Prepare(p.Data, options);
    }

    /// <summary>Reads, encodes and stores one chunk; returns the bytes of values it read.</summary>
    public long WriteChunk(ZarrWriteTask t)
    {
        var (p, array) = _arrays[t.Array];
        if (p.Name != t.Variable)
            throw new ZarrPSException(ErrorKind.InvalidOperation, "WritePlanMismatch",
                $"Chunk task {t.Index} is for variable '{t.Variable}' but this plan has '{p.Name}' there: the write was planned from another dataset.", t.Variable);
        int item = p.Data.DType.ItemSize;
        long n = StridedCopy.Product(t.Count);
        using var buf = PooledBuffer.Rent(checked((int)(n * item)));
        p.Data.ReadRegion(t.Start, t.Count, buf.Span);
        var target = t.Start.Select((s, d) => s + p.Offset[d]).ToArray();
        array.WriteRegion(target, t.Count, buf.Span);
        return n * item;
    }

    /// <summary>Writes the metadata, last: arrays, then the group, then the consolidated document.</summary>
    public SaveResult Finish(long bytesIn, TimeSpan elapsed)
    {
        // Region writes leave the arrays' metadata as it is (their shape does not change).
        foreach (var (p, array) in _arrays) if (!p.Region) array.WriteMetadata();
        if (_newGroup)
        {
            var attrs = new OrderedDictionary<string, object?>(_ds.Attrs, StringComparer.Ordinal);
            ZarrGroup.Create(_store, "", _options.ZarrVersion, attrs, overwrite: false);
        }
        if (_options.Consolidated) ZarrGroup.Open(_store, "", consolidated: false).WriteConsolidatedMetadata();
        if (_fingerprint is not null) _store.Delete(IncompleteMarker.Key);
        long bytesOut = 0;
        var perVariable = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (p, array) in _arrays)
        {
            long size = 0;
            foreach (var key in ZarrWriter.ChunkKeysOf(array)) size += ZarrWriter.SizeOfKey(_store, key);
            perVariable[p.Name] = size;
            bytesOut += size;
        }
        return new SaveResult(_store.Location, Variables.ToArray(), Pending.Count, bytesIn, bytesOut, elapsed)
        {
            ChunksSkipped = Tasks.Count - Pending.Count,
            VariableBytes = perVariable,
        };
    }
}
