using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Cf;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Compute.Grouping;

/// <summary>
/// Groups of a time coordinate by one of its fields (xarray's <c>groupby("time.month")</c>): month, season, hour,
/// dayofyear … of datetime64 values or of dates of any CF calendar (360_day years have 360 days of the year).
/// </summary>
public static class TimeGroups
{
    private static readonly string[] SeasonNames = ["DJF", "MAM", "JJA", "SON"];

    /// <summary>The component names accepted after the dot, as xarray spells them.</summary>
    public const string ValidNames = "year, quarter, month, season, day, dayofyear, dayofweek, hour, minute, second";

    /// <summary>Groups stored time values (datetime64 of any unit, or calendar dates) by a component.</summary>
    public static GroupKeys Compute(ReadOnlySpan<long> values, DataType type, TimeComponent component, string dim = "time")
    {
        var ticks = TimeTicks.From(values, type, dim);
        var include = new bool[values.Length];
        if (component == TimeComponent.Season)
        {
            var seasons = new int[values.Length];
            for (int i = 0; i < seasons.Length; i++)
            {
                if (ticks.Values[i] == Datetime64.NaT) continue;
                include[i] = true;
                seasons[i] = (int)(FieldOf(ticks, ticks.Values[i], TimeComponent.Month) % 12 / 3);
            }
            // Sorted by name, as xarray sorts the season strings: DJF, JJA, MAM, SON.
            var byName = Factorizer.Factorize(seasons, include, Comparer<int>.Create((a, b) => string.CompareOrdinal(SeasonNames[a], SeasonNames[b])), out var uniq);
            var labels = new string[uniq.Length];
            for (int g = 0; g < uniq.Length; g++) labels[g] = SeasonNames[uniq[g]];
            return new GroupKeys("season", dim, byName, labels, DataType.FixedUnicode(3));
        }
        var keys = new long[values.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            long t = ticks.Values[i];
            if (t == Datetime64.NaT) continue;
            include[i] = true;
            keys[i] = FieldOf(ticks, t, component);
        }
        var codes = Factorizer.Factorize(keys, include, Comparer<long>.Default, out var unique);
        return new GroupKeys(NameOf(component), dim, codes, unique, DataType.Int64);
    }

    /// <summary>Groups a 1-D time coordinate variable by a component (reads its values).</summary>
    public static GroupKeys Compute(Variable coordinate, TimeComponent component, string? name = null)
    {
        if (coordinate.Rank != 1)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "GroupNotOneDimensional",
                $"Coordinate '{name ?? coordinate.Data.Description}' has {coordinate.Rank} dimensions; groups need a 1-D coordinate.", name);
        string dim = coordinate.Dims[0];
        if (!coordinate.DType.IsTime)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NotATime",
                $"Coordinate '{name ?? dim}' holds {coordinate.DType.Name} values, not times: it has no '{NameOf(component)}'.", name ?? dim);
        var raw = (long[])ArrayValues.ReadAll(coordinate.Data);
        return Compute(raw, coordinate.DType, component, dim);
    }

    /// <summary>The value of a component for every position (NaT gives -1; seasons as 0 DJF, 1 MAM, 2 JJA, 3 SON).</summary>
    public static long[] Values(ReadOnlySpan<long> values, DataType type, TimeComponent component, string dim = "time")
    {
        var ticks = TimeTicks.From(values, type, dim);
        var result = new long[values.Length];
        for (int i = 0; i < result.Length; i++)
        {
            long t = ticks.Values[i];
            if (t == Datetime64.NaT) { result[i] = -1; continue; }
            result[i] = component == TimeComponent.Season
                ? FieldOf(ticks, t, TimeComponent.Month) % 12 / 3
                : FieldOf(ticks, t, component);
        }
        return result;
    }

    /// <summary>Parses a component name (case ignored; 'weekday' is 'dayofweek'); false for others.</summary>
    public static bool TryParseComponent(string name, out TimeComponent component)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "year": component = TimeComponent.Year; return true;
            case "quarter": component = TimeComponent.Quarter; return true;
            case "month": component = TimeComponent.Month; return true;
            case "season": component = TimeComponent.Season; return true;
            case "day": component = TimeComponent.Day; return true;
            case "dayofyear": component = TimeComponent.DayOfYear; return true;
            case "dayofweek" or "weekday": component = TimeComponent.DayOfWeek; return true;
            case "hour": component = TimeComponent.Hour; return true;
            case "minute": component = TimeComponent.Minute; return true;
            case "second": component = TimeComponent.Second; return true;
            default: component = default; return false;
        }
    }

    /// <summary>The xarray name of a component: 'month', 'dayofyear' …</summary>
    public static string NameOf(TimeComponent component) => component switch
    {
        TimeComponent.DayOfYear => "dayofyear",
        TimeComponent.DayOfWeek => "dayofweek",
        _ => component.ToString().ToLowerInvariant(),
    };

    private static long FieldOf(in TimeTicks axis, long t, TimeComponent component)
    {
        long day = axis.DayOf(t);
        long tod = t - axis.MidnightOf(day);
        switch (component)
        {
            case TimeComponent.Hour: return tod / axis.PerHour;
            case TimeComponent.Minute: return tod / axis.PerMinute % 60;
            case TimeComponent.Second: return tod / axis.PerSecond % 60;
            case TimeComponent.DayOfWeek: return axis.WeekdayOf(day);
        }
        axis.Fields(day, out long year, out int month, out int dom);
        return component switch
        {
            TimeComponent.Year => CalendarMath.Historical(year, axis.Calendar),
            TimeComponent.Quarter => (month - 1) / 3 + 1,
            TimeComponent.Month => month,
            TimeComponent.Day => dom,
            TimeComponent.DayOfYear => day - axis.DayNumber(year, 1, 1) + 1,
            _ => throw new ArgumentOutOfRangeException(nameof(component)),
        };
    }
}
