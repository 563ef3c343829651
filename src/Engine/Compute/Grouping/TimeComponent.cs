namespace ZarrPS.Engine.Compute.Grouping;

/// <summary>A field of a time coordinate that groups can be formed by, as xarray's <c>time.month</c> virtual variables.</summary>
public enum TimeComponent
{
    /// <summary>The year as the calendar numbers it.</summary>
    Year,
    /// <summary>The quarter, 1 to 4.</summary>
    Quarter,
    /// <summary>The month, 1 to 12.</summary>
    Month,
    /// <summary>The season: 'DJF', 'MAM', 'JJA' or 'SON'.</summary>
    Season,
    /// <summary>The day of the month.</summary>
    Day,
    /// <summary>The day of the year, 1 for January 1st (up to 360, 365 or 366 as the calendar has days).</summary>
    DayOfYear,
    /// <summary>The day of the week, Monday 0 to Sunday 6 (pandas and cftime numbering).</summary>
    DayOfWeek,
    /// <summary>The hour, 0 to 23.</summary>
    Hour,
    /// <summary>The minute, 0 to 59.</summary>
    Minute,
    /// <summary>The second, 0 to 59.</summary>
    Second,
}
