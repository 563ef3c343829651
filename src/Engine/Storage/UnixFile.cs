using System.Runtime.InteropServices;

namespace ZarrPS.Engine.Storage;

/// <summary>
/// Reads a whole file or a part of it with four system calls (open, lseek, pread, close) on 64-bit Linux.
/// File.OpenHandle adds an fstat, a shared flock and its release, and a SafeHandle per file; for thousands of
/// small chunk files that is a third of the cost. Other systems use the managed path.
/// </summary>
internal static unsafe partial class UnixFile
{
    // The glibc soname; elsewhere (musl) the probe fails and the managed path is used.
    private const string LibC = "libc.so.6";
    private const int O_RDONLY = 0;
    private const int O_NONBLOCK = 0x800;  // opening a FIFO must not block the reader
    private const int O_CLOEXEC = 0x80000;
    private const int SEEK_END = 2;
    private const int EINTR = 4;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;
    private const int EISDIR = 21;
    private const int ENAMETOOLONG = 36;

    /// <summary>True when the fast path may be used: 64-bit Linux, where these constants and off_t hold.</summary>
    public static readonly bool Enabled = OperatingSystem.IsLinux() && Environment.Is64BitProcess && Probe();

    /// <summary>The outcome of <see cref="TryRead"/>.</summary>
    public enum Result { Read, Missing, Failed }

    /// <summary>
    /// Reads <paramref name="range"/> of the file at <paramref name="path"/> (validated by the caller).
    /// Missing when there is no file (or a directory) there; Failed with <paramref name="error"/> set otherwise.
    /// </summary>
    public static Result TryRead(string path, ByteRange? range, out PooledBuffer? buffer, out string? error, out long tooLarge)
    {
        buffer = null;
        error = null;
        tooLarge = -1;
        int fd;
        do fd = Open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        while (fd < 0 && Marshal.GetLastPInvokeError() == EINTR);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is ENOENT or ENOTDIR) return Result.Missing;
            if (Directory.Exists(path)) return Result.Missing; // for example a folder without read permission
            error = errno == ENAMETOOLONG ? "the path is too long" : Marshal.GetPInvokeErrorMessage(errno);
            return Result.Failed;
        }

        try
        {
            long length = LSeek(fd, 0, SEEK_END);
            if (length < 0)
            {
                // tmpfs folders and FIFOs cannot seek to their end.
                int errno = Marshal.GetLastPInvokeError();
                if (Directory.Exists(path)) return Result.Missing;
                error = "it is not a regular file (" + Marshal.GetPInvokeErrorMessage(errno) + ")";
                return Result.Failed;
            }

            (long start, long count) = range is { } r ? r.Resolve(length) : (0, length);
            if (count == 0 || count > Array.MaxLength)
            {
                // A folder may report any length (ext4 reports 2^63-1 or its block size); reading it says EISDIR.
                byte probe = 0;
                long n = PRead(fd, &probe, 1, 0);
                if (n < 0 && Marshal.GetLastPInvokeError() == EISDIR) return Result.Missing;
                if (count > Array.MaxLength)
                {
                    tooLarge = count;
                    return Result.Failed;
                }
                buffer = PooledBuffer.Rent(0);
                return Result.Read;
            }

            var b = PooledBuffer.Rent((int)count);
            int total = 0;
            fixed (byte* p = b.Array)
            {
                while (total < count)
                {
                    long n = PRead(fd, p + total, (nint)(count - total), start + total);
                    if (n < 0)
                    {
                        int errno = Marshal.GetLastPInvokeError();
                        if (errno == EINTR) continue;
                        b.Dispose();
                        if (errno == EISDIR) return Result.Missing;
                        error = Marshal.GetPInvokeErrorMessage(errno);
                        return Result.Failed;
                    }
                    if (n == 0) break; // truncated in place by someone else: return what is there
                    total += (int)n;
                }
            }
            if (total < count) b.Truncate(total);
            buffer = b;
            return Result.Read;
        }
        finally
        {
            Close(fd);
        }
    }

    private static bool Probe()
    {
        try
        {
            // Resolves the library and entry points once; a failing close(-1) proves they are callable.
            return Close(-1) == -1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport(LibC, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport(LibC, EntryPoint = "lseek", SetLastError = true)]
    private static partial long LSeek(int fd, long offset, int whence);

    [LibraryImport(LibC, EntryPoint = "pread", SetLastError = true)]
    private static partial nint PReadNative(int fd, byte* buffer, nint count, long offset);

    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    private static long PRead(int fd, byte* buffer, nint count, long offset) => PReadNative(fd, buffer, count, offset);
}
