using ZarrPS.Engine.Cf;

namespace ZarrPS.Engine.Tests.Cf;

/// <summary>Calendar names, leap rules and month lengths of every CF calendar.</summary>
public class CfCalendarTests
{
    public static readonly CfCalendar[] All =
        [CfCalendar.Standard, CfCalendar.ProlepticGregorian, CfCalendar.Julian, CfCalendar.NoLeap, CfCalendar.AllLeap, CfCalendar.Day360];

    [Theory]
    [InlineData("standard", CfCalendar.Standard)]
    [InlineData("gregorian", CfCalendar.Standard)]
    [InlineData("Gregorian", CfCalendar.Standard)]
    [InlineData(" STANDARD ", CfCalendar.Standard)]
    [InlineData("proleptic_gregorian", CfCalendar.ProlepticGregorian)]
    [InlineData("julian", CfCalendar.Julian)]
    [InlineData("noleap", CfCalendar.NoLeap)]
    [InlineData("365_day", CfCalendar.NoLeap)]
    [InlineData("NoLeap", CfCalendar.NoLeap)]
    [InlineData("all_leap", CfCalendar.AllLeap)]
    [InlineData("366_day", CfCalendar.AllLeap)]
    [InlineData("360_day", CfCalendar.Day360)]
    [InlineData(null, CfCalendar.Standard)]
    [InlineData("", CfCalendar.Standard)]
    public void ParsesEveryCfNameAndAlias(string? name, CfCalendar expected)
    {
        Assert.Equal(expected, CfCalendars.Parse(name));
    }

    [Fact]
    public void CanonicalNamesParseBackToTheSameCalendar()
    {
        foreach (var c in All) Assert.Equal(c, CfCalendars.Parse(CfCalendars.Name(c)));
        Assert.Equal("standard", CfCalendars.Name(CfCalendars.Parse("gregorian")));
        Assert.Equal("noleap", CfCalendars.Name(CfCalendars.Parse("365_day")));
        Assert.Equal("all_leap", CfCalendars.Name(CfCalendars.Parse("366_day")));
    }

    [Fact]
    public void NoneIsRefusedWithItsOwnReason()
    {
        var e = Assert.Throws<ZarrPSException>(() => CfCalendars.Parse("none"));
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Equal("InvalidCalendar", e.ErrorId);
        Assert.Equal("Calendar 'none' is not supported: a time axis with calendar 'none' has no dates to decode.", e.Message);
    }

    [Fact]
    public void UnknownCalendarNamesTheValidOnes()
    {
        var e = Assert.Throws<ZarrPSException>(() => CfCalendars.Parse("lunar"));
        Assert.Equal("InvalidCalendar", e.ErrorId);
        Assert.Equal("Calendar 'lunar' is not supported: expected standard, gregorian, proleptic_gregorian, julian, noleap, 365_day, all_leap, 366_day or 360_day.", e.Message);
        Assert.False(CfCalendars.TryParse("tai", out _));
    }

    [Theory]
    [InlineData(1900, false, true, false)]
    [InlineData(2000, true, true, true)]
    [InlineData(2001, false, false, false)]
    [InlineData(2004, true, true, true)]
    [InlineData(2100, false, true, false)]
    [InlineData(1700, false, true, false)]
    [InlineData(1600, true, true, true)]
    [InlineData(1500, false, true, true)]   // Julian rule before the switch in the mixed calendar
    [InlineData(1582, false, false, false)]
    [InlineData(4, true, true, true)]
    [InlineData(-1, false, true, true)]     // 1 BC: astronomical 0 in julian/standard; in proleptic -1 is a plain year
    [InlineData(-4, true, false, false)]    // proleptic -4 is leap; julian/standard -4 is astronomical -3
    [InlineData(-5, false, true, true)]     // 5 BC = astronomical -4
    public void LeapYearRules(int year, bool proleptic, bool julian, bool standard)
    {
        Assert.Equal(proleptic, CfCalendars.IsLeapYear(year, CfCalendar.ProlepticGregorian));
        Assert.Equal(julian, CfCalendars.IsLeapYear(year, CfCalendar.Julian));
        Assert.Equal(standard, CfCalendars.IsLeapYear(year, CfCalendar.Standard));
        Assert.False(CfCalendars.IsLeapYear(year, CfCalendar.NoLeap));
        Assert.True(CfCalendars.IsLeapYear(year, CfCalendar.AllLeap));
        Assert.False(CfCalendars.IsLeapYear(year, CfCalendar.Day360));
    }

    [Fact]
    public void MonthLengthsOfEveryCalendar()
    {
        int[] common = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        for (int m = 1; m <= 12; m++)
        {
            int leapFeb = m == 2 ? 29 : common[m - 1];
            Assert.Equal(common[m - 1], CfCalendars.DaysInMonth(2001, m, CfCalendar.ProlepticGregorian));
            Assert.Equal(leapFeb, CfCalendars.DaysInMonth(2000, m, CfCalendar.ProlepticGregorian));
            Assert.Equal(common[m - 1], CfCalendars.DaysInMonth(1900, m, CfCalendar.ProlepticGregorian));
            Assert.Equal(leapFeb, CfCalendars.DaysInMonth(1900, m, CfCalendar.Julian));
            Assert.Equal(leapFeb, CfCalendars.DaysInMonth(1500, m, CfCalendar.Standard));
            Assert.Equal(common[m - 1], CfCalendars.DaysInMonth(1700, m, CfCalendar.Standard));
            Assert.Equal(common[m - 1], CfCalendars.DaysInMonth(2000, m, CfCalendar.NoLeap));
            Assert.Equal(leapFeb, CfCalendars.DaysInMonth(2001, m, CfCalendar.AllLeap));
            Assert.Equal(30, CfCalendars.DaysInMonth(2000, m, CfCalendar.Day360));
        }
    }

    [Fact]
    public void YearLengths()
    {
        Assert.Equal(366, CfCalendars.DaysInYear(2000, CfCalendar.ProlepticGregorian));
        Assert.Equal(365, CfCalendars.DaysInYear(1900, CfCalendar.ProlepticGregorian));
        Assert.Equal(366, CfCalendars.DaysInYear(1900, CfCalendar.Julian));
        Assert.Equal(355, CfCalendars.DaysInYear(1582, CfCalendar.Standard)); // ten days dropped in October
        Assert.Equal(365, CfCalendars.DaysInYear(1582, CfCalendar.ProlepticGregorian));
        Assert.Equal(366, CfCalendars.DaysInYear(-1, CfCalendar.Standard));    // 1 BC, the year before year 1
        Assert.Equal(365, CfCalendars.DaysInYear(2000, CfCalendar.NoLeap));
        Assert.Equal(366, CfCalendars.DaysInYear(2001, CfCalendar.AllLeap));
        Assert.Equal(360, CfCalendars.DaysInYear(2000, CfCalendar.Day360));
        Assert.Equal(365, CfCalendars.DaysInYear(0, CfCalendar.NoLeap));
    }

    [Fact]
    public void YearZeroExistsOnlyWhereCfAllowsIt()
    {
        Assert.False(CfCalendars.HasYearZero(CfCalendar.Standard));
        Assert.False(CfCalendars.HasYearZero(CfCalendar.Julian));
        Assert.True(CfCalendars.HasYearZero(CfCalendar.ProlepticGregorian));
        Assert.True(CfCalendars.HasYearZero(CfCalendar.NoLeap));
        var e = Assert.Throws<ZarrPSException>(() => CfCalendars.IsLeapYear(0, CfCalendar.Julian));
        Assert.Equal("Year 0 does not exist in the julian calendar (1 BC is year -1).", e.Message);
        Assert.True(CfCalendars.IsLeapYear(0, CfCalendar.ProlepticGregorian));
    }

    [Fact]
    public void JulianDayNumbersOfKnownDates()
    {
        // Julian day numbers (days since -4712-01-01 Julian) of well-known dates: 1970-01-01 is JDN 2440588.
        static long Jdn(CfDate d) => (long)Math.Floor(d.EpochMicroseconds / 86_400_000_000.0) + 2_440_588;
        Assert.Equal(2_451_545, Jdn(new CfDate(2000, 1, 1, CfCalendar.ProlepticGregorian)));
        Assert.Equal(2_451_545, Jdn(new CfDate(2000, 1, 1, CfCalendar.Standard)));
        Assert.Equal(2_451_558, Jdn(new CfDate(2000, 1, 1, CfCalendar.Julian)));  // 13 days later
        Assert.Equal(2_299_161, Jdn(new CfDate(1582, 10, 15, CfCalendar.Standard)));
        Assert.Equal(2_299_160, Jdn(new CfDate(1582, 10, 4, CfCalendar.Standard)));
        Assert.Equal(2_299_160, Jdn(new CfDate(1582, 10, 4, CfCalendar.Julian)));
        Assert.Equal(2_299_150, Jdn(new CfDate(1582, 10, 4, CfCalendar.ProlepticGregorian)));
        Assert.Equal(1_721_424, Jdn(new CfDate(1, 1, 1, CfCalendar.Julian)));
        Assert.Equal(1_721_426, Jdn(new CfDate(1, 1, 1, CfCalendar.ProlepticGregorian)));
        Assert.Equal(0, Jdn(new CfDate(-4713, 1, 1, 12, 0, 0, 0, CfCalendar.Julian))); // 4713 BC, noon
    }
}
