using System.Text.Json.Nodes;
using ZarrPS.Engine.Cf;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Cf;

/// <summary>Decoding CF time numbers: the tas fixtures, exact arithmetic, NaT, representation choice, errors.</summary>
public class CfTimeDecoderTests
{
    // Raw time and time_bnds numbers of the tas fixture (netCDF4 on tas_64bit_offset.nc with masking off);
    // the same numbers are stored in xarray-zarr/tas_packed.zarr.
    private static readonly double[] TasTime =
        [56628.5, 56658.0, 56687.5, 56718.0, 56748.5, 56779.0, 56809.5, 56840.5, 56871.0, 56901.5, 56932.0, 56962.5];

    private static readonly double[] TasTimeBounds =
        [56613.0, 56644.0, 56644.0, 56672.0, 56672.0, 56703.0, 56703.0, 56733.0, 56733.0, 56764.0, 56764.0, 56794.0,
         56794.0, 56825.0, 56825.0, 56856.0, 56856.0, 56886.0, 56886.0, 56917.0, 56917.0, 56947.0, 56947.0, 56978.0];

    [Theory]
    [InlineData("xarray-zarr/tas_packed.zarr")]
    [InlineData("netcdf/tas_64bit_offset.nc")]
    [InlineData("netcdf/tas_packed_nc4.nc")]
    public void TasTimesMatchWhatXarrayRead(string dataset)
    {
        var attrs = (JsonObject)JsonNode.Parse(File.ReadAllText(Fixtures.PathOf("xarray-zarr/tas_packed.zarr/time/.zattrs")))!;
        string units = attrs["units"]!.GetValue<string>();
        string calendar = attrs["calendar"]!.GetValue<string>();
        Assert.Equal("days since 1850-01-01", units);

        var expected = Fixtures.Expected["datasets"]![dataset]!["variables"]!;
        var time = CfTimeDecoder.Decode(TasTime, units, calendar);
        Assert.Equal(CfTimeRepresentation.Datetime64, time.Representation);
        Assert.Equal(expected["time"]!["first_ns"]!.GetValue<long>(), time.Values[0]);
        Assert.Equal(expected["time"]!["last_ns"]!.GetValue<long>(), time.Values[^1]);
        Assert.Equal(expected["time"]!["count"]!.GetValue<int>(), time.Length);

        // Bounds have no units of their own; CF and xarray decode them with the time coordinate's.
        var bounds = CfTimeDecoder.Decode(TasTimeBounds, units, calendar);
        Assert.Equal(expected["time_bnds"]!["first_ns"]!.GetValue<long>(), bounds.Values[0]);
        Assert.Equal(expected["time_bnds"]!["last_ns"]!.GetValue<long>(), bounds.Values[^1]);
        Assert.Equal("2005-01-16 12:00:00", time.GetDate(0).ToString());
        Assert.Equal("2005-12-16 12:00:00", time.GetDate(11).ToString());
    }

    [Fact]
    public void HalfHourStepsOverLongSpansDoNotDrift()
    {
        const int n = 2_000_000; // 114 years of half hours
        var values = new double[n];
        var integers = new long[n];
        for (int i = 0; i < n; i++) { values[i] = i * 0.5; integers[i] = i; }
        var d = new CfTimeDecoder("hours since 1900-01-01 00:00:00", "standard");
        var fromHalves = d.Decode(values);
        var minutes = new CfTimeDecoder("minutes since 1900-01-01", "standard").Decode(integers);
        long start = new CfDate(1900, 1, 1, CfCalendar.ProlepticGregorian).ToDatetime64();
        for (int i = 0; i < n; i++)
        {
            long expected = start + i * 1_800_000_000_000L;
            if (fromHalves.Values[i] != expected) Assert.Fail($"value {values[i]} h decoded to {fromHalves.Values[i]}, expected {expected}");
            if (minutes.Values[i] != start + i * 60_000_000_000L) Assert.Fail($"{i} min decoded to {minutes.Values[i]}");
        }
    }

    [Fact]
    public void DecimalStepsStayOnTheirGrid()
    {
        // 0.1 h is not a binary fraction. Up to 1250 h the double nearest to k/10 is within half a nanosecond of
        // it and must decode onto the 6-minute grid (xarray truncates and puts 2.3 h at 02:17:59.999999999).
        // Further out the double itself is some ns away (2048.2 h is stored 0.8 ns short): the result stays
        // within the double's own spacing of the grid, with no drift on top.
        var values = new double[200_000];
        for (int i = 0; i < values.Length; i++)
            values[i] = double.Parse($"{i / 10}.{i % 10}", System.Globalization.CultureInfo.InvariantCulture);
        var t = CfTimeDecoder.Decode(values, "hours since 2000-01-01", "proleptic_gregorian");
        long start = new CfDate(2000, 1, 1, CfCalendar.ProlepticGregorian).ToDatetime64();
        for (int i = 0; i < values.Length; i++)
        {
            long off = t.Values[i] - start - i * 360_000_000_000L;
            double spacing = (Math.BitIncrement(values[i]) - values[i]) * 3.6e12;
            if (i <= 12_500 ? off != 0 : Math.Abs(off) > spacing) Assert.Fail($"{values[i]} h decoded {off} ns off the grid");
        }

        // The cftime path (abbreviated unit) rounds the exact value to microseconds: on the grid.
        var abbreviated = CfTimeDecoder.Decode(values, "hrs since 2000-01-01", "proleptic_gregorian");
        for (int i = 0; i < values.Length; i++)
            Assert.Equal(start + i * 360_000_000_000L, abbreviated.Values[i]);
    }

    [Fact]
    public void LargeDayCountsAreExact()
    {
        // 730,000 days after year 1 is 1999; the offset alone passes long nanoseconds, the sum does not.
        var t = CfTimeDecoder.Decode([730_000L, 730_120L], "days since 0001-01-01", "proleptic_gregorian");
        Assert.Equal(CfTimeRepresentation.Datetime64, t.Representation);
        Assert.Equal("1999-09-04 00:00:00", t.GetDate(0).ToString());
        Assert.Equal(new CfDate(1999, 9, 4, CfCalendar.ProlepticGregorian).ToDatetime64(), t.Values[0]);
        Assert.Equal(120 * 86_400_000_000_000L, t.Values[1] - t.Values[0]);

        // The standard calendar counts those days from Julian 0001-01-01, two days earlier.
        var s = CfTimeDecoder.Decode([730_000.0], "days since 0001-01-01", "standard");
        Assert.Equal(CfTimeRepresentation.Datetime64, s.Representation);
        Assert.Equal("1999-09-02 00:00:00", s.GetDate(0).ToString());

        // A fraction of a day on a large count: 56628.3 is stored as 56628.300000000002910383... days, 251 ns past
        // 07:12; xarray's float product truncates to 07:12 exactly, and so does the microsecond rounding of cftime's path.
        long midnight = new CfDate(2005, 1, 16, CfCalendar.ProlepticGregorian).ToDatetime64();
        var f = CfTimeDecoder.Decode([56628.3, -0.3], "days since 1850-01-01", "proleptic_gregorian");
        Assert.Equal(midnight + 25_920_000_000_000L, f.Values[0]);
        Assert.Equal(new CfDate(1849, 12, 31, 16, 48, 0, 0, CfCalendar.ProlepticGregorian).ToDatetime64(), f.Values[1]);
        var g = CfTimeDecoder.Decode([56628.3], "d since 1850-01-01", "proleptic_gregorian");
        Assert.Equal(midnight + 25_920_000_000_000L, g.Values[0]);
    }

    [Fact]
    public void IntegerAndFloatInputsAgree()
    {
        var r = new Random(5);
        var ints = new long[5000];
        var doubles = new double[ints.Length];
        var floats = new float[ints.Length];
        var int32 = new int[ints.Length];
        for (int i = 0; i < ints.Length; i++)
        {
            ints[i] = r.NextInt64(-50_000_000, 50_000_000);
            doubles[i] = ints[i];
            int32[i] = (int)ints[i];
            floats[i] = (float)(ints[i] / 4096.0);
        }
        var d = new CfTimeDecoder("minutes since 1970-01-01", "noleap");
        var a = d.Decode(ints);
        var b = d.Decode(doubles);
        var c = d.Decode<int>(int32);
        Assert.Equal(CfTimeRepresentation.CfDate, a.Representation);
        Assert.Equal(a.Values, b.Values);
        Assert.Equal(a.Values, c.Values);
        var f = d.Decode<float>(floats);
        for (int i = 0; i < floats.Length; i++)
            Assert.Equal((long)Math.Round((double)floats[i] * 60_000_000, MidpointRounding.ToEven), f.Values[i]);
    }

    [Fact]
    public void NaNFillAndInfinitiesAreNaT()
    {
        var d = new CfTimeDecoder("days since 2000-01-01", "standard", [-9999.0, 1e20]);
        var t = d.Decode([0.0, double.NaN, -9999.0, 1e20, double.PositiveInfinity, 1.0]);
        Assert.Equal(CfTimeRepresentation.Datetime64, t.Representation);
        Assert.Equal([946_684_800_000_000_000L, Datetime64.NaT, Datetime64.NaT, Datetime64.NaT, Datetime64.NaT, 946_771_200_000_000_000L], t.Values);
        Assert.True(t.IsNaT(1));
        Assert.False(t.IsNaT(0));
        var ints = d.Decode([long.MinValue, -9999L, 2L]);
        Assert.Equal([Datetime64.NaT, Datetime64.NaT, 946_857_600_000_000_000L], ints.Values);
        var dates = new CfTimeDecoder("days since 2000-01-01", "360_day").Decode([double.NaN, 30.0]);
        Assert.Equal(Datetime64.NaT, dates.Values[0]);
        Assert.Equal("2000-02-01 00:00:00", dates.GetDate(1).ToString());
        Assert.Equal("InvalidDate", Assert.Throws<ZarrPSException>(() => dates.GetDate(0)).ErrorId);
    }

    [Fact]
    public void ChoosesDatetime64OnlyWhenEveryDateFits()
    {
        var inRange = CfTimeDecoder.Decode([0.0, 100_000.0], "days since 1850-01-01", "proleptic_gregorian");
        Assert.Equal(CfTimeRepresentation.Datetime64, inRange.Representation);

        var beyond = CfTimeDecoder.Decode([0.0, 200_000.0], "days since 1850-01-01", "proleptic_gregorian");
        Assert.Equal(CfTimeRepresentation.CfDate, beyond.Representation);
        Assert.Equal(CfCalendar.ProlepticGregorian, beyond.Calendar);
        Assert.Equal("1850-01-01 00:00:00", beyond.GetDate(0).ToString());
        Assert.Equal("2397-08-01 00:00:00", beyond.GetDate(1).ToString());

        // Reference before 1582 in the standard calendar but every date in range: still datetime64, as xarray.
        var early = CfTimeDecoder.Decode([146_097.0 * 3], "days since 1000-01-01", "gregorian");
        Assert.Equal(CfTimeRepresentation.Datetime64, early.Representation);
        Assert.Equal("2200-01-06 00:00:00", early.GetDate(0).ToString());

        var beforeSwitch = CfTimeDecoder.Decode([0.0, 1.0], "days since 1582-10-04", "standard");
        Assert.Equal(CfTimeRepresentation.CfDate, beforeSwitch.Representation);
        Assert.Equal("1582-10-15 00:00:00", beforeSwitch.GetDate(1).ToString());

        foreach (var calendar in new[] { "julian", "noleap", "365_day", "all_leap", "366_day", "360_day" })
        {
            var t = CfTimeDecoder.Decode([0.0, 1.0], "days since 2000-01-01", calendar);
            Assert.Equal(CfTimeRepresentation.CfDate, t.Representation);
            Assert.Equal("2000-01-02 00:00:00", t.GetDate(1).ToString());
        }

        var d = new CfTimeDecoder("days since 1850-01-01", "standard");
        Assert.Equal(CfTimeRepresentation.Datetime64, d.ChooseRepresentation<double>([0, 150_000]));
        Assert.Equal(CfTimeRepresentation.CfDate, d.ChooseRepresentation<double>([0, 160_000]));
        Assert.Equal(CfTimeRepresentation.CfDate, d.ChooseRepresentation<double>([-80_000]));
    }

    [Fact]
    public void ChunksDecodeInTheRepresentationChosenForTheVariable()
    {
        var d = new CfTimeDecoder("hours since 2000-01-01 00:00", "proleptic_gregorian");
        var dest = new long[2];
        d.DecodeTo<long>([1, 2], dest, CfTimeRepresentation.CfDate);
        Assert.Equal([3_600_000_000L + 946_684_800_000_000L, 7_200_000_000L + 946_684_800_000_000L], dest);
        var e = Assert.Throws<ZarrPSException>(() => d.DecodeTo<double>([1e7], dest, CfTimeRepresentation.Datetime64));
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Equal("TimeOutOfRange", e.ErrorId);
        Assert.Equal("Time value 10000000 in units 'hours since 2000-01-01 00:00' (proleptic_gregorian calendar) is outside datetime64[ns] (1677-09-21 to 2262-04-11).", e.Message);
        Assert.False(d.TryDecodeDatetime64<double>([1e7], dest));

        var n = new CfTimeDecoder("days since 2000-01-01", "noleap");
        e = Assert.Throws<ZarrPSException>(() => n.DecodeTo<double>([1], dest, CfTimeRepresentation.Datetime64));
        Assert.Equal("Times in the noleap calendar cannot be datetime64 values; decode them as dates.", e.Message);
    }

    [Fact]
    public void ValuesBeyondEveryDateAreRefused()
    {
        var e = Assert.Throws<ZarrPSException>(() => CfTimeDecoder.Decode([1e9], "days since 2000-01-01", "noleap"));
        Assert.Equal("TimeOutOfRange", e.ErrorId);
        Assert.Equal("Time value 1000000000 in units 'days since 2000-01-01' (noleap calendar) is outside the years -280000..280000 a date can hold.", e.Message);
        Assert.Throws<ZarrPSException>(() => CfTimeDecoder.Decode([long.MaxValue], "days since 2000-01-01", "standard"));
        Assert.Throws<ZarrPSException>(() => CfTimeDecoder.Decode([1e300], "seconds since 2000-01-01", "standard"));
    }

    [Fact]
    public void MonthsAndCommonYearsWhereTheyHaveAFixedLength()
    {
        var m = CfTimeDecoder.Decode([1.0, 13.0, 1.5], "months since 2000-01-01", "360_day");
        Assert.Equal(["2000-02-01 00:00:00", "2001-02-01 00:00:00", "2000-02-16 00:00:00"], Enumerable.Range(0, 3).Select(i => m.GetDate(i).ToString()));
        var y = CfTimeDecoder.Decode([1L, 4L], "common_years since 2000-01-01", "365_day");
        Assert.Equal("2004-01-01 00:00:00", y.GetDate(1).ToString());
    }

    [Theory]
    [InlineData("months since 2000-01-01", "standard", "InvalidTimeUnits", "Time units 'months since 2000-01-01' are not valid: 'months since' is only defined for the 360_day calendar, not standard (months vary in length; cftime and xarray refuse it too).")]
    [InlineData("days since 2000-01-01", "none", "InvalidCalendar", "Calendar 'none' is not supported: a time axis with calendar 'none' has no dates to decode.")]
    [InlineData("days since 2000-01-01", "mars", "InvalidCalendar", "Calendar 'mars' is not supported: expected standard, gregorian, proleptic_gregorian, julian, noleap, 365_day, all_leap, 366_day or 360_day.")]
    [InlineData("days since 0000-01-01", "julian", "InvalidTimeUnits", "Time units 'days since 0000-01-01' are not valid: reference date '0000-01-01' is not a date of the julian calendar: there is no year 0 (1 BC is year -1).")]
    [InlineData("days from 2000-01-01", "standard", "InvalidTimeUnits", "Time units 'days from 2000-01-01' are not valid: expected '<unit> since <reference date>', for example 'days since 1850-01-01'.")]
    public void BadUnitsOrCalendarsAreRefusedUpFront(string units, string calendar, string id, string message)
    {
        var e = Assert.Throws<ZarrPSException>(() => new CfTimeDecoder(units, calendar));
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Equal(id, e.ErrorId);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ReferenceOffsetAndSubMicrosecondReference()
    {
        var t = CfTimeDecoder.Decode([0L, 1L], "hours since 2000-01-01 12:00:00 +05:30", "standard");
        Assert.Equal("2000-01-01 06:30:00", t.GetDate(0).ToString());
        var ns = CfTimeDecoder.Decode([0L, 1L], "nanoseconds since 2000-01-01 00:00:00.000000005", "proleptic_gregorian");
        Assert.Equal(946_684_800_000_000_005L, ns.Values[0]);
        Assert.Equal(946_684_800_000_000_006L, ns.Values[1]);
    }
}
