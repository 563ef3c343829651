namespace ZarrPS.Engine.Cf;

/// <summary>The unit of a CF time coordinate ("&lt;unit&gt; since &lt;date&gt;"), finest first.</summary>
public enum CfTimeUnit : byte
{
    /// <summary>nanoseconds (xarray writes it for datetime64[ns] steps below a microsecond; cftime refuses it).</summary>
    Nanoseconds,
    /// <summary>microseconds, microsecond, microsec, microsecs, us, usec, usecs.</summary>
    Microseconds,
    /// <summary>milliseconds, millisecond, millisec, millisecs, msec, msecs, ms.</summary>
    Milliseconds,
    /// <summary>seconds, second, sec, secs, s.</summary>
    Seconds,
    /// <summary>minutes, minute, min, mins.</summary>
    Minutes,
    /// <summary>hours, hour, hr, hrs, h.</summary>
    Hours,
    /// <summary>days, day, d.</summary>
    Days,
    /// <summary>months of exactly 30 days: only with the 360_day calendar (as cftime).</summary>
    Months,
    /// <summary>common_years of exactly 365 days: only with the noleap/365_day calendar (as cftime).</summary>
    CommonYears,
}
