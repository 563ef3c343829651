using ZarrPS.Engine.Cf;
using ZarrPS.Engine.Compute.Grouping;

namespace ZarrPS.Engine.Tests.Compute;

/// <summary>Resampling bins and labels against pandas/xarray's resample for every frequency form.</summary>
public class ResampleTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var a in TimeAxesPeer.Axes)
            foreach (var f in a.Calendar is null ? TimeAxesPeer.Frequencies : TimeAxesPeer.CalendarFrequencies) data.Add(a.Name, f);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LabelsAndBinsEqualXarray(string axisName, string frequency)
    {
        var expected = TimeAxesPeer.Get().GetProperty(axisName).GetProperty("resample").GetProperty(frequency);
        var axis = TimeAxesPeer.Axes.Single(a => a.Name == axisName);
        var bins = ResampleBins.Compute(axis.Values(), axis.Type, ResampleFrequency.Parse(frequency));

        var labels = expected.GetProperty("labels").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var counts = expected.GetProperty("counts").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var mins = expected.GetProperty("mins").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(labels, bins.Labels);
        Assert.Equal(counts, bins.Counts());
        // Positions are ascending, so each bin's first position is the minimum of arange(n) over it.
        var first = Enumerable.Repeat(-1, bins.BinCount).ToArray();
        for (int i = bins.Codes.Length - 1; i >= 0; i--) first[bins.Codes[i]] = i;
        Assert.Equal(mins, first);
        Assert.Equal(axis.Calendar is null ? "datetime64[ns]" : $"cftime[{axis.Calendar}]", bins.LabelType.Name);
    }

    [Theory]
    [InlineData("1H", 1, FrequencyUnit.Hour, 0, "H")]
    [InlineData("h", 1, FrequencyUnit.Hour, 0, "H")]
    [InlineData("30min", 30, FrequencyUnit.Minute, 0, "30T")]
    [InlineData("30T", 30, FrequencyUnit.Minute, 0, "30T")]
    [InlineData("1D", 1, FrequencyUnit.Day, 0, "D")]
    [InlineData("W", 1, FrequencyUnit.Week, 6, "W-SUN")]
    [InlineData("2W-MON", 2, FrequencyUnit.Week, 0, "2W-MON")]
    [InlineData("1M", 1, FrequencyUnit.MonthEnd, 0, "M")]
    [InlineData("ME", 1, FrequencyUnit.MonthEnd, 0, "M")]
    [InlineData("MS", 1, FrequencyUnit.MonthStart, 0, "MS")]
    [InlineData("QS-DEC", 1, FrequencyUnit.QuarterStart, 12, "QS-DEC")]
    [InlineData("QS", 1, FrequencyUnit.QuarterStart, 1, "QS-JAN")]
    [InlineData("Q", 1, FrequencyUnit.QuarterEnd, 12, "Q-DEC")]
    [InlineData("QE-DEC", 1, FrequencyUnit.QuarterEnd, 12, "Q-DEC")]
    [InlineData("AS", 1, FrequencyUnit.YearStart, 1, "AS-JAN")]
    [InlineData("YS", 1, FrequencyUnit.YearStart, 1, "AS-JAN")]
    [InlineData("2A", 2, FrequencyUnit.YearEnd, 12, "2A-DEC")]
    [InlineData("Y-JUN", 1, FrequencyUnit.YearEnd, 6, "A-JUN")]
    [InlineData("ms", 1, FrequencyUnit.Millisecond, 0, "L")]
    public void ParsesPandasAliases(string text, int multiple, FrequencyUnit unit, int anchor, string canonical)
    {
        var f = ResampleFrequency.Parse(text);
        Assert.Equal(multiple, f.Multiple);
        Assert.Equal(unit, f.Unit);
        Assert.Equal(anchor, f.Anchor);
        Assert.Equal(canonical, f.Canonical);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fortnight")]
    [InlineData("0H")]
    [InlineData("-1D")]
    [InlineData("QS-XYZ")]
    [InlineData("H-DEC")]
    [InlineData("1.5H")]
    public void UnknownFrequenciesListTheValidForms(string text)
    {
        var e = Assert.Throws<ZarrPSException>(() => ResampleFrequency.Parse(text));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("InvalidFrequency", e.ErrorId);
        Assert.Contains("QS-DEC", e.Message);
        Assert.Contains($"'{text}'", e.Message);
    }

    [Fact]
    public void DefaultSidesAreThoseOfPandas()
    {
        foreach (var f in new[] { "H", "D", "MS", "QS-DEC", "AS", "30min" }) Assert.Equal(BinSide.Left, ResampleFrequency.Parse(f).DefaultSide);
        foreach (var f in new[] { "M", "Q", "A", "W" }) Assert.Equal(BinSide.Right, ResampleFrequency.Parse(f).DefaultSide);
    }

    [Fact]
    public void HourlyToDailyKeepsEmptyDaysAndGivesMidnightLabels()
    {
        // 2000-01-01T22:00 .. 23:00, then a gap of two days, then 2000-01-04T01:00.
        long h = 3_600_000_000_000L;
        long t0 = CfDate.Parse("2000-01-01T22:00", CfCalendar.ProlepticGregorian).ToDatetime64();
        var bins = ResampleBins.Compute([t0, t0 + h, t0 + 51 * h], DataType.DateTime64("ns"), ResampleFrequency.Parse("1D"));
        long midnight = t0 - 22 * h;
        Assert.Equal([midnight, midnight + 24 * h, midnight + 48 * h, midnight + 72 * h], bins.Labels);
        Assert.Equal([0, 0, 3], bins.Codes);
        Assert.Equal([2, 0, 0, 1], bins.Counts());
    }

    [Fact]
    public void ClosedAndLabelCanBeOverridden()
    {
        // Six-hourly values at 00, 06, 12, 18 of one day and 00 of the next; daily bins closed right, labelled right.
        long h = 3_600_000_000_000L;
        long t0 = CfDate.Parse("2000-01-01", CfCalendar.ProlepticGregorian).ToDatetime64();
        var times = Enumerable.Range(0, 5).Select(i => t0 + 6 * i * h).ToArray();
        var bins = ResampleBins.Compute(times, DataType.DateTime64("ns"), ResampleFrequency.Parse("D"), BinSide.Right, BinSide.Right);
        // pandas: bins (-1d, 0], (0, 1d]; labels are the right edges.
        Assert.Equal([t0, t0 + 24 * h], bins.Labels);
        Assert.Equal([0, 1, 1, 1, 1], bins.Codes);
    }

    [Fact]
    public void WeeklyBinsOfACalendarAxisAreRefused()
    {
        var t = new[] { new CfDate(2000, 1, 1, CfCalendar.NoLeap).EpochMicroseconds };
        var e = Assert.Throws<ZarrPSException>(() => ResampleBins.Compute(t, DataType.CalendarDate("noleap"), ResampleFrequency.Parse("W")));
        Assert.Equal("UnsupportedCalendarFrequency", e.ErrorId);
        Assert.Contains("noleap", e.Message);
    }

    [Fact]
    public void UnsortedTimesAndNonTimeCoordinatesAreRefused()
    {
        var e = Assert.Throws<ZarrPSException>(() => ResampleBins.Compute([10L, 5L], DataType.DateTime64("s"), ResampleFrequency.Parse("D")));
        Assert.Equal("TimeNotMonotonic", e.ErrorId);
        var e2 = Assert.Throws<ZarrPSException>(() => ResampleBins.Compute([1L, 2L], DataType.Int64, ResampleFrequency.Parse("D"), dim: "level"));
        Assert.Equal("NotATime", e2.ErrorId);
        Assert.Contains("'level'", e2.Message);
    }

    [Fact]
    public void NaTGoesToNoBin()
    {
        long d = 86_400_000_000_000L;
        var bins = ResampleBins.Compute([0, Datetime64.NaT, 2 * d], DataType.DateTime64("ns"), ResampleFrequency.Parse("D"));
        Assert.Equal([0, -1, 2], bins.Codes);
        Assert.Equal(3, bins.BinCount);
    }
}
