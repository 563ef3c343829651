using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Formats.Zarr;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Zarr;

/// <summary>zarr-python reads what ZarrPS writes, byte for byte.</summary>
public class ZarrPythonInteropTests
{
    [Fact]
    public void ZarrPythonReadsEveryCodecAndFilterWeWrite()
    {
        Python.Require("zarr", "numcodecs", "numpy");
        using var tmp = new TempDir();
        var store = new DirectoryStore(tmp.Path, create: true);
        var root = ZarrGroup.Create(store, "", 2);
        var expected = new Dictionary<string, string>();
        int i = 0;
        foreach (var row in ZarrRoundTripTests.Compressors())
        {
            string json = row.Data;
            var comp = JsonNode.Parse(json) as JsonObject;
            WriteOne(root, $"c{i++}", "<f4", comp, null, 'C', expected);
        }
        foreach (var row in ZarrRoundTripTests.Filters())
        {
            var filters = (JsonArray)JsonNode.Parse(row.Data.Item2)!;
            if (filters.ToJsonString().Contains("bitround")) continue; // numcodecs 0.11 has no BitRound
            WriteOne(root, $"f{i++}", row.Data.Item1, JsonNode.Parse("""{"id":"zstd","level":1}""") as JsonObject, filters, 'C', expected);
        }
        WriteOne(root, "forder", "<f8", null, null, 'F', expected);
        WriteOne(root, "bigend", ">i4", JsonNode.Parse("""{"id":"blosc","cname":"lz4","clevel":5,"shuffle":1,"blocksize":0}""") as JsonObject, null, 'C', expected);
        root.WriteConsolidatedMetadata();

        string script = $$"""
import zarr, hashlib, numpy as np
g = zarr.open_consolidated({{"'" + tmp.Path + "'"}}, mode='r')
for name in sorted(g.array_keys()):
    a = g[name][...]
    le = np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<'))
    print(name, hashlib.sha256(le.tobytes()).hexdigest())
""";
        var lines = Python.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var got = lines.Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(expected.Count, got.Count);
        foreach (var (name, hash) in expected) Assert.True(got[name] == hash, $"{name}: zarr-python read different values");
    }

    private static void WriteOne(ZarrGroup root, string name, string dtype, JsonObject? comp, JsonArray? filters, char order, Dictionary<string, string> expected)
    {
        var t = DataType.ParseTypeString(dtype);
        var meta = ZarrRoundTripTests.V2([11, 13, 7], [4, 5, 7], dtype, comp, filters, order);
        var a = root.CreateArray(name, meta);
        int n = 11 * 13 * 7;
        var raw = new byte[n * t.ItemSize];
        var r = new Random(name.GetHashCode());
        for (int i = 0; i < n; i++)
        {
            double v = Math.Round(Math.Sin(i * 0.1) * 1000 + r.NextDouble(), 2);
            switch (t.Kind)
            {
                case ScalarKind.Float32: BitConverter.TryWriteBytes(raw.AsSpan(i * 4), (float)v); break;
                case ScalarKind.Float64: BitConverter.TryWriteBytes(raw.AsSpan(i * 8), v); break;
                case ScalarKind.Int32: BitConverter.TryWriteBytes(raw.AsSpan(i * 4), (int)v); break;
                case ScalarKind.Int64: BitConverter.TryWriteBytes(raw.AsSpan(i * 8), (long)(v / 10)); break;
            }
        }
        a.WriteRegion([0, 0, 0], [11, 13, 7], raw);
        // What we expect zarr-python to see: our own decoded values (lossy filters included).
        var back = Arrays.ArrayValues.Bytes(ZarrArray.Open(root.Store, name).ReadAll()).ToArray();
        expected[name] = Convert.ToHexStringLower(SHA256.HashData(back));
    }

    [Fact]
    public void WeReadWhatZarrPythonWritesWithEveryCodec()
    {
        Python.Require("zarr", "numcodecs", "numpy");
        using var tmp = new TempDir();
        string script = $$"""
import zarr, numcodecs, numpy as np, hashlib
g = zarr.open_group({{"'" + tmp.Path + "'"}}, mode='w')
rng = np.random.default_rng(5)
data = (rng.standard_normal((9, 14, 10)) * 50).astype('<f4')
comps = {'b_lz4': numcodecs.Blosc('lz4', 5, numcodecs.Blosc.SHUFFLE), 'b_zstd_bit': numcodecs.Blosc('zstd', 3, numcodecs.Blosc.BITSHUFFLE),
         'b_zlib': numcodecs.Blosc('zlib', 1, numcodecs.Blosc.NOSHUFFLE), 'b_snappy': numcodecs.Blosc('snappy'), 'zstd': numcodecs.Zstd(5),
         'zlib': numcodecs.Zlib(6), 'gzip': numcodecs.GZip(6), 'lz4': numcodecs.LZ4(), 'bz2': numcodecs.BZ2(9), 'none': None}
for name, c in comps.items():
    a = g.create_dataset(name, shape=data.shape, chunks=(4, 5, 10), dtype='<f4', compressor=c)
    a[...] = data
q = g.create_dataset('quant', shape=data.shape, chunks=(4, 5, 10), dtype='<f8', compressor=None, filters=[numcodecs.Quantize(2, '<f8')])
q[...] = data.astype('<f8')
s = g.create_dataset('scaled', shape=data.shape, chunks=(4, 5, 10), dtype='<f8', filters=[numcodecs.FixedScaleOffset(offset=1, scale=10, dtype='<f8', astype='<i2')])
s[...] = data.astype('<f8')
for name in sorted(g.array_keys()):
    a = g[name][...]
    print(name, hashlib.sha256(np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes()).hexdigest())
""";
        var lines = Python.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var store = new DirectoryStore(tmp.Path);
        var g = ZarrGroup.Open(store);
        foreach (var l in lines)
        {
            var p = l.Split(' ');
            var values = Arrays.ArrayValues.Bytes(g.OpenArray(p[0]).ReadAll()).ToArray();
            Assert.True(p[1] == Convert.ToHexStringLower(SHA256.HashData(values)), $"{p[0]}: values differ from zarr-python's");
        }
        Assert.Equal(12, lines.Length);
    }
}
