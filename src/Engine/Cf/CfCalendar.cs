namespace ZarrPS.Engine.Cf;

/// <summary>
/// A CF calendar (the <c>calendar</c> attribute of a time coordinate). Aliases share one value:
/// gregorian is <see cref="Standard"/>, 365_day is <see cref="NoLeap"/>, 366_day is <see cref="AllLeap"/>.
/// </summary>
public enum CfCalendar : byte
{
    /// <summary>The mixed Julian/Gregorian calendar: Julian up to 1582-10-04, Gregorian from the next day, 1582-10-15. No year 0. CF's default.</summary>
    Standard,
    /// <summary>The Gregorian calendar extended to all years, with a year 0 (ISO 8601, numpy datetime64).</summary>
    ProlepticGregorian,
    /// <summary>The Julian calendar: every fourth year is a leap year. No year 0.</summary>
    Julian,
    /// <summary>Every year has 365 days (noleap, 365_day).</summary>
    NoLeap,
    /// <summary>Every year has 366 days (all_leap, 366_day).</summary>
    AllLeap,
    /// <summary>Twelve months of 30 days (360_day).</summary>
    Day360,
}
