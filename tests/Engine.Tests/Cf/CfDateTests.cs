using ZarrPS.Engine.Cf;

namespace ZarrPS.Engine.Tests.Cf;

/// <summary>CfDate: validation, round trips through the sortable count, printing, parsing, ordering, arithmetic.</summary>
public class CfDateTests
{
    [Fact]
    public void DaysThatDoNotExistAreRefused()
    {
        AssertInvalid(() => new CfDate(2001, 2, 29, CfCalendar.ProlepticGregorian), "2001-02-29 00:00:00 is not a date of the proleptic_gregorian calendar: day 29 does not exist in that month.");
        AssertInvalid(() => new CfDate(2000, 2, 29, CfCalendar.NoLeap), "2000-02-29 00:00:00 is not a date of the noleap calendar: day 29 does not exist in that month.");
        AssertInvalid(() => new CfDate(2000, 1, 31, CfCalendar.Day360), "2000-01-31 00:00:00 is not a date of the 360_day calendar: day 31 does not exist in that month.");
        AssertInvalid(() => new CfDate(1582, 10, 10, CfCalendar.Standard), "1582-10-10 00:00:00 is not a date of the standard calendar: the days 1582-10-05 to 1582-10-14 do not exist in the mixed Julian/Gregorian calendar.");
        AssertInvalid(() => new CfDate(0, 1, 1, CfCalendar.Standard), "0000-01-01 00:00:00 is not a date of the standard calendar: there is no year 0 (1 BC is year -1).");
        AssertInvalid(() => new CfDate(2000, 13, 1, CfCalendar.Julian), "2000-13-01 00:00:00 is not a date of the julian calendar: month 13 is not between 1 and 12.");
        AssertInvalid(() => new CfDate(2000, 1, 1, 24, 0, 0, 0, CfCalendar.NoLeap), "2000-01-01 24:00:00 is not a date of the noleap calendar: hour 24 is not between 0 and 23.");
        AssertInvalid(() => new CfDate(2000, 1, 1, 0, 0, 0, 1_000_000, CfCalendar.NoLeap), "2000-01-01 00:00:00.1000000 is not a date of the noleap calendar: microsecond 1000000 is not between 0 and 999999.");

        Assert.Equal(29, new CfDate(1900, 2, 29, CfCalendar.Julian).Day);
        Assert.Equal(29, new CfDate(2001, 2, 29, CfCalendar.AllLeap).Day);
        Assert.Equal(30, new CfDate(2001, 2, 30, CfCalendar.Day360).Day);
        Assert.Equal(0, new CfDate(0, 1, 1, CfCalendar.ProlepticGregorian).Year);
        Assert.Equal(15, new CfDate(1582, 10, 15, CfCalendar.Standard).Day);
        Assert.Equal(10, new CfDate(1582, 10, 10, CfCalendar.ProlepticGregorian).Day);
    }

    private static void AssertInvalid(Func<CfDate> make, string message)
    {
        var e = Assert.Throws<ZarrPSException>(() => make());
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("InvalidDate", e.ErrorId);
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData(CfCalendar.Standard)]
    [InlineData(CfCalendar.ProlepticGregorian)]
    [InlineData(CfCalendar.Julian)]
    [InlineData(CfCalendar.NoLeap)]
    [InlineData(CfCalendar.AllLeap)]
    [InlineData(CfCalendar.Day360)]
    public void RandomDatesRoundTripThroughTheirCount(CfCalendar calendar)
    {
        var r = new Random(17 + (int)calendar);
        for (int i = 0; i < 20_000; i++)
        {
            int year = i % 2 == 0 ? r.Next(-3000, 4000) : r.Next(CfCalendars.MinYear, CfCalendars.MaxYear + 1);
            if (year == 0 && !CfCalendars.HasYearZero(calendar)) year = 1;
            int month = r.Next(1, 13);
            int day = r.Next(1, CfCalendars.DaysInMonth(year, month, calendar) + 1);
            if (calendar == CfCalendar.Standard && year == 1582 && month == 10 && day is > 4 and < 15) day = 4;
            int h = r.Next(24), mi = r.Next(60), s = r.Next(60), us = r.Next(1_000_000);
            var date = new CfDate(year, month, day, h, mi, s, us, calendar);
            var back = CfDate.FromEpochMicroseconds(date.EpochMicroseconds, calendar);
            Assert.Equal(date, back);
            var (y2, m2, d2, h2, mi2, s2, us2) = back;
            Assert.True((year, month, day, h, mi, s, us) == (y2, m2, d2, h2, mi2, s2, us2),
                $"{calendar}: {year}-{month}-{day} {h}:{mi}:{s}.{us} came back as {back}");
            Assert.Equal((year, month, day, h, mi, s, us), (back.Year, back.Month, back.Day, back.Hour, back.Minute, back.Second, back.Microsecond));
        }
    }

    [Theory]
    [InlineData(CfCalendar.Standard, -4800, 2500)]
    [InlineData(CfCalendar.ProlepticGregorian, -4800, 2500)]
    [InlineData(CfCalendar.Julian, -4800, 2500)]
    [InlineData(CfCalendar.NoLeap, -2000, 2500)]
    [InlineData(CfCalendar.AllLeap, -2000, 2500)]
    [InlineData(CfCalendar.Day360, -2000, 2500)]
    public void ConsecutiveDaysAreConsecutiveCounts(CfCalendar calendar, int fromYear, int toYear)
    {
        // Walk every day with the month-length rules alone and check the count goes up by exactly one day.
        long expected = new CfDate(fromYear, 1, 1, calendar).EpochMicroseconds;
        for (int y = fromYear; y <= toYear; y++)
        {
            if (y == 0 && !CfCalendars.HasYearZero(calendar)) continue;
            int dayOfYear = 0;
            for (int m = 1; m <= 12; m++)
            {
                int last = CfCalendars.DaysInMonth(y, m, calendar);
                for (int d = 1; d <= last; d++)
                {
                    if (calendar == CfCalendar.Standard && y == 1582 && m == 10 && d is > 4 and < 15) continue;
                    var date = new CfDate(y, m, d, calendar);
                    Assert.Equal(expected, date.EpochMicroseconds);
                    Assert.Equal(++dayOfYear, date.DayOfYear);
                    expected += 86_400_000_000L;
                }
            }
            Assert.Equal(CfCalendars.DaysInYear(y, calendar), dayOfYear);
        }
    }

    [Fact]
    public void RealWorldCalendarsShareOneTimeline()
    {
        var standard = new CfDate(1582, 10, 4, CfCalendar.Standard);
        Assert.Equal(new CfDate(1582, 10, 15, CfCalendar.Standard), standard.AddDays(1));
        Assert.Equal(new CfDate(1582, 10, 4, CfCalendar.Julian).EpochMicroseconds, standard.EpochMicroseconds);
        Assert.Equal(new CfDate(1582, 10, 14, CfCalendar.ProlepticGregorian).EpochMicroseconds, standard.EpochMicroseconds);
        Assert.Equal(0, new CfDate(1970, 1, 1, CfCalendar.Standard).EpochMicroseconds);
        Assert.Equal(0, new CfDate(1970, 1, 1, CfCalendar.Day360).EpochMicroseconds);
        Assert.Equal(0, new CfDate(1969, 12, 19, CfCalendar.Julian).EpochMicroseconds);
        Assert.Equal(new CfDate(1, 1, 1, CfCalendar.Standard), new CfDate(-1, 12, 31, CfCalendar.Standard).AddDays(1));
    }

    [Fact]
    public void PrintsLikeCftime()
    {
        Assert.Equal("2000-01-01 00:00:00", new CfDate(2000, 1, 1, CfCalendar.Standard).ToString());
        Assert.Equal("2000-01-01T00:00:00", new CfDate(2000, 1, 1, CfCalendar.Standard).ToString('T'));
        Assert.Equal("2000-02-30 06:05:04.000007", new CfDate(2000, 2, 30, 6, 5, 4, 7, CfCalendar.Day360).ToString());
        Assert.Equal("0001-01-01 00:00:00", new CfDate(1, 1, 1, CfCalendar.Julian).ToString());
        Assert.Equal("-0100-03-01 00:00:00", new CfDate(-100, 3, 1, CfCalendar.Standard).ToString());
        Assert.Equal("10000-01-01 00:00:00", new CfDate(10000, 1, 1, CfCalendar.NoLeap).ToString());
    }

    [Theory]
    [InlineData("2000-01-01", CfCalendar.Standard, "2000-01-01 00:00:00")]
    [InlineData("2000-1-1 6:30", CfCalendar.Standard, "2000-01-01 06:30:00")]
    [InlineData("2000-01-01T06:30:15.5", CfCalendar.ProlepticGregorian, "2000-01-01 06:30:15.500000")]
    [InlineData("2000-01-01 06:30:15.1234567", CfCalendar.ProlepticGregorian, "2000-01-01 06:30:15.123456")]
    [InlineData("2000-02-30", CfCalendar.Day360, "2000-02-30 00:00:00")]
    [InlineData("-0100-01-01", CfCalendar.Julian, "-0100-01-01 00:00:00")]
    [InlineData("2019-07", CfCalendar.NoLeap, "2019-07-01 00:00:00")]
    [InlineData("2000-01-01T00:00:00Z", CfCalendar.Standard, "2000-01-01 00:00:00")]
    [InlineData("2000-01-01 12:00:00 +05:30", CfCalendar.Standard, "2000-01-01 06:30:00")]
    [InlineData("2000-01-01 03:00 -0500", CfCalendar.AllLeap, "2000-01-01 08:00:00")]
    public void ParsesDates(string text, CfCalendar calendar, string printed)
    {
        var d = CfDate.Parse(text, calendar);
        Assert.Equal(printed, d.ToString());
        Assert.Equal(calendar, d.Calendar);
        Assert.Equal(d, CfDate.Parse(d.ToString('T'), calendar));
    }

    [Theory]
    [InlineData("2001-02-29", CfCalendar.Standard, "'2001-02-29' is not a date of the standard calendar: day 29 does not exist in that month.")]
    [InlineData("yesterday", CfCalendar.Standard, "'yesterday' is not a date of the standard calendar: it does not start with a year.")]
    [InlineData("2000-01-01 12:00:00 EST", CfCalendar.Standard, "'2000-01-01 12:00:00 EST' is not a date of the standard calendar: unexpected text 'EST' (a time zone must be Z, UTC, GMT or an offset such as +05:30).")]
    [InlineData("2000-01-01 12:61", CfCalendar.NoLeap, "'2000-01-01 12:61' is not a date of the noleap calendar: minute 61 is not between 0 and 59.")]
    [InlineData("0000-06-01", CfCalendar.Julian, "'0000-06-01' is not a date of the julian calendar: there is no year 0 (1 BC is year -1).")]
    public void BadDateTextIsRefused(string text, CfCalendar calendar, string message)
    {
        var e = Assert.Throws<ZarrPSException>(() => CfDate.Parse(text, calendar));
        Assert.Equal("InvalidDate", e.ErrorId);
        Assert.Equal(message, e.Message);
        Assert.False(CfDate.TryParse(text, calendar, out _));
    }

    [Fact]
    public void OrdersAndComparesWithinOneCalendar()
    {
        var a = new CfDate(2000, 2, 30, CfCalendar.Day360);
        var b = new CfDate(2000, 3, 1, CfCalendar.Day360);
        Assert.True(a < b && b > a && a <= b && a != b);
        Assert.Equal(-1, a.CompareTo(b));
        Assert.Equal(86_400_000_000L, b.MicrosecondsSince(a));
        Assert.Equal(TimeSpan.FromDays(1), b - a);
        Assert.Equal(b, a + TimeSpan.FromDays(1));
        Assert.Equal(a, b - TimeSpan.FromHours(24));
        var sorted = new[] { b, a };
        Array.Sort(sorted);
        Assert.Equal([a, b], sorted);

        var other = new CfDate(2000, 3, 1, CfCalendar.NoLeap);
        Assert.False(other.Equals(b));
        var e = Assert.Throws<ZarrPSException>(() => other.CompareTo(b));
        Assert.Equal("CalendarMismatch", e.ErrorId);
        Assert.Equal("Cannot compare or subtract a noleap date (2000-03-01 00:00:00) and a 360_day date (2000-03-01 00:00:00).", e.Message);
    }

    [Fact]
    public void AddsDurationsAcrossMonthAndYearEnds()
    {
        Assert.Equal(new CfDate(2001, 3, 1, CfCalendar.NoLeap), new CfDate(2001, 2, 28, CfCalendar.NoLeap).AddDays(1));
        Assert.Equal(new CfDate(2001, 2, 29, CfCalendar.AllLeap), new CfDate(2001, 2, 28, CfCalendar.AllLeap).AddDays(1));
        Assert.Equal(new CfDate(2001, 1, 1, CfCalendar.Day360), new CfDate(2000, 12, 30, CfCalendar.Day360).AddDays(1));
        Assert.Equal(new CfDate(1999, 12, 31, 23, 59, 59, 999_999, CfCalendar.Julian), new CfDate(2000, 1, 1, CfCalendar.Julian).AddMicroseconds(-1));
        Assert.Equal(new CfDate(2000, 1, 1, 0, 0, 0, 1, CfCalendar.Standard), new CfDate(2000, 1, 1, CfCalendar.Standard) + TimeSpan.FromTicks(15));
        Assert.Equal(365L * 86_400_000_000, new CfDate(2001, 1, 1, CfCalendar.NoLeap).MicrosecondsSince(new CfDate(2000, 1, 1, CfCalendar.NoLeap)));
        var e = Assert.Throws<ZarrPSException>(() => new CfDate(CfCalendars.MaxYear, 12, 31, CfCalendar.NoLeap).AddDays(1));
        Assert.Equal("InvalidDate", e.ErrorId);
    }

    [Fact]
    public void ConvertsToDatetime64AndDateTime()
    {
        var d = new CfDate(2019, 7, 1, 6, 30, 15, 250_000, CfCalendar.ProlepticGregorian);
        Assert.Equal(1_561_962_615_250_000_000L, d.ToDatetime64());
        Assert.Equal(new DateTime(2019, 7, 1, 6, 30, 15, 250), d.ToDateTime());
        Assert.Equal(d, CfDate.FromDatetime64(1_561_962_615_250_000_999L));
        Assert.Equal(d, CfDate.FromDateTime(new DateTime(2019, 7, 1, 6, 30, 15, 250)));
        Assert.Equal(new CfDate(2019, 7, 1, 6, 30, 15, 250_000, CfCalendar.NoLeap), CfDate.FromDatetime64(1_561_962_615_250_000_000L, CfCalendar.NoLeap));
        Assert.Equal(d.ToDatetime64(), new CfDate(2019, 7, 1, 6, 30, 15, 250_000, CfCalendar.Standard).ToDatetime64());

        Assert.False(new CfDate(2019, 7, 1, CfCalendar.NoLeap).TryToDatetime64(out _));
        Assert.False(new CfDate(1677, 9, 20, CfCalendar.ProlepticGregorian).TryToDatetime64(out _));
        Assert.True(new CfDate(1677, 9, 22, CfCalendar.ProlepticGregorian).TryToDatetime64(out _));
        Assert.False(new CfDate(2262, 4, 12, CfCalendar.ProlepticGregorian).TryToDatetime64(out _));
        var e = Assert.Throws<ZarrPSException>(() => new CfDate(2000, 1, 1, CfCalendar.Julian).ToDatetime64());
        Assert.Equal("TimeOutOfRange", e.ErrorId);
        Assert.Throws<ZarrPSException>(() => new CfDate(1500, 1, 1, CfCalendar.Standard).ToDateTime());
        Assert.Equal(new DateTime(1500, 1, 1), new CfDate(1500, 1, 1, CfCalendar.ProlepticGregorian).ToDateTime());
    }

    [Fact]
    public void ChangesCalendarByFields()
    {
        var leapDay = new CfDate(2000, 2, 29, CfCalendar.ProlepticGregorian);
        Assert.Equal(new CfDate(2000, 2, 29, CfCalendar.AllLeap), leapDay.WithCalendar(CfCalendar.AllLeap));
        Assert.Equal(new CfDate(2000, 2, 29, CfCalendar.Day360), leapDay.WithCalendar(CfCalendar.Day360));
        Assert.Equal("InvalidDate", Assert.Throws<ZarrPSException>(() => leapDay.WithCalendar(CfCalendar.NoLeap)).ErrorId);
    }
}
