using System.Collections;
using System.Globalization;
using System.Management.Automation;
using ZarrPS.Engine;

namespace ZarrPS.Module;

/// <summary>Turns PowerShell hashtables of dimension lengths into the engine's ordered dictionaries.</summary>
internal static class MLArguments
{
    /// <summary>
    /// Dimension → length. An [ordered] hashtable keeps its order; a plain hashtable (unordered) follows the order of
    /// <paramref name="dimOrder"/> (the dataset's dimensions).
    /// </summary>
    public static OrderedDictionary<string, long> Lengths(IDictionary? table, string parameter, IEnumerable<string> dimOrder)
    {
        var result = new OrderedDictionary<string, long>(StringComparer.Ordinal);
        if (table is null) return result;
        var entries = new List<(string Key, long Value)>();
        foreach (DictionaryEntry e in table)
        {
            string key = Convert.ToString(e.Key is PSObject pk ? pk.BaseObject : e.Key, CultureInfo.InvariantCulture) ?? "";
            object? v = e.Value is PSObject pv ? pv.BaseObject : e.Value;
            long length;
            try { length = Convert.ToInt64(v, CultureInfo.InvariantCulture); }
            catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
            {
                throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidLength", $"{parameter} '{key}' = '{v}' is not a whole number.", key);
            }
            entries.Add((key, length));
        }
        if (table is not System.Collections.Specialized.OrderedDictionary)
        {
            var order = dimOrder.ToList();
            entries = entries.OrderBy(e => order.IndexOf(e.Key) is int i && i >= 0 ? i : int.MaxValue).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();
        }
        foreach (var (k, v) in entries) result[k] = v;
        return result;
    }
}
