using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Tests.ML;

/// <summary>Small in-memory datasets whose values say where they are (value = t*10000 + y*100 + x).</summary>
internal static class MLData
{
    public static Dataset Grid(int nt = 10, int ny = 20, int nx = 30, params string[] variables)
    {
        if (variables.Length == 0) variables = ["a"];
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        vars["time"] = new Variable(["time"], InMemoryArray.From(Enumerable.Range(0, nt).Select(i => (double)i).ToArray()));
        vars["latitude"] = new Variable(["latitude"], InMemoryArray.From(Enumerable.Range(0, ny).Select(i => 10.0 + 0.25 * i).ToArray()));
        vars["longitude"] = new Variable(["longitude"], InMemoryArray.From(Enumerable.Range(0, nx).Select(i => 100.0 + 0.25 * i).ToArray()));
        for (int v = 0; v < variables.Length; v++)
        {
            var values = new float[nt, ny, nx];
            for (int t = 0; t < nt; t++)
                for (int y = 0; y < ny; y++)
                    for (int x = 0; x < nx; x++)
                        values[t, y, x] = v * 1_000_000 + t * 10000 + y * 100 + x;
            vars[variables[v]] = new Variable(["time", "latitude", "longitude"], InMemoryArray.From(values));
        }
        return new Dataset(vars);
    }

    public static OrderedDictionary<string, long> Dims(params (string, long)[] dims)
    {
        var d = new OrderedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (k, v) in dims) d[k] = v;
        return d;
    }
}
