using System.Text.Json.Nodes;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Cf;

/// <summary>Runs cftime / xarray / pandas scripts on JSON input and returns their JSON output.</summary>
internal static class CfPeers
{
    /// <summary>
    /// Runs <paramref name="body"/> with <c>inp</c> bound to the parsed input and prints <c>json.dumps(out)</c>.
    /// </summary>
    public static JsonNode Run(JsonNode input, string body, int timeoutSeconds = 120)
    {
        using var tmp = new TempDir();
        string file = tmp["input.json"];
        File.WriteAllText(file, input.ToJsonString());
        string script = "import json, warnings\nwarnings.simplefilter('ignore')\n" +
                        $"inp = json.load(open(r'{file}'))\n" + body + "\nprint(json.dumps(out))\n";
        string stdout = Python.Run(script, timeoutSeconds);
        return JsonNode.Parse(stdout)!;
    }

    /// <summary>A JSON array of numbers; NaN as null (JSON has no NaN).</summary>
    public static JsonArray Numbers(IEnumerable<double> values) =>
        new(values.Select(v => double.IsNaN(v) ? null : (JsonNode)JsonValue.Create(v)).ToArray());

    /// <summary>A JSON array of integers.</summary>
    public static JsonArray Numbers(IEnumerable<long> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    public static string[] Strings(JsonNode node) => node.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    public static long[] Longs(JsonNode node) => node.AsArray().Select(n => n!.GetValue<long>()).ToArray();

    public static double[] Doubles(JsonNode node) =>
        node.AsArray().Select(n => n is null ? double.NaN : n.GetValue<double>()).ToArray();
}
