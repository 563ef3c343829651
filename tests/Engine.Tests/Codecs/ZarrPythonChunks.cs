using System.Buffers.Binary;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs;

namespace ZarrPS.Engine.Tests.Codecs;

/// <summary>zarr-python's own decoding of every chunk of matrix.zarr, made once per test class.</summary>
public sealed class ZarrPythonChunks : IDisposable
{
    private const string Script = """
import os, sys, numpy as np, zarr
root, out = sys.argv[1], sys.argv[2]
for dirpath, dirs, files in os.walk(root):
    if '.zarray' not in files:
        continue
    z = zarr.open_array(dirpath, mode='r')
    name = os.path.relpath(dirpath, root)
    for sub, _, fs in os.walk(dirpath):
        for f in fs:
            if f.startswith('.'):
                continue
            path = os.path.join(sub, f)
            key = os.path.relpath(path, dirpath).replace(os.sep, '/')
            with open(path, 'rb') as fh:
                chunk = z._decode_chunk(fh.read())
            native = np.ascontiguousarray(chunk).astype(chunk.dtype.newbyteorder('='))
            target = os.path.join(out, name, key.replace('/', '_') + '.bin')
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, 'wb') as fh:
                fh.write(native.tobytes())
""";

    public ZarrPythonChunks()
    {
        Unavailable = PythonPeer.Unavailable;
        if (Unavailable is not null) return;
        Directory.CreateDirectory(OutputDir);
        PythonPeer.RunOrFail(Script, TimeSpan.FromMinutes(3), FixturePaths.MatrixZarr, OutputDir);
    }

    public string? Unavailable { get; }

    public string OutputDir { get; } = Path.Combine(Path.GetTempPath(), "zarrps-codecs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(OutputDir, recursive: true); } catch (IOException) { }
    }
}
