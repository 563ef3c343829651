using System.Runtime.InteropServices;

namespace ZarrPS.Engine.Codecs.Native;

/// <summary>
/// Checks once per library that a system compression library can be loaded, so a missing one is reported
/// with the package that provides it instead of a DllNotFoundException from deep inside a read.
/// </summary>
internal static class NativeLibraries
{
    /// <summary>Loads <paramref name="library"/> or returns the message naming the package to install.</summary>
    public static string? Probe(string library, string debianPackage)
    {
        if (NativeLibrary.TryLoad(library, out _)) return null;
        return $"{library} not found: apt-get install {debianPackage}";
    }

    /// <summary>Throws when a probe found the library missing.</summary>
    public static void ThrowIfMissing(string? loadError, string codec)
    {
        if (loadError is not null)
            throw new ZarrPSException(ErrorKind.InvalidOperation, "NativeLibraryMissing", $"{codec}: {loadError}", codec);
    }
}
