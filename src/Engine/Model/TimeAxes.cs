using System.Globalization;
using ZarrPS.Engine.Cf;

namespace ZarrPS.Engine.Model;

/// <summary>Finds the time axis of a coordinate variable, if it holds times.</summary>
public static class TimeAxes
{
    /// <summary>The time axis of <paramref name="coord"/>, or null when its values are not times.</summary>
    public static ITimeAxis? For(Variable coord) => coord.DType.Kind switch
    {
        ScalarKind.DateTime64 => new TimeAxis(null),
        ScalarKind.CalendarDate => new TimeAxis(CfCalendars.Parse(coord.DType.Unit)),
        _ => null,
    };

    // Axis values: nanoseconds since 1970 (datetime64), or microseconds since the calendar's 1970 (calendar dates).
    private sealed class TimeAxis(CfCalendar? calendar) : ITimeAxis
    {
        private CfCalendar Calendar => calendar ?? CfCalendar.ProlepticGregorian;

        private double PerSecond => calendar is null ? 1e9 : 1e6;

        public double ToAxisValue(object label, string coordinate)
        {
            switch (label)
            {
                case DateTime dt:
                    return calendar is null ? Datetime64.FromDateTime(dt) : CfDate.FromDateTime(dt, Calendar).EpochMicroseconds;
                case DateTimeOffset dto:
                    return ToAxisValue(dto.UtcDateTime, coordinate);
                case CfDate d:
                    return calendar is null ? d.ToDatetime64() : d.WithCalendar(Calendar).EpochMicroseconds;
                case string s when CfDate.TryParse(s, Calendar, out var parsed):
                    return calendar is null ? parsed.ToDatetime64() : parsed.EpochMicroseconds;
                case sbyte or short or int or long or byte or ushort or uint or ulong or float or double:
                    return Convert.ToDouble(label, CultureInfo.InvariantCulture);
            }
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidLabel",
                $"'{label}' is not a time that coordinate '{coordinate}' can be selected by (use a DateTime or a string like '2019-07-01T06:00').", label);
        }

        public bool TryPeriod(object label, out double start, out double end)
        {
            start = end = 0;
            if (label is not string s || !CfPeriod.TryParse(s, Calendar, out var p)) return false;
            // A full timestamp to the second or finer is a point, not a period (pandas: exact resolution).
            if (p.Resolution >= CfPeriodResolution.Second) return false;
            if (calendar is null)
            {
                var (a, b) = p.ToDatetime64Range();
                start = a;
                end = b;
            }
            else
            {
                start = p.Start.EpochMicroseconds;
                end = p.End.EpochMicroseconds;
            }
            return true;
        }

        public double ToAxisDuration(object tolerance, string coordinate) => tolerance switch
        {
            TimeSpan ts => ts.TotalSeconds * PerSecond,
            string s => ParseDuration(s, coordinate) * PerSecond,
            _ => Convert.ToDouble(tolerance, CultureInfo.InvariantCulture) * PerSecond,
        };

        // pandas-like offsets: 30min, 1h, 6H, 1D, 90s, 1W; or a TimeSpan string.
        private static double ParseDuration(string s, string coordinate)
        {
            var t = s.Trim();
            int i = 0;
            while (i < t.Length && (char.IsDigit(t[i]) || t[i] == '.')) i++;
            if (i > 0 && double.TryParse(t[..i], NumberStyles.Float, CultureInfo.InvariantCulture, out double n))
            {
                string unit = t[i..].Trim().ToLowerInvariant();
                double? seconds = unit switch
                {
                    "s" or "sec" or "second" or "seconds" => 1,
                    "min" or "t" or "minute" or "minutes" => 60,
                    "h" or "hour" or "hours" => 3600,
                    "d" or "day" or "days" => 86400,
                    "w" or "week" or "weeks" => 7 * 86400,
                    "ms" => 1e-3,
                    _ => null,
                };
                if (seconds is double f) return n * f;
            }
            if (TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var ts)) return ts.TotalSeconds;
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidTolerance",
                $"Tolerance '{s}' for coordinate '{coordinate}' is not a duration (use a TimeSpan, or '30min', '1h', '1D').", s);
        }

        public string Format(double axisValue) => calendar is null
            ? Repr.FormatValue(Datetime64.ToDateTime((long)axisValue))
            : CfDate.FromEpochMicroseconds((long)axisValue, Calendar).ToString();

        public string FormatDuration(double axisDuration) => TimeSpan.FromSeconds(axisDuration / PerSecond).ToString();
    }
}
