using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Formats.Zarr;

namespace ZarrPS.Engine.Writers;

/// <summary>
/// The key that marks a store whose write has not finished. It is written before the first chunk and deleted after the
/// consolidated metadata; it holds a fingerprint of the arrays' metadata, so a resumed write can refuse other settings.
/// </summary>
public static class IncompleteMarker
{
    /// <summary>The marker's key at the store's root.</summary>
    public const string Key = ".zarrps-incomplete";

    /// <summary>A digest of the arrays' names and metadata (shape, chunks, dtype, codecs, attributes).</summary>
    public static string Fingerprint(IEnumerable<(string Name, ArrayMetadata Metadata)> arrays)
    {
        var sb = new StringBuilder();
        foreach (var (name, md) in arrays.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            JsonObject doc = md.ZarrFormat == 2 ? md.ToV2ArrayJson() : md.ToV3Json();
            sb.Append(name).Append('\n').Append(doc.ToJsonString()).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()))).ToLowerInvariant();
    }

    /// <summary>Marks <paramref name="store"/> incomplete.</summary>
    public static void Write(IWritableStore store, string fingerprint)
    {
        var doc = new JsonObject
        {
            ["writer"] = "ZarrPS",
            ["started"] = DateTime.UtcNow.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            ["fingerprint"] = fingerprint,
        };
        store.Set(Key, Encoding.UTF8.GetBytes(doc.ToJsonString()));
    }

    /// <summary>True when <paramref name="store"/> holds the marker of an unfinished write.</summary>
    public static bool IsIncomplete(IReadableStore store) => store.Exists(Key);

    /// <summary>Throws unless the marker was written for arrays with the same fingerprint.</summary>
    public static void Check(IReadableStore store, string fingerprint)
    {
        using var b = store.Get(Key);
        string? old = null;
        try
        {
            if (b is not null) old = JsonNode.Parse(b.Span)?["fingerprint"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException) { }
        if (old != fingerprint)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "ResumeMismatch",
                $"Cannot resume the write into '{store.Location}': it was started with other variables, chunks, dtypes or compressors. Give the same parameters, or use -Mode w to start again.", store.Location);
    }

    /// <summary>
    /// True when every chunk the box <paramref name="start"/>/<paramref name="count"/> covers is stored and decodes:
    /// chunks are replaced atomically, so one that decodes holds what its task wrote.
    /// </summary>
    public static bool ChunkDone(ZarrArray array, long[] start, long[] count)
    {
        var md = array.Metadata;
        int rank = md.Rank;
        if (rank == 0) return Decodes(array, []);
        var first = new long[rank];
        var span = new long[rank];
        for (int d = 0; d < rank; d++)
        {
            if (count[d] == 0) return true;
            first[d] = start[d] / md.ChunkShape[d];
            span[d] = (start[d] + count[d] - 1) / md.ChunkShape[d] - first[d] + 1;
        }
        long n = StridedCopy.Product(span);
        var idx = new long[rank];
        for (long j = 0; j < n; j++)
        {
            long rem = j;
            for (int d = rank - 1; d >= 0; d--) { idx[d] = first[d] + rem % span[d]; rem /= span[d]; }
            if (!Decodes(array, idx)) return false;
        }
        return true;
    }

    private static bool Decodes(ZarrArray array, long[] idx)
    {
        using var stored = array.Store.Get(array.ChunkKey(idx));
        if (stored is null) return false;
        var spec = array.Metadata.ChunkSpec;
        using var chunk = PooledBuffer.Rent(spec.ByteCount);
        try
        {
            array.Metadata.Codecs.Decode(stored.Span, spec, chunk.Span);
            return true;
        }
        catch (Exception e) when (e is ZarrPSException or InvalidDataException or ArgumentException)
        {
            return false;
        }
    }
}
