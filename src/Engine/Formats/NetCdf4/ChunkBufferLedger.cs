using System.Buffers;
using System.Runtime.InteropServices;

namespace ZarrPS.Engine.Formats.NetCdf4;

/// <summary>
/// The pooled chunk buffers of the region read running on this thread. PureHDF's own filters allocate a fresh
/// chunk-sized array per filter per chunk; at ERA5 chunk sizes those land on the large object heap and the
/// resulting full collections stall every reading thread. Inside a read (<see cref="Enter"/>), the reader's filters
/// rent their outputs here instead, hand back their inputs as soon as they are consumed, and the read's chunk cache
/// hands back the decoded chunks when the read is done. Outside a read the filters allocate as PureHDF's do, so
/// other users of PureHDF in the process are unaffected.
/// </summary>
internal static class ChunkBufferLedger
{
    [ThreadStatic] private static HashSet<byte[]>? t_rented;
    [ThreadStatic] private static int t_depth;

    /// <summary>True while a region read of this reader runs on this thread.</summary>
    public static bool Active => t_depth > 0;

    /// <summary>Starts pooling for one read on this thread; dispose to end it.</summary>
    public static Scope Enter()
    {
        t_depth++;
        t_rented ??= new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        return new Scope();
    }

    /// <summary>An array of at least <paramref name="length"/> bytes: pooled inside a read, fresh outside.</summary>
    public static byte[] Rent(int length)
    {
        if (!Active) return GC.AllocateUninitializedArray<byte>(length);
        byte[] array = ArrayPool<byte>.Shared.Rent(length);
        t_rented!.Add(array);
        return array;
    }

    /// <summary>Gives back the array behind <paramref name="memory"/> when this thread's read rented it; otherwise does nothing.</summary>
    public static void Return(ReadOnlyMemory<byte> memory)
    {
        if (!Active || !MemoryMarshal.TryGetArray(memory, out var segment) || segment.Array is null) return;
        if (t_rented!.Remove(segment.Array)) ArrayPool<byte>.Shared.Return(segment.Array);
    }

    /// <summary>Ends pooling for one read.</summary>
    public readonly struct Scope : IDisposable
    {
        public void Dispose()
        {
            if (--t_depth > 0) return;
            // Buffers still listed (a read that failed half way) are left to the garbage collector.
            t_rented?.Clear();
        }
    }
}
