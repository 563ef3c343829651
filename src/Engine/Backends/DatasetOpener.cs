using ZarrPS.Engine.Formats;
using ZarrPS.Engine.Formats.Zarr;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Backends;

/// <summary>
/// The one entry point that opens a dataset from a path or URL, choosing the backend (zarr or netcdf) by
/// <see cref="OpenOptions.Engine"/> or, for "auto", by magic bytes and extension.
/// </summary>
public static class DatasetOpener
{
    private static ReadOnlySpan<byte> Hdf5Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'];

    /// <summary>Opens one dataset lazily (metadata only).</summary>
    public static Dataset Open(string path, OpenOptions? options = null)
    {
        options ??= new OpenOptions();
        var source = OpenSource(path, options);
        try
        {
            var ds = DatasetBuilder.Build(source, options);
            foreach (var (name, v) in ds.Variables) ArrayOrigin.Record(v.Data, new ArrayOrigin(path, options, name));
            return ds;
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Which backend would open <paramref name="path"/>: "zarr" or "netcdf".</summary>
    public static string GuessEngine(string path, string? baseDirectory = null)
    {
        if (IsUrl(path))
        {
            string p = new Uri(path).AbsolutePath.ToLowerInvariant();
            return p.EndsWith(".nc") || p.EndsWith(".nc4") || p.EndsWith(".cdf") || p.EndsWith(".h5") || p.EndsWith(".hdf5") ? "netcdf" : "zarr";
        }
        string full = Resolve(path, baseDirectory);
        if (Directory.Exists(full)) return "zarr";
        if (!File.Exists(full))
            throw new ZarrPSException(ErrorKind.NotFound, "PathNotFound", $"Cannot find '{path}' (looked for '{full}').", path);
        if (full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) return "zarr";
        Span<byte> magic = stackalloc byte[8];
        int n;
        using (var fs = File.OpenHandle(full)) n = RandomAccess.Read(fs, magic, 0);
        magic = magic[..n];
        if (n >= 4 && magic[0] == 'C' && magic[1] == 'D' && magic[2] == 'F' && magic[3] is 1 or 2 or 5) return "netcdf";
        if (n >= 8 && magic.SequenceEqual(Hdf5Signature)) return "netcdf";
        throw new ZarrPSException(ErrorKind.InvalidData, "UnknownFormat",
            $"Cannot tell the format of '{full}': it is not a Zarr store, a NetCDF-3 file ('CDF') or a NetCDF-4/HDF5 file (first bytes: {Convert.ToHexString(magic)}). Name one with -Engine.", path);
    }

    /// <summary>Opens what a backend offers for <paramref name="path"/>, without building a Dataset.</summary>
    public static IDatasetSource OpenSource(string path, OpenOptions options)
    {
        string engine = options.Engine.ToLowerInvariant() switch
        {
            "auto" or "" => GuessEngine(path, options.BaseDirectory),
            "zarr" => "zarr",
            "netcdf" or "netcdf4" or "h5netcdf" or "scipy" => "netcdf",
            _ => throw new ZarrPSException(ErrorKind.InvalidArgument, "UnknownEngine", $"Unknown engine '{options.Engine}' (expected auto, zarr or netcdf).", options.Engine),
        };
        return engine == "zarr" ? OpenZarr(path, options) : OpenNetCdf(path, options);
    }

    private static IDatasetSource OpenZarr(string path, OpenOptions options)
    {
        var store = StoreFactory.Open(path, writable: false, baseDirectory: options.BaseDirectory);
        string group = options.Group?.Trim('/') ?? "";
        // A path may point at an array directly (store.zarr/temperature).
        if (group.Length == 0 && ZarrNode.TryReadArrayMetadata(store, "") is { } meta)
            return new ZarrDatasetSource(new ZarrArray(store, "", meta));
        if (group.Length > 0) StoreKey.Validate(group, store.Location);
        return new ZarrDatasetSource(ZarrGroup.Open(store, group, options.Consolidated));
    }

    private static IDatasetSource OpenNetCdf(string path, OpenOptions options)
    {
        if (IsUrl(path))
            throw new ZarrPSException(ErrorKind.NotImplemented, "UnsupportedUrl", $"Opening NetCDF files over HTTP is not supported yet: '{path}'.", path);
        string full = Resolve(path, options.BaseDirectory);
        if (!File.Exists(full))
            throw new ZarrPSException(ErrorKind.NotFound, "PathNotFound", $"Cannot find '{path}' (looked for '{full}').", path);
        Span<byte> magic = stackalloc byte[8];
        int n;
        using (var fs = File.OpenHandle(full)) n = RandomAccess.Read(fs, magic, 0);
        if (Formats.NetCdf3.NetCdf3File.IsNetCdf3(magic[..n])) return new Formats.NetCdf3.NetCdf3File(full);
        var file = new Formats.NetCdf4.NetCdf4File(full);
        try
        {
            return new GroupView(file, options.Group);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>True for http:// and https:// addresses.</summary>
    public static bool IsUrl(string path) =>
        path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>A local path made absolute against <paramref name="baseDirectory"/>.</summary>
    public static string Resolve(string path, string? baseDirectory) =>
        Path.GetFullPath(path.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(path).LocalPath : path, baseDirectory ?? Directory.GetCurrentDirectory());
}
