namespace ZarrPS.Engine.Codecs;

/// <summary>A write-only stream into a growing pooled buffer, for encoders that only offer a Stream API.</summary>
internal sealed class PooledBufferStream : Stream
{
    private PooledBuffer _buffer;
    private int _length;

    public PooledBufferStream(int initialCapacity) => _buffer = PooledBuffer.Rent(Math.Max(initialCapacity, 256));

    /// <summary>Hands over the written bytes; the stream must not be used afterwards.</summary>
    public PooledBuffer Detach()
    {
        var b = _buffer;
        b.Truncate(_length);
        _buffer = PooledBuffer.Rent(0);
        return b;
    }

    public override void Write(ReadOnlySpan<byte> source)
    {
        if (_length + (long)source.Length > _buffer.Length)
        {
            long wanted = Math.Max(_length + (long)source.Length, _buffer.Length * 2L);
            if (wanted > Array.MaxLength)
            {
                if (_length + (long)source.Length > Array.MaxLength) throw new ZarrPSException(ErrorKind.LimitsExceeded, "ChunkTooLarge", "an encoded chunk exceeds the largest buffer (2 GiB)");
                wanted = Array.MaxLength;
            }
            var bigger = PooledBuffer.Rent((int)wanted);
            _buffer.Span[.._length].CopyTo(bigger.Span);
            _buffer.Dispose();
            _buffer = bigger;
        }
        source.CopyTo(_buffer.Span[_length..]);
        _length += source.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _buffer.Dispose();
        base.Dispose(disposing);
    }
}
