using ZarrPS.Engine.Cf;

namespace ZarrPS.Engine.Tests.Cf;

/// <summary>Encoding datetime64 values and calendar dates for writers: inferred units, int64 or float64, round trips.</summary>
public class CfTimeEncoderTests
{
    private static readonly long Day = 86_400_000_000_000L;
    private static readonly long Jan2019 = new CfDate(2019, 1, 1, CfCalendar.ProlepticGregorian).ToDatetime64();

    [Fact]
    public void InfersTheCoarsestUnitThatDividesEveryStep()
    {
        Assert.Equal("days since 2019-01-01 00:00:00", CfTimeEncoder.InferUnits([Jan2019, Jan2019 + Day, Jan2019 + 3 * Day]));
        Assert.Equal("hours since 2019-01-01 06:00:00", CfTimeEncoder.InferUnits([Jan2019 + Day / 4, Jan2019 + Day / 2]));
        Assert.Equal("minutes since 2019-01-01 00:00:00", CfTimeEncoder.InferUnits([Jan2019, Jan2019 + 90 * 60_000_000_000L]));
        Assert.Equal("seconds since 2019-01-01 00:00:00.500000", CfTimeEncoder.InferUnits([Jan2019 + 500_000_000, Jan2019 + 1_500_000_000]));
        Assert.Equal("milliseconds since 2019-01-01 00:00:00", CfTimeEncoder.InferUnits([Jan2019, Jan2019 + 1_500_000_000]));
        Assert.Equal("microseconds since 2019-01-01 00:00:00", CfTimeEncoder.InferUnits([Jan2019, Jan2019 + 1_000]));
        Assert.Equal("nanoseconds since 2019-01-01 00:00:00.000000001", CfTimeEncoder.InferUnits([Jan2019 + 1, Jan2019 + 2]));
        Assert.Equal("days since 2019-01-02 00:00:00", CfTimeEncoder.InferUnits([Datetime64.NaT, Jan2019 + Day, Datetime64.NaT, Jan2019 + 2 * Day]));
        Assert.Equal("days since 1970-01-01 00:00:00", CfTimeEncoder.InferUnits([]));
        Assert.Equal("days since 2019-01-01 00:00:00", CfTimeEncoder.InferUnits([Jan2019]));
        // Only consecutive steps count: one odd hour makes the whole axis hourly.
        Assert.Equal("hours since 2019-01-01 00:00:00", CfTimeEncoder.InferUnits([Jan2019, Jan2019 + Day, Jan2019 + Day + 3_600_000_000_000L]));
    }

    [Fact]
    public void EncodesToInt64WhenExactAndFloat64Otherwise()
    {
        var daily = CfTimeEncoder.Encode([Jan2019, Jan2019 + Day, Jan2019 + 2 * Day]);
        Assert.True(daily.IsInteger);
        Assert.Equal([0L, 1, 2], daily.Integers!);
        Assert.Equal("days since 2019-01-01 00:00:00", daily.Units);
        Assert.Equal("proleptic_gregorian", daily.Calendar);
        Assert.Equal(3, daily.Length);

        var withGap = CfTimeEncoder.Encode([Jan2019, Datetime64.NaT, Jan2019 + 2 * Day]);
        Assert.False(withGap.IsInteger);
        Assert.Equal(0.0, withGap.Floats![0]);
        Assert.True(double.IsNaN(withGap.Floats[1]));
        Assert.Equal(2.0, withGap.Floats[2]);

        var halfDays = CfTimeEncoder.Encode([Jan2019, Jan2019 + Day / 2], "days since 2019-01-01");
        Assert.False(halfDays.IsInteger);
        Assert.Equal([0.0, 0.5], halfDays.Floats!);
        Assert.Equal("days since 2019-01-01", halfDays.Units);
    }

    [Fact]
    public void GivenUnitsAreTidiedAsXarrayTidiesThem()
    {
        long t = Jan2019 + Day;
        Assert.Equal("hours since 2000-01-01", CfTimeEncoder.Encode([t], "hours since 2000-01-01T00:00:00").Units);
        Assert.Equal("hours since 2000-01-01T06:00:00", CfTimeEncoder.Encode([t], "hours since 2000-1-1 6:00").Units);
        Assert.Equal("hours since 2000-01-01T06:00:00.500000", CfTimeEncoder.Encode([t], "hours since 2000-01-01 06:00:00.5").Units);
        Assert.Equal("hrs since 2000-01-01T12:00:00+05:30", CfTimeEncoder.Encode([t], "hrs since 2000-01-01 12:00 +05:30").Units);
        // References pandas cannot hold are left as written.
        Assert.Equal("days since 1-1-1", CfTimeEncoder.Encode([t], "days since 1-1-1").Units);
    }

    [Fact]
    public void EncodesIntoTheGivenReferenceAndCalendar()
    {
        long t = Jan2019 + Day + 6 * 3_600_000_000_000L; // 2019-01-02 06:00
        var e = CfTimeEncoder.Encode([t], "hours since 2019-01-01 12:00:00 +05:30");
        Assert.Equal([23.5], e.Floats!); // the reference is 06:30 UTC; 2019-01-02 06:00 is 23.5 h later

        var noleap = CfTimeEncoder.Encode([new CfDate(2001, 3, 1, CfCalendar.ProlepticGregorian).ToDatetime64()], "days since 2001-01-01", "noleap");
        Assert.Equal("noleap", noleap.Calendar);
        Assert.Equal([59L], noleap.Integers!);
        var d360 = CfTimeEncoder.Encode([new CfDate(2001, 3, 1, CfCalendar.ProlepticGregorian).ToDatetime64()], "days since 2001-01-01", "360_day");
        Assert.Equal([60L], d360.Integers!);

        var leapDay = new CfDate(2000, 2, 29, CfCalendar.ProlepticGregorian).ToDatetime64();
        var err = Assert.Throws<ZarrPSException>(() => CfTimeEncoder.Encode([leapDay], "days since 2000-01-01", "noleap"));
        Assert.Equal("InvalidDate", err.ErrorId);
        err = Assert.Throws<ZarrPSException>(() => CfTimeEncoder.Encode([Jan2019, Jan2019 + 1], null, "julian"));
        Assert.Equal("InvalidTimeUnits", err.ErrorId);
        Assert.Equal("Time units 'nanoseconds since 2019-01-01 00:00:00' cannot encode julian dates: cftime, which reads them back, counts no finer than microseconds.", err.Message);
        err = Assert.Throws<ZarrPSException>(() => CfTimeEncoder.Encode([Jan2019], "days since 2000-01-01", "none"));
        Assert.Equal("InvalidCalendar", err.ErrorId);
        err = Assert.Throws<ZarrPSException>(() => CfTimeEncoder.Encode([Jan2019], "months since 2000-01-01"));
        Assert.Equal("InvalidTimeUnits", err.ErrorId);
    }

    [Fact]
    public void DatesOfACalendarEncodeWithCftimeStyleReferences()
    {
        var start = new CfDate(2000, 2, 29, CfCalendar.Day360);
        long[] us = [start.EpochMicroseconds, start.AddDays(1).EpochMicroseconds, start.AddDays(2).EpochMicroseconds];
        Assert.Equal("days since 2000-02-29 00:00:00.000000", CfTimeEncoder.InferUnits(us, CfCalendar.Day360));
        var e = CfTimeEncoder.EncodeDates(us, CfCalendar.Day360);
        Assert.Equal("360_day", e.Calendar);
        Assert.Equal([0L, 1, 2], e.Integers!);
        Assert.Equal("days since -005-01-01 00:00:00.000000", CfTimeEncoder.InferUnits([new CfDate(-5, 1, 1, CfCalendar.NoLeap).EpochMicroseconds], CfCalendar.NoLeap));

        var noleap = CfTimeEncoder.EncodeDates([new CfDate(2001, 3, 1, CfCalendar.NoLeap).EpochMicroseconds], CfCalendar.NoLeap, "days since 2001-01-01", "all_leap");
        Assert.Equal("all_leap", noleap.Calendar);
        Assert.Equal([60L], noleap.Integers!);
    }

    [Theory]
    [InlineData(CfCalendar.Standard)]
    [InlineData(CfCalendar.Julian)]
    [InlineData(CfCalendar.NoLeap)]
    [InlineData(CfCalendar.AllLeap)]
    [InlineData(CfCalendar.Day360)]
    public void EncodedDatesDecodeBackToThemselves(CfCalendar calendar)
    {
        var r = new Random(41 + (int)calendar);
        var start = new CfDate(1800, 1, 1, calendar);
        var us = Enumerable.Range(0, 1000).Select(_ => start.EpochMicroseconds + r.NextInt64(0, 400L * 365 * 86_400_000_000)).ToArray();
        var encoded = CfTimeEncoder.EncodeDates(us, calendar, "days since 1850-01-01");
        Assert.False(encoded.IsInteger);
        var decoder = new CfTimeDecoder(encoded.Units, encoded.Calendar);
        var back = new long[us.Length];
        decoder.DecodeDates<double>(encoded.Floats!, back);
        for (int i = 0; i < us.Length; i++) Assert.InRange(back[i] - us[i], -1, 1); // float64 days hold ~1 µs

        var whole = us.Select(u => u / 86_400_000_000 * 86_400_000_000).ToArray();
        var exact = CfTimeEncoder.EncodeDates(whole, calendar);
        Assert.True(exact.IsInteger);
        decoder = new CfTimeDecoder(exact.Units, exact.Calendar);
        decoder.DecodeDates<long>(exact.Integers!, back);
        Assert.Equal(whole, back);
    }

    [Fact]
    public void Datetime64RoundTripsThroughInferredUnits()
    {
        var r = new Random(9);
        foreach (long step in new[] { Day, 3_600_000_000_000L, 1_000_000L, 7L })
        {
            var ns = Enumerable.Range(0, 500).Select(i => Jan2019 + r.NextInt64(-50_000, 50_000) * step).ToArray();
            var e = CfTimeEncoder.Encode(ns);
            Assert.True(e.IsInteger);
            var back = CfTimeDecoder.Decode(e.Integers!, e.Units, e.Calendar);
            Assert.Equal(CfTimeRepresentation.Datetime64, back.Representation);
            Assert.Equal(ns, back.Values);
        }
    }
}
