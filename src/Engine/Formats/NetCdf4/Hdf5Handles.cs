using System.Collections.Concurrent;
using PureHDF;
using PureHDF.VOL.Native;

namespace ZarrPS.Engine.Formats.NetCdf4;

/// <summary>How reads from many threads share an HDF5 file.</summary>
internal enum Hdf5Concurrency
{
    /// <summary>
    /// One PureHDF file object read from every thread at once. PureHDF 2.x reads through positional file reads with a
    /// per-thread position and builds its chunk index state per read, so concurrent dataset reads are safe.
    /// </summary>
    Shared,

    /// <summary>One file object, one read at a time.</summary>
    Locked,

    /// <summary>A pool of independently opened file objects, one per concurrent reader.</summary>
    Pooled,
}

/// <summary>
/// The opened HDF5 file behind a <see cref="NetCdf4File"/> and the policy by which threads read its datasets.
/// Metadata is read once, at open, from <see cref="Primary"/>.
/// </summary>
internal sealed class Hdf5Handles : IDisposable
{
    private readonly string _path;
    private readonly Hdf5Concurrency _concurrency;
    private readonly Lock _lock = new();
    private readonly ConcurrentBag<PooledHandle> _pool = [];
    private readonly int _poolCapacity = Math.Max(2, Environment.ProcessorCount);
    private int _disposed;

    public Hdf5Handles(string path, NativeFile primary, Hdf5Concurrency concurrency)
    {
        _path = path;
        Primary = primary;
        _concurrency = concurrency;
    }

    /// <summary>The file object metadata was read from (and, unless pooled, data too).</summary>
    public NativeFile Primary { get; }

    /// <summary>Takes the dataset at <paramref name="path"/> for one read; dispose the lease when done.</summary>
    public Lease Acquire(string path, NativeDataset primaryDataset)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        switch (_concurrency)
        {
            case Hdf5Concurrency.Locked:
                _lock.Enter();
                return new Lease(this, primaryDataset, null, locked: true);
            case Hdf5Concurrency.Pooled:
                if (!_pool.TryTake(out var handle))
                    handle = new PooledHandle(H5File.OpenRead(_path));
                return new Lease(this, handle.Dataset(path), handle, locked: false);
            default:
                return new Lease(this, primaryDataset, null, locked: false);
        }
    }

    private void Release(PooledHandle? handle, bool locked)
    {
        if (locked) _lock.Exit();
        if (handle is null) return;
        if (Volatile.Read(ref _disposed) != 0 || _pool.Count >= _poolCapacity) handle.File.Dispose();
        else _pool.Add(handle);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        while (_pool.TryTake(out var handle)) handle.File.Dispose();
        Primary.Dispose();
    }

    /// <summary>One dataset held for one read.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly Hdf5Handles _owner;
        private readonly PooledHandle? _handle;
        private readonly bool _locked;

        internal Lease(Hdf5Handles owner, NativeDataset dataset, PooledHandle? handle, bool locked)
        {
            _owner = owner;
            Dataset = dataset;
            _handle = handle;
            _locked = locked;
        }

        public NativeDataset Dataset { get; }

        public void Dispose() => _owner.Release(_handle, _locked);
    }

    internal sealed class PooledHandle(NativeFile file)
    {
        private readonly Dictionary<string, NativeDataset> _datasets = new(StringComparer.Ordinal);

        public NativeFile File { get; } = file;

        // A pooled handle is used by one thread at a time, so its dataset cache needs no lock.
        public NativeDataset Dataset(string path)
        {
            if (!_datasets.TryGetValue(path, out var dataset))
            {
                dataset = (NativeDataset)File.Get(path);
                _datasets[path] = dataset;
            }
            return dataset;
        }
    }
}
