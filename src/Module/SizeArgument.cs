using System.Globalization;
using System.Management.Automation;
using ZarrPS.Engine;

namespace ZarrPS.Module;

/// <summary>Parses byte sizes as users write them: 1GB (PowerShell's own literal), 536870912, '512MB', '1.5GiB', '64 MiB'.</summary>
public static class SizeArgument
{
    /// <summary>The size in bytes, or null for null input.</summary>
    public static long? Parse(object? value, string parameter)
    {
        value = value is PSObject p ? p.BaseObject : value;
        switch (value)
        {
            case null: return null;
            case int or long or short or uint or ulong or double or float or decimal:
                {
                    double d = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (d <= 0 || double.IsNaN(d)) throw Bad(parameter, value);
                    return (long)d;
                }
            case string s:
                {
                    var t = s.Trim().Replace(" ", "", StringComparison.Ordinal);
                    int i = 0;
                    while (i < t.Length && (char.IsDigit(t[i]) || t[i] == '.')) i++;
                    if (i == 0 || !double.TryParse(t[..i], NumberStyles.Float, CultureInfo.InvariantCulture, out double n) || n <= 0) throw Bad(parameter, value);
                    long mult = t[i..].ToUpperInvariant() switch
                    {
                        "" or "B" => 1,
                        "K" or "KB" or "KIB" => 1L << 10,
                        "M" or "MB" or "MIB" => 1L << 20,
                        "G" or "GB" or "GIB" => 1L << 30,
                        "T" or "TB" or "TIB" => 1L << 40,
                        _ => throw Bad(parameter, value),
                    };
                    return (long)(n * mult);
                }
            default:
                throw Bad(parameter, value);
        }
    }

    private static ZarrPSException Bad(string parameter, object value) =>
        new(ErrorKind.InvalidArgument, "InvalidSize", $"-{parameter}: '{value}' is not a size (use 1GB, 512MB, or a number of bytes).", value);
}
