namespace ZarrPS.Engine.Model;

/// <summary>
/// How labels map onto a time coordinate whose values are numbers on an axis (int64 nanoseconds since 1970 for
/// datetime64[ns], or a calendar's sortable date numbers): timestamps, DateTime, partial-date periods, durations.
/// </summary>
public interface ITimeAxis
{
    /// <summary>A timestamp label (DateTime, ISO string) as an axis value; throws naming the coordinate when it is not one.</summary>
    double ToAxisValue(object label, string coordinate);

    /// <summary>A label that names a period ('2019', '2019-07', '2019-07-01T06') as the half-open axis interval it covers.</summary>
    bool TryPeriod(object label, out double start, out double end);

    /// <summary>A tolerance (TimeSpan, '1h', '30min', '1D', seconds as a number) in axis units.</summary>
    double ToAxisDuration(object tolerance, string coordinate);

    /// <summary>An axis value as a date string.</summary>
    string Format(double axisValue);

    /// <summary>An axis duration as text.</summary>
    string FormatDuration(double axisDuration);
}
