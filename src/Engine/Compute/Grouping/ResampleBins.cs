using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Cf;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Compute.Grouping;

/// <summary>
/// The bins of a resampling (xarray's <c>resample(time=freq)</c>, pandas 1.5 semantics; CFTimeIndex semantics for
/// calendar dates): for each position its bin, and every bin's label from the first to the last, empty bins kept.
/// Bins are anchored at midnight of the first time (origin 'start_day').
/// </summary>
public sealed class ResampleBins
{
    private ResampleBins(string dim, ResampleFrequency frequency, BinSide closed, BinSide label, int[] codes, long[] labels, long[] edges, DataType labelType)
    {
        Dim = dim;
        Frequency = frequency;
        Closed = closed;
        Label = label;
        Codes = codes;
        Labels = labels;
        Edges = edges;
        LabelType = labelType;
    }

    /// <summary>The resampled dimension.</summary>
    public string Dim { get; }

    /// <summary>The frequency.</summary>
    public ResampleFrequency Frequency { get; }

    /// <summary>The closed side of each bin.</summary>
    public BinSide Closed { get; }

    /// <summary>The side whose edge labels each bin.</summary>
    public BinSide Label { get; }

    /// <summary>The bin of each position; -1 for NaT.</summary>
    public int[] Codes { get; }

    /// <summary>The label of each bin: datetime64[ns] nanoseconds, or microseconds of the calendar for calendar dates.</summary>
    public long[] Labels { get; }

    /// <summary>The bin edges as compared against (one more than the bins), in the units of <see cref="Labels"/>.</summary>
    public long[] Edges { get; }

    /// <summary>The type of <see cref="Labels"/>: datetime64[ns] or the calendar's dates.</summary>
    public DataType LabelType { get; }

    /// <summary>The number of bins (empty ones included).</summary>
    public int BinCount => Labels.Length;

    /// <summary>The number of positions in each bin.</summary>
    public int[] Counts()
    {
        var counts = new int[BinCount];
        foreach (int c in Codes) if (c >= 0) counts[c]++;
        return counts;
    }

    /// <summary>Bins a 1-D time coordinate variable (reads its values).</summary>
    public static ResampleBins Compute(Variable coordinate, string frequency, BinSide? closed = null, BinSide? label = null, string? name = null)
    {
        var freq = ResampleFrequency.Parse(frequency);
        string dim = coordinate.Rank == 1 ? coordinate.Dims[0] : name ?? "?";
        if (coordinate.Rank != 1 || !coordinate.DType.IsTime)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "ResampleNotTime",
                $"Cannot resample along '{name ?? dim}': its coordinate holds {coordinate.Rank}-D {coordinate.DType.Name} values, not a 1-D time axis (datetime64 or calendar dates).", name ?? dim);
        return Compute((long[])ArrayValues.ReadAll(coordinate.Data), coordinate.DType, freq, closed, label, dim);
    }

    /// <summary>
    /// Bins stored times (datetime64 of any unit, or calendar dates) at a frequency; <paramref name="closed"/> and
    /// <paramref name="label"/> default as pandas' (right for M, Q, A, W; left otherwise). Times must be ascending
    /// (NaT aside): InvalidArgument "TimeNotMonotonic" otherwise.
    /// </summary>
    public static ResampleBins Compute(ReadOnlySpan<long> values, DataType type, ResampleFrequency frequency, BinSide? closed = null, BinSide? label = null, string dim = "time")
    {
        var ax = TimeTicks.From(values, type, dim);
        var side = closed ?? frequency.DefaultSide;
        var labelSide = label ?? frequency.DefaultSide;
        if (!ax.IsDatetime64 && frequency.Unit is FrequencyUnit.Week or FrequencyUnit.Nanosecond)
            throw new ZarrPSException(ErrorKind.NotImplemented, "UnsupportedCalendarFrequency",
                $"Resampling '{dim}' ({CfCalendars.Name(ax.Calendar)} calendar) at '{frequency.Text}' is not supported: calendar dates resample at S, T/min, H, D, M, MS, Q, QS, A/Y and AS/YS frequencies, as xarray's CFTimeIndex does.", frequency.Text);

        long first = 0, last = 0;
        bool any = false;
        var t = ax.Values;
        for (int i = 0; i < t.Length; i++)
        {
            if (t[i] == Datetime64.NaT) continue;
            if (any && t[i] < last)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "TimeNotMonotonic",
                    $"Cannot resample along '{dim}': its times must be ascending, but position {i} is earlier than the one before.", dim);
            if (!any) first = t[i];
            last = t[i];
            any = true;
        }
        var codes = new int[t.Length];
        Array.Fill(codes, -1);
        if (!any) return new ResampleBins(dim, frequency, side, labelSide, codes, [], [], ax.LabelType);

        long[] binner;
        bool adjust;
        if (frequency.IsTick)
        {
            binner = TickBinner(ax, frequency, side, first, last, dim);
            adjust = ax.IsDatetime64 && frequency.Unit == FrequencyUnit.Day && frequency.Multiple > 1;
        }
        else
        {
            binner = AnchoredBinner(ax, frequency, side, first, last);
            adjust = ax.IsDatetime64 || frequency.Unit is FrequencyUnit.MonthEnd or FrequencyUnit.QuarterEnd or FrequencyUnit.YearEnd;
        }
        var edges = (long[])binner.Clone();
        if (adjust)
        {
            // pandas and xarray stretch right-closed day-or-longer bins to the end of their last day.
            if (side == BinSide.Right)
                for (int i = 0; i < edges.Length; i++) edges[i] += ax.PerDay - 1;
            if (edges.Length >= 2 && edges[^2] > last)
            {
                edges = edges[..^1];
                binner = binner[..^1];
            }
        }
        int bins = edges.Length - 1;
        var labels = labelSide == BinSide.Left ? binner[..bins] : binner[1..(bins + 1)];

        int b = 0;
        for (int i = 0; i < t.Length; i++)
        {
            long v = t[i];
            if (v == Datetime64.NaT) continue;
            if (side == BinSide.Left)
                while (b < bins && v >= edges[b + 1]) b++;
            else
                while (b < bins && v > edges[b + 1]) b++;
            bool inside = side == BinSide.Left ? v >= edges[0] && b < bins : v > edges[0] && b < bins;
            codes[i] = inside ? b : -1;
        }
        return new ResampleBins(dim, frequency, side, labelSide, codes, labels, edges, ax.LabelType);
    }

    // pandas' _adjust_dates_anchored with origin 'start_day': edges on a lattice from midnight of the first day.
    private static long[] TickBinner(in TimeTicks ax, ResampleFrequency f, BinSide closed, long first, long last, string dim)
    {
        long ns = f.TickNanoseconds;
        long step = ax.IsDatetime64 ? ns : ns / 1000;
        if (step <= 0)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidFrequency", $"Frequency '{f.Text}' is finer than the microseconds of '{dim}'.", f.Text);
        long origin = ax.MidnightOf(ax.DayOf(first));
        long fOff = Mod(first - origin, step), lOff = Mod(last - origin, step);
        long firstEdge, lastEdge;
        if (closed == BinSide.Right)
        {
            firstEdge = fOff > 0 ? first - fOff : first - step;
            lastEdge = lOff > 0 ? last + (step - lOff) : last;
        }
        else
        {
            firstEdge = fOff > 0 ? first - fOff : first;
            lastEdge = lOff > 0 ? last + (step - lOff) : last + step;
        }
        long n = (lastEdge - firstEdge) / step + 1;
        if (n > int.MaxValue / 2)
            throw new ZarrPSException(ErrorKind.LimitsExceeded, "TooManyBins", $"Resampling '{dim}' at '{f.Text}' would make {n:N0} bins.", f.Text);
        var binner = new long[n];
        for (long i = 0; i < n; i++) binner[i] = firstEdge + i * step;
        return binner;
    }

    // Calendar offsets on normalized dates: first rolled back (closed left) or one offset earlier (closed right),
    // last one offset later, and every anchor multiple between them.
    private static long[] AnchoredBinner(in TimeTicks ax, ResampleFrequency f, BinSide closed, long first, long last)
    {
        var anchors = new Anchors(ax, f);
        long firstDay = ax.DayOf(first), lastDay = ax.DayOf(last);
        int n = f.Multiple;
        long jFirst = closed == BinSide.Left ? anchors.Floor(firstDay, out _) : anchors.Add(firstDay, -n);
        long jLast = anchors.Add(lastDay, n);
        var result = new List<long>();
        for (long j = jFirst; j <= jLast; j += n) result.Add(ax.MidnightOf(anchors.DayOf(j)));
        return result.ToArray();
    }

    private static long Mod(long a, long b)
    {
        long r = a % b;
        return r < 0 ? r + b : r;
    }

    // The anchor days of a calendar offset, numbered by an integer j in time order.
    private readonly struct Anchors
    {
        private readonly TimeTicks _ax;
        private readonly FrequencyUnit _unit;
        private readonly int _period;  // months between anchors
        private readonly int _phase;   // month index (0-based) of one anchor modulo the period
        private readonly long _weekRest;

        public Anchors(TimeTicks ax, ResampleFrequency f)
        {
            _ax = ax;
            _unit = f.Unit;
            _period = f.Unit switch
            {
                FrequencyUnit.QuarterEnd or FrequencyUnit.QuarterStart => 3,
                FrequencyUnit.YearEnd or FrequencyUnit.YearStart => 12,
                _ => 1,
            };
            _phase = f.Unit is FrequencyUnit.MonthEnd or FrequencyUnit.MonthStart or FrequencyUnit.Week ? 0 : f.Anchor - 1;
            // Day numbers with the anchor's weekday are 7j + rest (1970-01-01, day 0, was a Thursday: weekday 3).
            _weekRest = Mod(f.Anchor - 3, 7);
        }

        private bool IsEnd => _unit is FrequencyUnit.MonthEnd or FrequencyUnit.QuarterEnd or FrequencyUnit.YearEnd;

        public long DayOf(long j)
        {
            if (_unit == FrequencyUnit.Week) return 7 * j + _weekRest;
            long k = j * _period + _phase;
            long year = Math.DivRem(k, 12, out long m0);
            if (m0 < 0) { m0 += 12; year--; }
            int month = (int)m0 + 1;
            return _ax.DayNumber(year, month, IsEnd ? _ax.MonthLength(year, month) : 1);
        }

        // The last anchor on or before a day.
        public long Floor(long day, out bool on)
        {
            if (_unit == FrequencyUnit.Week)
            {
                long j = Math.DivRem(day - _weekRest, 7, out long r);
                if (r < 0) { j--; r += 7; }
                on = r == 0;
                return j;
            }
            _ax.Fields(day, out long year, out int month, out _);
            long k = year * 12 + month - 1;
            long jj = (k - _phase) / _period;
            if (Mod(k - _phase, _period) != 0 && k - _phase < 0) jj--;
            if (DayOf(jj) > day) jj--;
            on = DayOf(jj) == day;
            return jj;
        }

        // pandas' offset addition: a date not on an anchor reaches the next (or previous) anchor in one step.
        public long Add(long day, int n)
        {
            long j = Floor(day, out bool on);
            return n > 0 || on ? j + n : j + n + 1;
        }
    }
}
