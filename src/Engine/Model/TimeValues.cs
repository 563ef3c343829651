using ZarrPS.Engine.Cf;

namespace ZarrPS.Engine.Model;

/// <summary>Turns stored time numbers into the .NET values users see: DateTime for datetime64, CfDate for calendar dates.</summary>
public static class TimeValues
{
    /// <summary>One element as a user value (DateTime, CfDate, or the value unchanged when <paramref name="type"/> is not a time).</summary>
    public static object? ToUser(object? raw, DataType type) => type.Kind switch
    {
        ScalarKind.DateTime64 when raw is long ns => ns == Datetime64.NaT ? null : Datetime64.ToDateTime(ToNs(ns, type)),
        ScalarKind.CalendarDate when raw is long us => us == Datetime64.NaT ? null : CfDate.FromEpochMicroseconds(us, CfCalendars.Parse(type.Unit)),
        _ => raw,
    };

    private static long ToNs(long v, DataType t) => t.Unit == "ns" ? v : v * Datetime64.NanosecondsPerUnit(t.Unit!);

    /// <summary>
    /// A whole array of times as DateTime (NaT as DateTime.MinValue) or CfDate, with the same shape; other arrays
    /// are returned unchanged.
    /// </summary>
    public static Array ToUser(Array raw, DataType type)
    {
        if (!type.IsTime) return raw;
        int[] lengths = Enumerable.Range(0, raw.Rank).Select(raw.GetLength).ToArray();
        Array result = type.Kind == ScalarKind.DateTime64
            ? Array.CreateInstance(typeof(DateTime), lengths)
            : Array.CreateInstance(typeof(CfDate), lengths);
        var idx = new int[raw.Rank];
        foreach (var o in raw)
        {
            result.SetValue(ToUser(o, type) ?? (type.Kind == ScalarKind.DateTime64 ? DateTime.MinValue : default(CfDate)), idx);
            for (int k = idx.Length - 1; k >= 0; k--)
            {
                if (++idx[k] < lengths[k]) break;
                idx[k] = 0;
            }
        }
        return result;
    }
}
