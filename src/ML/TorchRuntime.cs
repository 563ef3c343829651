using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;
using ZarrPS.Engine;

namespace ZarrPS.ML;

/// <summary>
/// Loads LibTorch from beside this assembly (the module folder, or runtimes/linux-x64/native of a build) before
/// TorchSharp looks for it, so it loads in the zarrps host and in a real pwsh alike; sets the number of threads.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _loaded;

    /// <summary>Makes sure LibTorch is loaded; throws a ZarrPSException saying what is missing otherwise.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded) return;
            string here = Path.GetDirectoryName(typeof(TorchRuntime).Assembly.Location) ?? AppContext.BaseDirectory;
            string? dir = new[] { here, Path.Combine(here, "runtimes", "linux-x64", "native") }.FirstOrDefault(d => File.Exists(Path.Combine(d, "libLibTorchSharp.so")));
            if (dir is not null)
            {
                // Dependencies first: libLibTorchSharp.so finds them by soname once they are loaded.
                foreach (var lib in new[] { "libgomp-98b21ff3.so.1", "libc10.so", "libtorch_cpu.so", "libtorch.so", "libLibTorchSharp.so" })
                {
                    string path = Path.Combine(dir, lib);
                    if (File.Exists(path) && !NativeLibrary.TryLoad(path, out _))
                        throw new ZarrPSException(ErrorKind.NotFound, "TorchNotLoaded", $"LibTorch could not be loaded from {path}.", path);
                }
            }
            try
            {
                _ = torch.TryInitializeDeviceType(DeviceType.CPU);
                using var probe = torch.zeros(1);
            }
            catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
            {
                throw new ZarrPSException(ErrorKind.NotFound, "TorchNotLoaded",
                    $"TorchSharp could not load LibTorch ({(e.InnerException ?? e).Message}); the natives are expected beside {typeof(TorchRuntime).Assembly.Location}.", inner: e);
            }
            _loaded = true;
        }
    }

    /// <summary>Sets LibTorch's intra-op threads (1 is the most reproducible).</summary>
    public static void SetThreads(int threads)
    {
        EnsureLoaded();
        if (threads > 0) torch.set_num_threads(threads);
    }
}
