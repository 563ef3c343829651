using ZarrPS.Engine.Cf;

namespace ZarrPS.Engine.Tests.Cf;

/// <summary>Parsing "&lt;unit&gt; since &lt;reference date&gt;" as udunits/cftime accept it, and its errors.</summary>
public class CfTimeUnitsTests
{
    [Theory]
    [InlineData("days since 1850-01-01", CfTimeUnit.Days, "1850-01-01 00:00:00")]
    [InlineData("days since 1850-1-1", CfTimeUnit.Days, "1850-01-01 00:00:00")]
    [InlineData("hours since 1900-01-01 00:00:0.0", CfTimeUnit.Hours, "1900-01-01 00:00:00")]
    [InlineData("seconds since 1970-01-01T00:00:00Z", CfTimeUnit.Seconds, "1970-01-01 00:00:00")]
    [InlineData("minutes since 2000-01-01 12:00:00 +05:30", CfTimeUnit.Minutes, "2000-01-01 06:30:00")]
    [InlineData("minutes since 2000-01-01 12:00:00+0530", CfTimeUnit.Minutes, "2000-01-01 06:30:00")]
    [InlineData("minutes since 2000-01-01 12:00:00 -05:30", CfTimeUnit.Minutes, "2000-01-01 17:30:00")]
    [InlineData("hours since 2000-01-01 12:00:00 +5", CfTimeUnit.Hours, "2000-01-01 07:00:00")]
    [InlineData("days since 1-1-1 0:0:0", CfTimeUnit.Days, "0001-01-01 00:00:00")]
    [InlineData("d since 2000-01-01", CfTimeUnit.Days, "2000-01-01 00:00:00")]
    [InlineData("Days since 2000-01-01 UTC", CfTimeUnit.Days, "2000-01-01 00:00:00")]
    [InlineData("day since 2000-01-01 00:00:00 GMT", CfTimeUnit.Days, "2000-01-01 00:00:00")]
    [InlineData("hr since 2000-01-01T06", CfTimeUnit.Hours, "2000-01-01 06:00:00")]
    [InlineData("h since 2000-01-01", CfTimeUnit.Hours, "2000-01-01 00:00:00")]
    [InlineData("hrs since 2000-01-01", CfTimeUnit.Hours, "2000-01-01 00:00:00")]
    [InlineData("hour since 2000-01-01", CfTimeUnit.Hours, "2000-01-01 00:00:00")]
    [InlineData("min since 2000-01-01", CfTimeUnit.Minutes, "2000-01-01 00:00:00")]
    [InlineData("minute since 2000-01-01", CfTimeUnit.Minutes, "2000-01-01 00:00:00")]
    [InlineData("s since 2000-01-01", CfTimeUnit.Seconds, "2000-01-01 00:00:00")]
    [InlineData("sec since 2000-01-01", CfTimeUnit.Seconds, "2000-01-01 00:00:00")]
    [InlineData("secs since 2000-01-01", CfTimeUnit.Seconds, "2000-01-01 00:00:00")]
    [InlineData("second since 2000-01-01", CfTimeUnit.Seconds, "2000-01-01 00:00:00")]
    [InlineData("ms since 2000-01-01", CfTimeUnit.Milliseconds, "2000-01-01 00:00:00")]
    [InlineData("msec since 2000-01-01", CfTimeUnit.Milliseconds, "2000-01-01 00:00:00")]
    [InlineData("milliseconds since 2000-01-01", CfTimeUnit.Milliseconds, "2000-01-01 00:00:00")]
    [InlineData("us since 2000-01-01", CfTimeUnit.Microseconds, "2000-01-01 00:00:00")]
    [InlineData("microsecond since 2000-01-01", CfTimeUnit.Microseconds, "2000-01-01 00:00:00")]
    [InlineData("microsecs since 2000-01-01", CfTimeUnit.Microseconds, "2000-01-01 00:00:00")]
    [InlineData("nanoseconds since 2000-01-01", CfTimeUnit.Nanoseconds, "2000-01-01 00:00:00")]
    [InlineData("  days   since   1850-01-01  ", CfTimeUnit.Days, "1850-01-01 00:00:00")]
    [InlineData("seconds since 2000-01-01 12:00:00.123456", CfTimeUnit.Seconds, "2000-01-01 12:00:00.123456")]
    [InlineData("days since 1970", CfTimeUnit.Days, "1970-01-01 00:00:00")]
    public void ParsesUnitsAndReference(string units, CfTimeUnit unit, string reference)
    {
        var u = CfTimeUnits.Parse(units);
        Assert.Equal(unit, u.Unit);
        Assert.Equal(reference, u.ReferenceDate(CfCalendar.ProlepticGregorian).ToString());
        Assert.Equal(units, u.Text);
    }

    [Fact]
    public void UnitLengths()
    {
        Assert.Equal(86_400_000_000_000L, CfTimeUnits.Parse("days since 2000-01-01").UnitNanoseconds);
        Assert.Equal(3_600_000_000_000L, CfTimeUnits.Parse("hours since 2000-01-01").UnitNanoseconds);
        Assert.Equal(1_000L, CfTimeUnits.Parse("microseconds since 2000-01-01").UnitNanoseconds);
        Assert.Equal(30 * 86_400_000_000_000L, CfTimeUnits.Parse("months since 2000-01-01").UnitNanoseconds);
        Assert.Equal(365 * 86_400_000_000_000L, CfTimeUnits.Parse("common_years since 2000-01-01").UnitNanoseconds);
        Assert.Equal(TimeSpan.FromMinutes(330), CfTimeUnits.Parse("hours since 2000-01-01 12:00 +05:30").UtcOffset);
    }

    [Fact]
    public void YearZeroReferenceDependsOnTheCalendar()
    {
        var u = CfTimeUnits.Parse("days since 0000-01-01");
        Assert.Equal("0000-01-01 00:00:00", u.ReferenceDate(CfCalendar.ProlepticGregorian).ToString());
        Assert.Equal("0000-01-01 00:00:00", u.ReferenceDate(CfCalendar.NoLeap).ToString());
        Assert.Equal("0000-01-01 00:00:00", u.ReferenceDate(CfCalendar.Day360).ToString());
        var e = Assert.Throws<ZarrPSException>(() => u.ReferenceDate(CfCalendar.Standard));
        Assert.Equal("InvalidTimeUnits", e.ErrorId);
        Assert.Equal("Time units 'days since 0000-01-01' are not valid: reference date '0000-01-01' is not a date of the standard calendar: there is no year 0 (1 BC is year -1).", e.Message);
    }

    [Fact]
    public void MonthsOnlyIn360DayAndCommonYearsOnlyInNoLeap()
    {
        var months = CfTimeUnits.Parse("months since 2000-01-01");
        Assert.Equal("2000-01-01 00:00:00", months.ReferenceDate(CfCalendar.Day360).ToString());
        var e = Assert.Throws<ZarrPSException>(() => months.ReferenceDate(CfCalendar.NoLeap));
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Equal("InvalidTimeUnits", e.ErrorId);
        Assert.Equal("Time units 'months since 2000-01-01' are not valid: 'months since' is only defined for the 360_day calendar, not noleap (months vary in length; cftime and xarray refuse it too).", e.Message);

        var years = CfTimeUnits.Parse("common_years since 2000-01-01");
        Assert.Equal("2000-01-01 00:00:00", years.ReferenceDate(CfCalendar.NoLeap).ToString());
        e = Assert.Throws<ZarrPSException>(() => years.ReferenceDate(CfCalendar.Standard));
        Assert.Equal("Time units 'common_years since 2000-01-01' are not valid: 'common_years since' is only defined for the noleap/365_day calendar, not standard.", e.Message);
    }

    [Theory]
    [InlineData("days", "Time units 'days' are not valid: expected '<unit> since <reference date>', for example 'days since 1850-01-01'.")]
    [InlineData("", "Time units '' are not valid: expected '<unit> since <reference date>', for example 'days since 1850-01-01'.")]
    [InlineData("days after 2000-01-01", "Time units 'days after 2000-01-01' are not valid: expected '<unit> since <reference date>', for example 'days since 1850-01-01'.")]
    [InlineData("days since", "Time units 'days since' are not valid: expected '<unit> since <reference date>', for example 'days since 1850-01-01'.")]
    [InlineData("fortnights since 2000-01-01", "Time units 'fortnights since 2000-01-01' are not valid: unknown unit 'fortnights' (expected days, hours, minutes, seconds, milliseconds, microseconds or an abbreviation such as d, h, hr, min, s, sec, ms, us).")]
    [InlineData("years since 2000-01-01", "Time units 'years since 2000-01-01' are not valid: 'years since' is not supported: a year has no fixed length (cftime refuses it; udunits' 365.242198781-day year puts dates off midnight); use days, or months with the 360_day calendar.")]
    [InlineData("days since yesterday", "Time units 'days since yesterday' are not valid: reference date 'yesterday' cannot be read: it does not start with a year.")]
    [InlineData("days since 2000-13-01", "Time units 'days since 2000-13-01' are not valid: reference date '2000-13-01' cannot be read: month 13 is not between 1 and 12.")]
    [InlineData("days since 2000-01-01 25:00", "Time units 'days since 2000-01-01 25:00' are not valid: reference date '2000-01-01 25:00' cannot be read: hour 25 is not between 0 and 23.")]
    [InlineData("days since 2000-01-01 12:00:00 EST", "Time units 'days since 2000-01-01 12:00:00 EST' are not valid: reference date '2000-01-01 12:00:00 EST' cannot be read: unexpected text 'EST' (a time zone must be Z, UTC, GMT or an offset such as +05:30).")]
    public void BadUnitsNameTheUnitsString(string units, string message)
    {
        var e = Assert.Throws<ZarrPSException>(() => CfTimeUnits.Parse(units));
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Equal("InvalidTimeUnits", e.ErrorId);
        Assert.Equal(message, e.Message);
        Assert.False(CfTimeUnits.TryParse(units, out _));
    }

    [Fact]
    public void ReferenceThatDoesNotExistInTheCalendar()
    {
        var u = CfTimeUnits.Parse("days since 2001-02-29");
        Assert.Equal("2001-02-29 00:00:00", u.ReferenceDate(CfCalendar.AllLeap).ToString());
        var e = Assert.Throws<ZarrPSException>(() => u.ReferenceDate(CfCalendar.ProlepticGregorian));
        Assert.Equal("Time units 'days since 2001-02-29' are not valid: reference date '2001-02-29' is not a date of the proleptic_gregorian calendar: day 29 does not exist in that month.", e.Message);
        e = Assert.Throws<ZarrPSException>(() => CfTimeUnits.Parse("days since 1582-10-10").ReferenceDate(CfCalendar.Standard));
        Assert.Equal("Time units 'days since 1582-10-10' are not valid: reference date '1582-10-10' is not a date of the standard calendar: the days 1582-10-05 to 1582-10-14 do not exist in the mixed Julian/Gregorian calendar.", e.Message);
    }
}
