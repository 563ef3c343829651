using System.Text.Json;
using ZarrPS.Engine.Cf;
using ZarrPS.Engine.Compute.Grouping;

namespace ZarrPS.Engine.Tests.Compute;

/// <summary>Group keys of time fields against xarray's groupby on daily, hourly and non-standard-calendar axes.</summary>
public class TimeGroupsTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var a in TimeAxesPeer.Axes)
            foreach (var c in TimeAxesPeer.Components) data.Add(a.Name, c);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CodesAndLabelsEqualXarray(string axisName, string component)
    {
        var expected = TimeAxesPeer.Get().GetProperty(axisName).GetProperty("groups").GetProperty(component);
        var axis = TimeAxesPeer.Axes.Single(a => a.Name == axisName);
        Assert.True(TimeGroups.TryParseComponent(component, out var comp));
        var keys = TimeGroups.Compute(axis.Values(), axis.Type, comp);

        var labels = expected.GetProperty("labels").EnumerateArray().ToArray();
        Assert.Equal(labels.Length, keys.GroupCount);
        for (int g = 0; g < labels.Length; g++)
        {
            if (labels[g].ValueKind == JsonValueKind.String) Assert.Equal(labels[g].GetString(), ((string[])keys.Labels)[g]);
            else Assert.Equal(labels[g].GetInt64(), ((long[])keys.Labels)[g]);
        }
        var codes = expected.GetProperty("codes").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(codes, keys.Codes);
        Assert.Equal(component, keys.Name);
    }

    [Fact]
    public void SeasonsAreSortedByNameAsXarraySortsThem()
    {
        var t = new long[12];
        for (int m = 1; m <= 12; m++) t[m - 1] = new CfDate(2001, m, 15, CfCalendar.NoLeap).EpochMicroseconds;
        var keys = TimeGroups.Compute(t, DataType.CalendarDate("noleap"), TimeComponent.Season);
        Assert.Equal(["DJF", "JJA", "MAM", "SON"], (string[])keys.Labels);
        // Jan, Feb DJF; Mar..May MAM; Jun..Aug JJA; Sep..Nov SON; Dec DJF.
        Assert.Equal([0, 0, 2, 2, 2, 1, 1, 1, 3, 3, 3, 0], keys.Codes);
        Assert.Equal("<U3", keys.LabelType.Name);
    }

    [Fact]
    public void DayOfYearFollowsTheCalendar()
    {
        // The last day of a year: 360 in 360_day, 365 in noleap, 366 in all_leap and in a Gregorian leap year.
        long Last(CfCalendar cal, int y) => new CfDate(y, 12, cal == CfCalendar.Day360 ? 30 : 31, cal).EpochMicroseconds;
        Assert.Equal(360L, TimeGroups.Values([Last(CfCalendar.Day360, 2000)], DataType.CalendarDate("360_day"), TimeComponent.DayOfYear)[0]);
        Assert.Equal(365L, TimeGroups.Values([Last(CfCalendar.NoLeap, 2000)], DataType.CalendarDate("noleap"), TimeComponent.DayOfYear)[0]);
        Assert.Equal(366L, TimeGroups.Values([Last(CfCalendar.AllLeap, 2001)], DataType.CalendarDate("all_leap"), TimeComponent.DayOfYear)[0]);
        long ns = new CfDate(2000, 12, 31, CfCalendar.ProlepticGregorian).ToDatetime64();
        Assert.Equal(366L, TimeGroups.Values([ns], DataType.DateTime64("ns"), TimeComponent.DayOfYear)[0]);
    }

    [Fact]
    public void NaTBelongsToNoGroupAndOtherUnitsAreConverted()
    {
        // datetime64[s]: 2000-01-01T06:00, NaT, 2000-03-01T18:00.
        long s0 = 946_706_400, s1 = 951_933_600;
        var keys = TimeGroups.Compute([s0, Datetime64.NaT, s1], DataType.DateTime64("s"), TimeComponent.Hour);
        Assert.Equal([0, -1, 1], keys.Codes);
        Assert.Equal([6L, 18L], (long[])keys.Labels);
        Assert.Equal([1, 1], keys.Counts());
    }

    [Fact]
    public void ANonTimeTypeIsRefusedNamingTheCoordinate()
    {
        var e = Assert.Throws<ZarrPSException>(() => TimeGroups.Compute([1L, 2L], DataType.Int64, TimeComponent.Month, "step"));
        Assert.Equal("NotATime", e.ErrorId);
        Assert.Contains("'step'", e.Message);
    }
}
