using System.Text.Json;
using ZarrPS.Engine.Cf;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Compute;

/// <summary>Time axes built identically here and in xarray, and xarray's groupby and resample results on them (one python run).</summary>
public static class TimeAxesPeer
{
    public sealed record Axis(string Name, string Start, int Periods, long StepMicroseconds, string? Calendar, string PandasFreq)
    {
        /// <summary>The stored values: datetime64[ns] for the default calendar, else calendar microseconds.</summary>
        public long[] Values()
        {
            var values = new long[Periods];
            if (Calendar is null)
            {
                long start = CfDate.Parse(Start, CfCalendar.ProlepticGregorian).ToDatetime64();
                for (int i = 0; i < Periods; i++) values[i] = start + i * StepMicroseconds * 1000;
            }
            else
            {
                long start = CfDate.Parse(Start, CfCalendars.Parse(Calendar)).EpochMicroseconds;
                for (int i = 0; i < Periods; i++) values[i] = start + i * StepMicroseconds;
            }
            return values;
        }

        public DataType Type => Calendar is null ? DataType.DateTime64("ns") : DataType.CalendarDate(Calendar);
    }

    private const long Hour = 3_600_000_000L;
    private const long Day = 24 * Hour;

    public static readonly Axis[] Axes =
    [
        new("hourly", "1999-12-30T05:00:00", 800 * 24, Hour, null, "H"),
        new("daily", "1999-11-17", 1300, Day, null, "D"),
        new("noleap", "1999-11-17", 1300, Day, "noleap", "D"),
        new("d360", "2000-01-01T06:00:00", 1000, 6 * Hour, "360_day", "6H"),
        new("allleap", "2003-02-27T12:00:00", 900, Day, "all_leap", "D"),
    ];

    public static readonly string[] Components = ["year", "month", "season", "day", "hour", "minute", "dayofyear", "dayofweek"];

    public static readonly string[] Frequencies =
        ["1H", "H", "6H", "1h", "30min", "30T", "1D", "D", "2D", "1W", "W", "W-MON", "1M", "M", "3M", "MS", "2MS", "QS-DEC", "QS", "Q", "AS", "YS", "A", "Y", "A-JUN"];

    public static readonly string[] CalendarFrequencies = ["6H", "1D", "D", "2D", "MS", "M", "QS-DEC", "Q", "AS", "YS", "A"];

    private static readonly Lazy<JsonElement> Results = new(Compute);

    /// <summary>xarray's results: [axis][“groups”|“resample”][component|freq] = {labels, codes|counts, mins}.</summary>
    public static JsonElement Get()
    {
        Python.Require("xarray", "pandas", "cftime");
        return Results.Value;
    }

    private static JsonElement Compute()
    {
        var axes = string.Join(",\n", Axes.Select(a =>
            $"('{a.Name}', '{a.Start}', {a.Periods}, '{a.PandasFreq}', {(a.Calendar is null ? "None" : $"'{a.Calendar}'")})"));
        string script = $$"""
import json, numpy as np, pandas as pd, xarray as xr, cftime
axes = [{{axes}}]
comps = {{JsonSerializer.Serialize(Components)}}
freqs = {{JsonSerializer.Serialize(Frequencies)}}
cfreqs = {{JsonSerializer.Serialize(CalendarFrequencies)}}
xarray_too = ['D', '2D', 'W', 'M', 'QS-DEC', 'A']
def lab(vals, cal):
    if cal is None:
        return [int(v) for v in np.asarray(vals).astype('datetime64[ns]').astype('int64')]
    return [int(round(x)) for x in cftime.date2num(list(vals), 'microseconds since 1970-01-01', calendar=cal)]
out = {}
for name, start, n, f, cal in axes:
    t = pd.date_range(start, periods=n, freq=f) if cal is None else xr.cftime_range(start, periods=n, freq=f, calendar=cal)
    da = xr.DataArray(np.arange(n, dtype='float64'), dims='time', coords={'time': t})
    g = {}
    for c in comps:
        gb = da.groupby('time.' + c)
        labels = list(gb.groups.keys())
        codes = np.full(n, -1)
        for k, (l, idx) in enumerate(gb.groups.items()):
            codes[np.arange(n)[idx]] = k
        g[c] = {'labels': [l if isinstance(l, str) else int(l) for l in labels], 'codes': codes.tolist()}
    r = {}
    for fr in (freqs if cal is None else cfreqs):
        # xarray bins datetime64 axes with pandas' own grouper; a pandas Series gives the same bins without
        # xarray's per-bin loop (slow for 30min over years). A few frequencies also go through xarray itself.
        if cal is None and fr not in xarray_too:
            s = pd.Series(np.arange(n, dtype='float64'), index=t).resample(fr)
            cnt, mn, labels = s.count().values, s.min().values, lab(s.count().index.values, None)
        else:
            rs = da.resample(time=fr)
            c = rs.count()
            cnt, mn, labels = c.values.astype('float64'), rs.min().values, lab(c.time.values, cal)
        r[fr] = {'labels': labels, 'counts': [0 if np.isnan(x) else int(x) for x in cnt],
                 'mins': [-1 if np.isnan(x) else int(x) for x in mn]}
    out[name] = {'groups': g, 'resample': r}
print(json.dumps(out))
""";
        return JsonDocument.Parse(Python.Run(script, 300)).RootElement.Clone();
    }
}
