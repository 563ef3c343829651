using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs;

namespace ZarrPS.Engine.Tests.Codecs;

/// <summary>
/// Runs numcodecs once for all cases: it decodes what we encoded, encodes the same input itself, and decodes its own
/// encoding; the tests compare each side's bytes.
/// </summary>
public sealed class NumcodecsExchange : IDisposable
{
    private const string Script = """
import json, os, sys, numpy as np, numcodecs, warnings
warnings.simplefilter('ignore')
d = sys.argv[1]
cases = json.load(open(os.path.join(d, 'cases.json')))
for i, c in enumerate(cases):
    dtype = np.dtype(c['dtype'])
    filters = [numcodecs.get_codec(f) for f in (c['filters'] or [])]
    compressor = None
    if c['compressor']:
        try:
            compressor = numcodecs.get_codec(dict(c['compressor']))
        except TypeError:
            # numcodecs 0.11's Zstd has no checksum option; libzstd still verifies a frame's checksum when decoding.
            compressor = numcodecs.get_codec({k: v for k, v in c['compressor'].items() if k != 'checksum'})
    def decode(buf):
        chunk = compressor.decode(buf) if compressor else buf
        for f in reversed(filters):
            chunk = f.decode(chunk)
        arr = np.frombuffer(bytes(memoryview(numcodecs.compat.ensure_contiguous_ndarray(chunk))), dtype=dtype)
        return arr.astype(dtype.newbyteorder('<')).tobytes()
    raw = np.fromfile(os.path.join(d, f'{i}.in'), dtype=dtype.newbyteorder('<'))
    chunk = raw.astype(dtype)
    for f in filters:
        chunk = f.encode(chunk)
    if compressor:
        chunk = compressor.encode(chunk)
    theirs = bytes(memoryview(numcodecs.compat.ensure_contiguous_ndarray(chunk)))
    open(os.path.join(d, f'{i}.theirs'), 'wb').write(theirs)
    ours = open(os.path.join(d, f'{i}.ours'), 'rb').read()
    for name, buf in (('theirs', theirs), ('ours', ours)):
        try:
            out = decode(buf)
        except Exception as e:
            open(os.path.join(d, f'{i}.{name}.err'), 'w').write(f'{type(e).__name__}: {e}')
            continue
        open(os.path.join(d, f'{i}.{name}.dec'), 'wb').write(out)
""";

    public static readonly CrossCase[] Cases = BuildCases();

    private static CrossCase[] BuildCases()
    {
        var list = new List<CrossCase>();
        foreach (var (config, dtype) in CompressorRoundTripTests.Configurations)
        {
            int item = DataType.ParseTypeString(dtype).ItemSize;
            foreach (int bytes in new[] { 0, 24, 4104, 262_144 })
                list.Add(new CrossCase(dtype, null, config, bytes / item));
        }
        // Filters alone (their encoded bytes must equal numcodecs' exactly), then with a compressor and big-endian storage.
        string[] filters =
        [
            """[{"id":"delta","dtype":"<i4","astype":"<i4"}]""",
            """[{"id":"delta","dtype":"<i8","astype":"<i2"}]""",
            """[{"id":"delta","dtype":"<u1","astype":"<u1"}]""",
            """[{"id":"delta","dtype":"<f8","astype":"<f4"}]""",
            """[{"id":"delta","dtype":"<f2","astype":"<f2"}]""",
            """[{"id":"fixedscaleoffset","scale":100,"offset":0,"dtype":"<f8","astype":"<i2"}]""",
            """[{"id":"fixedscaleoffset","scale":10,"offset":-100.5,"dtype":"<f4","astype":"<u2"}]""",
            """[{"id":"fixedscaleoffset","scale":0.5,"offset":1000,"dtype":"<f8","astype":"<i4"}]""",
            """[{"id":"fixedscaleoffset","scale":3,"offset":7,"dtype":"<i4","astype":"<i8"}]""",
            """[{"id":"fixedscaleoffset","scale":1000,"offset":0,"dtype":"<f2","astype":"<i4"}]""",
            """[{"id":"fixedscaleoffset","scale":100000,"offset":2.5,"dtype":"<f2","astype":"<f4"}]""",
            """[{"id":"fixedscaleoffset","scale":100,"offset":0,"dtype":"<f8","astype":"<u1"}]""",
            """[{"id":"quantize","digits":3,"dtype":"<f8","astype":"<f8"}]""",
            """[{"id":"quantize","digits":2,"dtype":"<f4","astype":"<f2"}]""",
            """[{"id":"quantize","digits":5,"dtype":"<f2","astype":"<f4"}]""",
            """[{"id":"quantize","digits":1,"dtype":"<f8","astype":"<f4"}]""",
            """[{"id":"bitround","keepbits":10}]""",
            """[{"id":"bitround","keepbits":0}]""",
            """[{"id":"bitround","keepbits":23}]""",
            """[{"id":"astype","encode_dtype":"<f4","decode_dtype":"<f8"}]""",
            """[{"id":"astype","encode_dtype":"<i2","decode_dtype":"<i8"}]""",
            """[{"id":"astype","encode_dtype":"<f2","decode_dtype":"<f4"}]""",
            """[{"id":"astype","encode_dtype":"<i4","decode_dtype":"<f8"}]""",
            """[{"id":"astype","encode_dtype":"<u4","decode_dtype":"<f8"}]""",
            """[{"id":"astype","encode_dtype":"<i2","decode_dtype":"<f4"}]""",
            """[{"id":"astype","encode_dtype":"<u8","decode_dtype":"<f8"}]""",
            """[{"id":"astype","encode_dtype":"<u1","decode_dtype":"<f8"}]""",
        ];
        foreach (var f in filters)
        {
            var cfg = JsonNode.Parse(f)!.AsArray()[0]!.AsObject();
            string dtype = cfg["dtype"]?.GetValue<string>() ?? cfg["decode_dtype"]?.GetValue<string>() ?? "<f4";
            list.Add(new CrossCase(dtype, f, null, 1001));
            if (dtype.Contains('f')) list.Add(new CrossCase(dtype, f, null, 1000, "extreme"));
        }
        list.Add(new CrossCase("<f8", """[{"id":"bitround","keepbits":20}]""", null, 999));
        list.Add(new CrossCase("<f8", """[{"id":"bitround","keepbits":20}]""", null, 999, "extreme"));
        list.Add(new CrossCase("<f2", """[{"id":"bitround","keepbits":3}]""", null, 999));
        list.Add(new CrossCase(">f8", """[{"id":"fixedscaleoffset","scale":100,"offset":0,"dtype":">f8","astype":">i2"}]""",
            """{"id":"zlib","level":1}""", 2000));
        list.Add(new CrossCase(">i4", """[{"id":"delta","dtype":">i4","astype":">i4"}]""",
            """{"id":"blosc","cname":"zstd","clevel":3,"shuffle":2,"blocksize":0}""", 2000));
        list.Add(new CrossCase(">f4", """[{"id":"delta","dtype":">f4","astype":"<f4"}]""", """{"id":"lz4","acceleration":1}""", 2000));
        list.Add(new CrossCase("<f4", """[{"id":"quantize","digits":2,"dtype":"<f4","astype":"<f4"},{"id":"bitround","keepbits":8}]""",
            """{"id":"zstd","level":5}""", 3000));
        list.Add(new CrossCase(">f8", """[{"id":"astype","encode_dtype":">f4","decode_dtype":">f8"}]""",
            """{"id":"blosc","cname":"lz4","clevel":5,"shuffle":-1,"blocksize":0}""", 2000));
        list.Add(new CrossCase("<f8", null, """{"id":"blosc","cname":"lz4","clevel":5,"shuffle":1,"blocksize":0}""", 1 << 20));
        return list.ToArray();
    }

    public NumcodecsExchange()
    {
        Unavailable = PythonPeer.Unavailable;
        if (Unavailable is not null) return;
        Directory.CreateDirectory(Dir);
        var cases = new JsonArray();
        for (int i = 0; i < Cases.Length; i++)
        {
            var c = Cases[i];
            File.WriteAllBytes(Path.Combine(Dir, $"{i}.in"), c.Input());
            using (var ours = c.Chain().Encode(c.Input(), c.Spec)) File.WriteAllBytes(Path.Combine(Dir, $"{i}.ours"), ours.Span.ToArray());
            cases.Add(new JsonObject
            {
                ["dtype"] = c.DType,
                ["filters"] = c.Filters is null ? null : JsonNode.Parse(c.Filters),
                ["compressor"] = c.Compressor is null ? null : JsonNode.Parse(c.Compressor),
            });
        }
        File.WriteAllText(Path.Combine(Dir, "cases.json"), cases.ToJsonString());
        PythonPeer.RunOrFail(Script, TimeSpan.FromMinutes(5), Dir);
    }

    public string? Unavailable { get; }

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "zarrps-numcodecs-" + Guid.NewGuid().ToString("N"));

    public byte[] Read(int i, string suffix) => File.ReadAllBytes(Path.Combine(Dir, $"{i}.{suffix}"));

    /// <summary>The error numcodecs raised decoding <c>ours</c> or <c>theirs</c>, if any.</summary>
    public string? Error(int i, string which)
    {
        string path = Path.Combine(Dir, $"{i}.{which}.err");
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
