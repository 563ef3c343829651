using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ZarrPS.Engine.Arrays;

/// <summary>
/// Asks Linux to back large fresh arrays with transparent huge pages before they are first written. On machines
/// where THP is in 'madvise' mode, touching a new 1 GiB array page by page costs several times more than with
/// 2 MiB pages (numpy asks for them too).
/// </summary>
internal static partial class HugePages
{
    private const int MadvHugepage = 14;
    private const long HugePage = 2L << 20;
    private static bool _unavailable = !OperatingSystem.IsLinux();

    [LibraryImport("libc", SetLastError = false)]
    private static partial int madvise(nint address, nuint length, int advice);

    /// <summary>Advises huge pages for the data of <paramref name="array"/> when it spans at least a few huge pages.</summary>
    public static unsafe void Advise(Array array, long byteLength)
    {
        if (_unavailable || byteLength < 4 * HugePage) return;
        long start = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        long first = (start + HugePage - 1) & ~(HugePage - 1);
        long last = (start + byteLength) & ~(HugePage - 1);
        if (last <= first) return;
        try
        {
            madvise((nint)first, (nuint)(last - first), MadvHugepage);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
        }
    }
}
