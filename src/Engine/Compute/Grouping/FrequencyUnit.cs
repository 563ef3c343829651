namespace ZarrPS.Engine.Compute.Grouping;

/// <summary>The base unit of a resampling frequency (pandas offset aliases).</summary>
public enum FrequencyUnit
{
    /// <summary>N: nanoseconds.</summary>
    Nanosecond,
    /// <summary>U, us: microseconds.</summary>
    Microsecond,
    /// <summary>L, ms: milliseconds.</summary>
    Millisecond,
    /// <summary>S: seconds.</summary>
    Second,
    /// <summary>T, min: minutes.</summary>
    Minute,
    /// <summary>H: hours.</summary>
    Hour,
    /// <summary>D: calendar days.</summary>
    Day,
    /// <summary>W, W-SUN …: weeks ending on a weekday.</summary>
    Week,
    /// <summary>M: month ends.</summary>
    MonthEnd,
    /// <summary>MS: month starts.</summary>
    MonthStart,
    /// <summary>Q, Q-DEC …: quarter ends.</summary>
    QuarterEnd,
    /// <summary>QS, QS-DEC …: quarter starts.</summary>
    QuarterStart,
    /// <summary>A, Y, A-DEC …: year ends.</summary>
    YearEnd,
    /// <summary>AS, YS, AS-JAN …: year starts.</summary>
    YearStart,
}
