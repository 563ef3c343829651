using System.IO.Compression;
using PureHDF.Filters;

namespace ZarrPS.Engine.Formats.NetCdf4;

/// <summary>
/// HDF5's deflate filter (id 1) for reading, inflating straight into a pooled chunk buffer (see
/// <see cref="ChunkBufferLedger"/>). Compression, for anyone writing with PureHDF, stays PureHDF's.
/// </summary>
internal sealed class PooledDeflateFilter : IH5Filter
{
    private readonly DeflateFilter _builtIn = new();

    public ushort FilterId => DeflateFilter.Id;

    public string Name => _builtIn.Name;

    public Memory<byte> Filter(FilterInfo info)
    {
        if (!info.Flags.HasFlag(H5FilterFlags.Decompress) || info.ChunkSize <= 0) return _builtIn.Filter(info);

        byte[] output = ChunkBufferLedger.Rent(info.ChunkSize);
        int length;
        using (var source = new MemoryReadStream(info.Buffer))
        using (var inflater = new ZLibStream(source, CompressionMode.Decompress))
        {
            length = inflater.ReadAtLeast(output.AsSpan(0, info.ChunkSize), info.ChunkSize, throwOnEndOfStream: false);
            Span<byte> probe = stackalloc byte[1];
            if (length == info.ChunkSize && inflater.Read(probe) > 0)
                throw new InvalidDataException($"a deflate-compressed chunk inflates to more than the chunk's {info.ChunkSize} bytes");
        }
        ChunkBufferLedger.Return(info.Buffer);
        return output.AsMemory(0, length);
    }

    public uint[] GetParameters(uint[] chunkDimensions, uint typeSize, Dictionary<string, object>? options) =>
        _builtIn.GetParameters(chunkDimensions, typeSize, options);

    /// <summary>A read-only, forward-only stream over a chunk's compressed bytes.</summary>
    private sealed class MemoryReadStream(ReadOnlyMemory<byte> data) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(buffer.Length, data.Length - _position);
            data.Span.Slice(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
