using Microsoft.Win32.SafeHandles;

namespace ZarrPS.Engine.Formats.NetCdf3;

/// <summary>A local file read with positional reads (pread), so concurrent readers share one handle.</summary>
internal sealed class FileRandomAccessSource : IRandomAccessSource
{
    private readonly SafeFileHandle _handle;

    /// <summary>Opens <paramref name="path"/> for reading; other processes may keep writing or appending to it.</summary>
    public FileRandomAccessSource(string path)
    {
        Path = path;
        try
        {
            _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.RandomAccess);
            Length = RandomAccess.GetLength(_handle);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ZarrPSException(ErrorKind.NotFound, "NetCdfFileNotFound", $"NetCDF file '{path}' does not exist.", path, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ZarrPSException(ErrorKind.ReadError, "NetCdfReadFailed", $"Cannot open NetCDF file '{path}': {e.Message}", path, e);
        }
    }

    /// <summary>The file path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public long Length { get; }

    /// <inheritdoc />
    public int Read(long offset, Span<byte> destination) => RandomAccess.Read(_handle, destination, offset);

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
