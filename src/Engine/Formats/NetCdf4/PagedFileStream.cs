using Microsoft.Win32.SafeHandles;

namespace ZarrPS.Engine.Formats.NetCdf4;

/// <summary>
/// A read-only file stream that serves small reads from cached 16 KiB pages. PureHDF parses metadata in thousands of
/// reads of a few bytes each (about 2,600 to open a 7-variable file); through this stream they cost a few page reads.
/// Large reads go straight to the file. Not thread-safe: callers serialise access.
/// </summary>
internal sealed class PagedFileStream : Stream
{
    private const int PageSize = 16 << 10;
    private const int DirectLimit = 64 << 10;
    private readonly SafeFileHandle _handle;
    private readonly Dictionary<long, byte[]> _pages = [];
    private long _position;

    public PagedFileStream(string path)
    {
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Length = RandomAccess.GetLength(_handle);
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length { get; }

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= Length || buffer.Length == 0) return 0;
        int want = (int)Math.Min(buffer.Length, Length - _position);
        int done = 0;
        if (want >= DirectLimit)
        {
            while (done < want)
            {
                int n = RandomAccess.Read(_handle, buffer.Slice(done, want - done), _position + done);
                if (n == 0) break;
                done += n;
            }
        }
        else
        {
            while (done < want)
            {
                long at = _position + done;
                long page = at / PageSize;
                var bytes = Page(page);
                int inPage = (int)(at - page * PageSize);
                int n = Math.Min(want - done, bytes.Length - inPage);
                if (n <= 0) break;
                bytes.AsSpan(inPage, n).CopyTo(buffer[done..]);
                done += n;
            }
        }
        _position += done;
        return done;
    }

    private byte[] Page(long page)
    {
        if (_pages.TryGetValue(page, out var bytes)) return bytes;
        long start = page * PageSize;
        var buf = new byte[(int)Math.Min(PageSize, Length - start)];
        int done = 0;
        while (done < buf.Length)
        {
            int n = RandomAccess.Read(_handle, buf.AsSpan(done), start + done);
            if (n == 0) break;
            done += n;
        }
        if (done < buf.Length) Array.Resize(ref buf, done);
        _pages[page] = buf;
        return buf;
    }

    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _handle.Dispose();
        base.Dispose(disposing);
    }
}
