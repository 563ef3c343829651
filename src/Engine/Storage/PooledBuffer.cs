using System.Buffers;

namespace ZarrPS.Engine.Storage;

/// <summary>
/// A byte buffer rented from the shared pool. Stores and codecs hand these out so that reading a chunk
/// does not allocate; dispose it to give the memory back.
/// </summary>
public sealed class PooledBuffer : IDisposable
{
    private byte[]? _array;

    private PooledBuffer(byte[] array, int length)
    {
        _array = array;
        Length = length;
    }

    /// <summary>Rents a buffer of exactly <paramref name="length"/> usable bytes (contents undefined).</summary>
    public static PooledBuffer Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new PooledBuffer(length == 0 ? [] : ArrayPool<byte>.Shared.Rent(length), length);
    }

    /// <summary>Copies <paramref name="data"/> into a new pooled buffer.</summary>
    public static PooledBuffer CopyOf(ReadOnlySpan<byte> data)
    {
        var b = Rent(data.Length);
        data.CopyTo(b.Span);
        return b;
    }

    /// <summary>The number of valid bytes.</summary>
    public int Length { get; private set; }

    /// <summary>The underlying array; only the first <see cref="Length"/> bytes are valid.</summary>
    public byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledBuffer));

    /// <summary>The valid bytes.</summary>
    public Span<byte> Span => Array.AsSpan(0, Length);

    /// <summary>The valid bytes as memory.</summary>
    public Memory<byte> Memory => Array.AsMemory(0, Length);

    /// <summary>Shrinks the valid length (for codecs that learn the output size after writing).</summary>
    public void Truncate(int length)
    {
        if ((uint)length > (uint)Length) throw new ArgumentOutOfRangeException(nameof(length));
        Length = length;
    }

    /// <summary>Returns the memory to the pool.</summary>
    public void Dispose()
    {
        var a = Interlocked.Exchange(ref _array, null);
        if (a is { Length: > 0 }) ArrayPool<byte>.Shared.Return(a);
    }
}
