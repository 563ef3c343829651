using System.Globalization;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Cf;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Cf;

/// <summary>
/// Cross-checks against the Python stack: cftime's num2date/date2num for every calendar, xarray's
/// decode_cf_datetime / encode_cf_datetime / infer_datetime_units, pandas periods and numpy datetime64 casts.
/// </summary>
public class CfPythonCrossCheckTests
{
    private static readonly string[] Calendars = ["standard", "gregorian", "proleptic_gregorian", "julian", "noleap", "365_day", "all_leap", "366_day", "360_day"];

    private static readonly string[] UnitWords = ["days", "hours", "minutes", "seconds", "milliseconds", "microseconds", "day", "d", "hr", "h", "min", "s", "sec", "msec"];

    private static readonly long[] UnitMicroseconds = [86_400_000_000, 3_600_000_000, 60_000_000, 1_000_000, 1_000, 1, 86_400_000_000, 86_400_000_000, 3_600_000_000, 3_600_000_000, 60_000_000, 1_000_000, 1_000_000, 1_000];

    private enum ValueKind { Integer, Dyadic, Random }

    private sealed record DecodeCase(string Units, string Calendar, ValueKind Kind, double[] Values);

    /// <summary>A reference date that exists in the calendar, printed in one of the spellings files use.</summary>
    private static string RandomReference(Random r, CfCalendar calendar, int minYear, int maxYear)
    {
        while (true)
        {
            int y = r.Next(minYear, maxYear);
            if (y == 0 && !CfCalendars.HasYearZero(calendar)) continue;
            int m = r.Next(1, 13);
            int d = r.Next(1, CfCalendars.DaysInMonth(y, m, calendar) + 1);
            if (calendar == CfCalendar.Standard && y == 1582 && m == 10 && d is > 4 and < 15) continue;
            int h = r.Next(24), mi = r.Next(60), s = r.Next(60);
            string year = y < 0 ? "-" + (-y).ToString("D4", CultureInfo.InvariantCulture) : y.ToString("D4", CultureInfo.InvariantCulture);
            return r.Next(4) switch
            {
                0 => $"{year}-{m:D2}-{d:D2}",
                1 => $"{year}-{m}-{d} {h}:{mi}:{s}",
                2 => $"{year}-{m:D2}-{d:D2}T{h:D2}:{mi:D2}:{s:D2}",
                _ => $"{year}-{m:D2}-{d:D2} {h:D2}:{mi:D2}:{s:D2}.5",
            };
        }
    }

    private static List<DecodeCase> RandomDecodeCases(Random r, string calendarName, int caseCount, int minYear, int maxYear, double spanYears)
    {
        var calendar = CfCalendars.Parse(calendarName);
        var cases = new List<DecodeCase>();
        for (int c = 0; c < caseCount; c++)
        {
            int u = r.Next(UnitWords.Length);
            string units = $"{UnitWords[u]} since {RandomReference(r, calendar, minYear, maxYear)}";
            double maxUnits = spanYears * 365 * 86_400_000_000.0 / UnitMicroseconds[u];
            maxUnits = Math.Min(maxUnits, 4e15); // stay inside exact integers
            var kind = (ValueKind)(c % 3);
            var values = new double[10];
            for (int i = 0; i < values.Length; i++)
            {
                double x = (r.NextDouble() * 2 - 1) * maxUnits;
                values[i] = kind switch
                {
                    ValueKind.Integer => Math.Round(x),
                    ValueKind.Dyadic => Math.Round(x) + r.Next(8) / 8.0,
                    _ => x,
                };
                if (kind == ValueKind.Dyadic && Math.Abs(values[i] * UnitMicroseconds[u]) > 1e15) values[i] = Math.Round(x); // keep the fraction exact
            }
            cases.Add(new DecodeCase(units, calendarName, kind, values));
        }
        return cases;
    }

    private static JsonArray CasesJson(IEnumerable<DecodeCase> cases) => new(cases.Select(c => (JsonNode)new JsonObject
    {
        ["units"] = c.Units,
        ["calendar"] = c.Calendar,
        ["integer"] = c.Kind == ValueKind.Integer,
        ["values"] = CfPeers.Numbers(c.Values),
    }).ToArray());

    [Fact]
    public void Num2dateAgreesWithCftimeInEveryCalendar()
    {
        Python.Require("cftime", "numpy");
        var r = new Random(2024);
        var cases = new List<DecodeCase>();
        foreach (var cal in Calendars) cases.AddRange(RandomDecodeCases(r, cal, 36, -2000, 3000, 1500));
        var output = CfPeers.Run(new JsonObject { ["cases"] = CasesJson(cases) }, """
import cftime, numpy as np
out = []
for c in inp['cases']:
    v = np.array(c['values'], dtype=np.int64 if c['integer'] else np.float64)
    d = cftime.num2date(v, c['units'], c['calendar'], only_use_cftime_datetimes=True)
    out.append([str(x) for x in d])
""");
        int compared = 0, offByOne = 0;
        for (int c = 0; c < cases.Count; c++)
        {
            var k = cases[c];
            var decoder = new CfTimeDecoder(k.Units, k.Calendar);
            var mine = new long[k.Values.Length];
            if (k.Kind == ValueKind.Integer) decoder.DecodeDates<long>(k.Values.Select(v => (long)v).ToArray(), mine);
            else decoder.DecodeDates<double>(k.Values, mine);
            var theirs = CfPeers.Strings(output[c]!);
            for (int i = 0; i < mine.Length; i++)
            {
                var date = CfDate.FromEpochMicroseconds(mine[i], decoder.Calendar);
                compared++;
                if (k.Kind != ValueKind.Random)
                {
                    Assert.True(theirs[i] == date.ToString(), $"{k.Values[i]} {k.Units} ({k.Calendar}): cftime {theirs[i]}, ZarrPS {date}");
                    continue;
                }
                // cftime multiplies in x87 long double before rounding to microseconds; ZarrPS rounds the exact value.
                long diff = CfDate.Parse(theirs[i], decoder.Calendar).MicrosecondsSince(date);
                Assert.True(Math.Abs(diff) <= 1, $"{k.Values[i]:R} {k.Units} ({k.Calendar}): cftime {theirs[i]}, ZarrPS {date}");
                if (diff != 0) offByOne++;
            }
        }
        Assert.Equal(cases.Count * 10, compared);
        Assert.True(offByOne < compared / 50, $"{offByOne} of {compared} random values differ by 1 µs");
    }

    [Fact]
    public void Date2numAgreesWithCftimeInEveryCalendar()
    {
        Python.Require("cftime", "numpy");
        var r = new Random(77);
        var cases = new JsonArray();
        var mine = new List<CfEncodedTimes>();
        foreach (var calName in Calendars)
        {
            var cal = CfCalendars.Parse(calName);
            for (int c = 0; c < 30; c++)
            {
                int u = r.Next(6); // spelled-out units: date2num writes them back
                string units = $"{UnitWords[u]} since {RandomReference(r, cal, -1000, 3000)}";
                bool whole = c % 2 == 0;
                var fields = new JsonArray();
                var us = new long[8];
                var start = new CfTimeDecoder(units, calName).Reference;
                for (int i = 0; i < us.Length; i++)
                {
                    long steps = r.NextInt64(-400_000_000_000L, 400_000_000_000L) / UnitMicroseconds[u];
                    long offset = whole ? steps * UnitMicroseconds[u] : r.NextInt64(-400_000_000_000_000L, 400_000_000_000_000L) / 1000;
                    var d = start.AddMicroseconds(offset);
                    us[i] = d.EpochMicroseconds;
                    var (y, mo, dd, h, mi, s, micro) = d;
                    fields.Add(new JsonArray(y, mo, dd, h, mi, s, micro));
                }
                mine.Add(CfTimeEncoder.EncodeDates(us, cal, units));
                cases.Add(new JsonObject { ["units"] = units, ["calendar"] = calName, ["dates"] = fields });
            }
        }
        var output = CfPeers.Run(new JsonObject { ["cases"] = cases }, """
import cftime, numpy as np
out = []
for c in inp['cases']:
    dates = [cftime.datetime(*f, calendar=c['calendar']) for f in c['dates']]
    n = np.asarray(cftime.date2num(dates, c['units'], c['calendar']))
    out.append({'kind': n.dtype.kind, 'values': n.tolist()})
""");
        for (int c = 0; c < mine.Count; c++)
        {
            var theirs = output[c]!;
            string context = $"{cases[c]!["units"]} ({cases[c]!["calendar"]})";
            Assert.True((theirs["kind"]!.GetValue<string>() == "i") == mine[c].IsInteger, context + ": int/float differs");
            var values = CfPeers.Doubles(theirs["values"]!);
            for (int i = 0; i < values.Length; i++)
            {
                double ours = mine[c].IsInteger ? mine[c].Integers![i] : mine[c].Floats![i];
                Assert.True(Stats.Close(values[i], ours, 1e-15, 1e-12), $"{context}: cftime {values[i]:R}, ZarrPS {ours:R}");
            }
        }
    }

    [Fact]
    public void DecodeAgreesWithXarrayForTheGregorianCalendars()
    {
        Python.Require("xarray", "cftime", "pandas");
        var r = new Random(99);
        var cases = new List<DecodeCase>();
        foreach (var cal in new[] { "standard", "gregorian", "proleptic_gregorian" })
        {
            cases.AddRange(RandomDecodeCases(r, cal, 40, 1700, 2200, 60));   // datetime64 results
            cases.AddRange(RandomDecodeCases(r, cal, 12, 1000, 1600, 300));  // early references, often still datetime64
            cases.AddRange(RandomDecodeCases(r, cal, 12, 1800, 2200, 3000)); // past 2262: dates
        }
        cases.Add(new DecodeCase("days since 1850-01-01", "proleptic_gregorian", ValueKind.Random, [56628.3, 0.1, 2.3 / 24, 1.0 / 3, -0.7, 1e-9, 36524.999999, 56628.041666666664, 7.1, 100.9]));
        cases.Add(new DecodeCase("hours since 2000-01-01 12:00:00 +05:30", "standard", ValueKind.Random, [2.3, 0.1, 0.7, 4.6, 1.1, 100000.1, 2048.2, 4096.1, -3.3, 0.5]));
        var output = CfPeers.Run(new JsonObject { ["cases"] = CasesJson(cases) }, """
import numpy as np
from xarray.coding.times import decode_cf_datetime
out = []
for c in inp['cases']:
    v = np.array(c['values'], dtype=np.int64 if c['integer'] else np.float64)
    d = decode_cf_datetime(v, c['units'], c['calendar'])
    if d.dtype.kind == 'M':
        out.append({'ns': d.astype('M8[ns]').astype(np.int64).tolist()})
    else:
        out.append({'dates': [str(x) for x in d]})
""");
        int datetime64 = 0;
        for (int c = 0; c < cases.Count; c++)
        {
            var k = cases[c];
            var decoded = k.Kind == ValueKind.Integer
                ? CfTimeDecoder.Decode(k.Values.Select(v => (long)v).ToArray(), k.Units, k.Calendar)
                : CfTimeDecoder.Decode(k.Values, k.Units, k.Calendar);
            var theirs = output[c]!;
            string context = $"{k.Units} ({k.Calendar})";
            if (theirs["ns"] is JsonNode ns)
            {
                datetime64++;
                Assert.True(decoded.Representation == CfTimeRepresentation.Datetime64, context + ": xarray gave datetime64");
                var expected = CfPeers.Longs(ns);
                // xarray's pandas path multiplies floats in double precision (inexact past 2^53 ns, and truncated, where
                // ZarrPS multiplies whole numbers exactly and rounds); its cftime path works in microseconds with
                // x87 long-double rounding, where ZarrPS rounds the exact value.
                bool pandasPath = k.Units.Split(' ')[0].TrimEnd('s') is "day" or "hour" or "minute" or "second" or "millisecond" or "microsecond"
                                  && new CfTimeDecoder(k.Units, k.Calendar).Reference.TryToDatetime64(out _);
                long unitNs = CfTimeUnits.Parse(k.Units).UnitNanoseconds;
                for (int i = 0; i < expected.Length; i++)
                {
                    double product = Math.Abs(k.Values[i] * unitNs);
                    double tolerance = k.Kind == ValueKind.Integer ? 0
                        : pandasPath ? Math.BitIncrement(product) - product + 1
                        : k.Kind == ValueKind.Dyadic ? 0 : 1000;
                    Assert.True(Math.Abs(expected[i] - decoded.Values[i]) <= tolerance, $"{k.Values[i]:R} {context}: xarray {expected[i]}, ZarrPS {decoded.Values[i]}");
                }
            }
            else
            {
                Assert.True(decoded.Representation == CfTimeRepresentation.CfDate, context + ": xarray gave cftime dates");
                var expected = CfPeers.Strings(theirs["dates"]!);
                for (int i = 0; i < expected.Length; i++)
                {
                    long diff = CfDate.Parse(expected[i], decoded.Calendar).MicrosecondsSince(decoded.GetDate(i));
                    Assert.True(k.Kind == ValueKind.Random ? Math.Abs(diff) <= 1 : diff == 0, $"{k.Values[i]:R} {context}: xarray {expected[i]}, ZarrPS {decoded.GetDate(i)}");
                }
            }
        }
        Assert.True(datetime64 > cases.Count / 2, "most cases should decode to datetime64");
        Assert.True(datetime64 < cases.Count, "some cases should decode to dates");
    }

    [Fact]
    public void EncodeAgreesWithXarray()
    {
        Python.Require("xarray", "pandas");
        var r = new Random(3);
        var arrays = new List<long[]>();
        long t0 = new CfDate(2019, 1, 1, CfCalendar.ProlepticGregorian).ToDatetime64();
        long[] steps = [86_400_000_000_000, 21_600_000_000_000, 5_400_000_000_000, 1_000_000_000, 1_500_000_000, 1_000, 1, 7 * 86_400_000_000_000L, 3_600_000_000_000 + 1];
        foreach (long step in steps)
        {
            long start = t0 + r.NextInt64(-3_000_000_000_000_000_000L, 3_000_000_000_000_000_000L) / step * step;
            arrays.Add(Enumerable.Range(0, 20).Select(i => start + i * step).ToArray());
        }
        arrays.Add([t0, Datetime64.NaT, t0 + 2 * 86_400_000_000_000]);
        arrays.Add([Datetime64.NaT, t0 + 86_400_000_000_000, t0 + 2 * 86_400_000_000_000]);
        arrays.Add([t0 + 2 * 86_400_000_000_000, t0]);
        arrays.Add([t0 + 500_000_000]);
        arrays.Add([]);
        arrays.Add(Enumerable.Range(0, 30).Select(_ => r.NextInt64(-9_000_000_000_000_000_000L, 9_000_000_000_000_000_000L)).ToArray());
        arrays.Add(Enumerable.Range(0, 30).Select(_ => r.NextInt64(0, 1_000_000_000_000_000_000L) / 60_000_000_000 * 60_000_000_000).ToArray());

        string?[] unitChoices = [null, "hours since 2000-01-01T06:00", "days since 1970-01-01", "seconds since 1900-01-01 00:00:00", "minutes since 2019-01-01 12:00:00 +05:30"];
        string?[] calendarChoices = [null, "standard", "proleptic_gregorian", "julian", "noleap", "360_day"];
        var cases = new JsonArray();
        var mine = new List<CfEncodedTimes?>();
        foreach (var a in arrays)
        {
            foreach (var units in unitChoices)
            {
                foreach (var calendar in calendarChoices)
                {
                    if (units is not null && a.Length > 3 && a[0] < t0 - 3_000_000_000_000_000_000L) continue;
                    CfEncodedTimes? encoded;
                    try { encoded = CfTimeEncoder.Encode(a, units, calendar); }
                    // A 29 February or a 31st has no twin in some calendars, and cftime cannot count nanoseconds.
                    catch (ZarrPSException e) when (e.ErrorId is "InvalidDate" or "InvalidTimeUnits") { encoded = null; }
                    mine.Add(encoded);
                    cases.Add(new JsonObject { ["ns"] = CfPeers.Numbers(a), ["units"] = units, ["calendar"] = calendar });
                }
            }
        }
        var output = CfPeers.Run(new JsonObject { ["cases"] = cases }, """
import numpy as np
from xarray.coding.times import encode_cf_datetime, infer_datetime_units
out = []
for c in inp['cases']:
    d = np.array(c['ns'], dtype=np.int64).view('M8[ns]')
    try:
        n, u, cal = encode_cf_datetime(d, c['units'], c['calendar'])
        n = np.asarray(n)
        out.append({'units': u, 'calendar': cal, 'kind': n.dtype.kind,
                    'values': [None if v != v else v for v in n.tolist()],
                    'inferred': infer_datetime_units(d)})
    except ValueError as e:
        out.append({'error': str(e)})
""");
        int compared = 0;
        for (int c = 0; c < mine.Count; c++)
        {
            var theirs = output[c]!;
            var ns = CfPeers.Longs(cases[c]!["ns"]!);
            string context = $"case {c} (units {cases[c]!["units"]}, calendar {cases[c]!["calendar"]}, {ns.Length} times)";
            if (theirs["error"] is not null)
            {
                Assert.True(mine[c] is null, $"{context}: xarray refused ({theirs["error"]}), ZarrPS encoded");
                continue;
            }
            var ours = mine[c];
            Assert.True(ours is not null, $"{context}: ZarrPS refused, xarray encoded");
            compared++;
            Assert.Equal(theirs["units"]!.GetValue<string>(), ours.Units);
            Assert.Equal(theirs["calendar"]!.GetValue<string>(), ours.Calendar);
            Assert.Equal(theirs["inferred"]!.GetValue<string>(), CfTimeEncoder.InferUnits(ns));
            Assert.True((theirs["kind"]!.GetValue<string>() == "i") == ours.IsInteger, $"{context}: int/float differs ({theirs["kind"]})");
            if (ours.IsInteger)
            {
                Assert.Equal(CfPeers.Longs(theirs["values"]!), ours.Integers!);
                continue;
            }
            // Identical below 2^53 ns; beyond it pandas rounds the nanoseconds to a double before dividing, ZarrPS
            // divides exactly and is the closer of the two by an ulp or so.
            var values = CfPeers.Doubles(theirs["values"]!);
            for (int i = 0; i < values.Length; i++)
                Assert.True(Stats.Close(values[i], ours.Floats![i], 1e-15, 0), $"{context} [{i}]: xarray {values[i]:R}, ZarrPS {ours.Floats![i]:R}");
        }
        Assert.True(compared > mine.Count / 2, $"only {compared} of {mine.Count} cases compared");
    }

    [Fact]
    public void EncodingDatesAgreesWithXarrayForCftimeObjects()
    {
        Python.Require("xarray", "cftime");
        var r = new Random(11);
        var cases = new JsonArray();
        var mine = new List<CfEncodedTimes>();
        foreach (var calName in new[] { "standard", "julian", "noleap", "all_leap", "360_day", "proleptic_gregorian" })
        {
            var cal = CfCalendars.Parse(calName);
            foreach (long step in new long[] { 86_400_000_000, 10_800_000_000, 90_000_000, 1_000, 86_400_000_001 })
            {
                var start = CfDate.Parse(RandomReference(r, cal, -500, 2500), cal);
                var us = Enumerable.Range(0, 12).Select(i => start.EpochMicroseconds + i * step).ToArray();
                mine.Add(CfTimeEncoder.EncodeDates(us, cal));
                var fields = new JsonArray();
                foreach (var t in us)
                {
                    var (y, mo, d, h, mi, s, micro) = CfDate.FromEpochMicroseconds(t, cal);
                    fields.Add(new JsonArray(y, mo, d, h, mi, s, micro));
                }
                cases.Add(new JsonObject { ["calendar"] = calName, ["dates"] = fields });
            }
        }
        var output = CfPeers.Run(new JsonObject { ["cases"] = cases }, """
import cftime, numpy as np
from xarray.coding.times import encode_cf_datetime
out = []
for c in inp['cases']:
    dates = np.array([cftime.datetime(*f, calendar=c['calendar']) for f in c['dates']], dtype=object)
    n, u, cal = encode_cf_datetime(dates)
    n = np.asarray(n)
    out.append({'units': u, 'calendar': cal, 'kind': n.dtype.kind, 'values': n.tolist()})
""");
        for (int c = 0; c < mine.Count; c++)
        {
            var theirs = output[c]!;
            Assert.Equal(theirs["units"]!.GetValue<string>(), mine[c].Units);
            Assert.Equal(theirs["calendar"]!.GetValue<string>(), mine[c].Calendar);
            Assert.Equal(theirs["kind"]!.GetValue<string>() == "i", mine[c].IsInteger);
            var values = CfPeers.Doubles(theirs["values"]!);
            for (int i = 0; i < values.Length; i++)
            {
                double v = mine[c].IsInteger ? mine[c].Integers![i] : mine[c].Floats![i];
                Assert.True(Stats.Close(values[i], v, 1e-15, 0), $"{mine[c].Units}: xarray {values[i]:R}, ZarrPS {v:R}");
            }
        }
    }

    [Fact]
    public void PeriodsAgreeWithPandas()
    {
        Python.Require("pandas");
        string[] texts = ["2019", "2019-07", "2019-02", "2020-02", "2019-12", "2019-07-01", "2019-12-31", "2019-07-01T06", "2019-07-01 06:30",
            "2019-07-01T06:30:15", "2019-07-01 23:59:59", "1999-12-31T23", "2000-02-29", "1700", "2261-12"];
        var output = CfPeers.Run(new JsonObject { ["texts"] = new JsonArray(texts.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()) }, """
import pandas as pd
out = []
for t in inp['texts']:
    p = pd.Period(t)
    out.append([p.start_time.value, p.end_time.value + 1])
""");
        for (int i = 0; i < texts.Length; i++)
        {
            var period = CfPeriod.Parse(texts[i]);
            var expected = CfPeers.Longs(output[i]!);
            Assert.Equal((expected[0], expected[1]), period.ToDatetime64Range());
        }
    }

    [Fact]
    public void Datetime64UnitCastsAgreeWithNumpy()
    {
        Python.Require("numpy");
        var r = new Random(8);
        string[] units = ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns"];
        var input = new JsonObject();
        var values = new Dictionary<string, long[]>();
        foreach (var unit in units)
        {
            long per = Datetime64.NanosecondsPerUnit(unit);
            long limit = unit switch { "Y" => 290, "M" => 3_500, _ => long.MaxValue / per };
            values[unit] = Enumerable.Range(0, 200).Select(_ => r.NextInt64(-limit, limit)).Append(Datetime64.NaT).ToArray();
            input[unit] = CfPeers.Numbers(values[unit]);
        }
        var ns = Enumerable.Range(0, 200).Select(_ => r.NextInt64(long.MinValue + 1, long.MaxValue)).ToArray();
        input["instants"] = CfPeers.Numbers(ns);
        var output = CfPeers.Run(input, """
import numpy as np
out = {'to_ns': {}, 'from_ns': {}}
ns = np.array(inp['instants'], dtype=np.int64).view('M8[ns]')
for u in ['Y', 'M', 'W', 'D', 'h', 'm', 's', 'ms', 'us', 'ns']:
    out['to_ns'][u] = np.array(inp[u], dtype=np.int64).view('M8[' + u + ']').astype('M8[ns]').view(np.int64).tolist()
    out['from_ns'][u] = ns.astype('M8[' + u + ']').view(np.int64).tolist()
""");
        foreach (var unit in units)
        {
            var mine = new long[values[unit].Length];
            Datetime64.ToNanoseconds(values[unit], unit, mine);
            Assert.Equal(CfPeers.Longs(output["to_ns"]![unit]!), mine);
            var back = new long[ns.Length];
            Datetime64.FromNanoseconds(ns, unit, back);
            Assert.Equal(CfPeers.Longs(output["from_ns"]![unit]!), back);
        }
    }
}
