using System.Globalization;

namespace ZarrPS.Engine.Compute.Grouping;

/// <summary>
/// A resampling frequency as pandas 1.5 writes it: an optional multiple and an offset alias — 30min/30T, 1H/h,
/// 1D, W (W-SUN), M (month end), MS, Q/QS (Q-DEC, QS-JAN; QS-DEC anchors quarters on December), A/Y (A-DEC),
/// AS/YS (AS-JAN). ME, QE and YE (pandas 2.2 names) are read as M, Q and A.
/// </summary>
public sealed class ResampleFrequency
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];

    /// <summary>The forms <see cref="Parse"/> accepts, for messages.</summary>
    public const string ValidForms =
        "an optional multiple and one of S, T or min, H or h, D, W or W-SUN..W-SAT, M, MS, Q or Q-JAN..Q-DEC, QS or QS-JAN..QS-DEC, " +
        "A/Y or A-JAN..A-DEC, AS/YS or AS-JAN..AS-DEC (for example 30min, 1H, 6H, 1D, 1W, 1M, MS, QS-DEC, AS)";

    private ResampleFrequency(string text, int multiple, FrequencyUnit unit, int anchor)
    {
        Text = text;
        Multiple = multiple;
        Unit = unit;
        Anchor = anchor;
    }

    /// <summary>The text as given.</summary>
    public string Text { get; }

    /// <summary>How many units make one bin (the 6 of 6H).</summary>
    public int Multiple { get; }

    /// <summary>The unit.</summary>
    public FrequencyUnit Unit { get; }

    /// <summary>The anchor: the weekday of weeks (0 Monday … 6 Sunday), the month (1..12) of quarters and years; 0 otherwise.</summary>
    public int Anchor { get; }

    /// <summary>True for fixed-length units (days and shorter): pandas' Tick offsets.</summary>
    public bool IsTick => Unit <= FrequencyUnit.Day;

    /// <summary>The bin length in nanoseconds of a tick frequency.</summary>
    public long TickNanoseconds => Multiple * Unit switch
    {
        FrequencyUnit.Nanosecond => 1L,
        FrequencyUnit.Microsecond => 1_000L,
        FrequencyUnit.Millisecond => 1_000_000L,
        FrequencyUnit.Second => 1_000_000_000L,
        FrequencyUnit.Minute => 60_000_000_000L,
        FrequencyUnit.Hour => 3_600_000_000_000L,
        FrequencyUnit.Day => 86_400_000_000_000L,
        _ => throw new InvalidOperationException($"{Text} has no fixed length."),
    };

    /// <summary>pandas' default closed side and label: right for M, Q, A and W; left for the others.</summary>
    public BinSide DefaultSide => Unit is FrequencyUnit.MonthEnd or FrequencyUnit.QuarterEnd or FrequencyUnit.YearEnd or FrequencyUnit.Week
        ? BinSide.Right
        : BinSide.Left;

    /// <summary>pandas' canonical name (rule code with the multiple): 6H, M, Q-DEC, AS-JAN, W-SUN.</summary>
    public string Canonical
    {
        get
        {
            string code = Unit switch
            {
                FrequencyUnit.Nanosecond => "N",
                FrequencyUnit.Microsecond => "U",
                FrequencyUnit.Millisecond => "L",
                FrequencyUnit.Second => "S",
                FrequencyUnit.Minute => "T",
                FrequencyUnit.Hour => "H",
                FrequencyUnit.Day => "D",
                FrequencyUnit.Week => "W-" + DayNames[Anchor],
                FrequencyUnit.MonthEnd => "M",
                FrequencyUnit.MonthStart => "MS",
                FrequencyUnit.QuarterEnd => "Q-" + MonthNames[Anchor - 1],
                FrequencyUnit.QuarterStart => "QS-" + MonthNames[Anchor - 1],
                FrequencyUnit.YearEnd => "A-" + MonthNames[Anchor - 1],
                _ => "AS-" + MonthNames[Anchor - 1],
            };
            return Multiple == 1 ? code : Multiple.ToString(CultureInfo.InvariantCulture) + code;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Canonical;

    /// <summary>Parses a frequency; InvalidArgument "InvalidFrequency" listing the valid forms otherwise.</summary>
    public static ResampleFrequency Parse(string text)
    {
        if (TryParse(text, out var f)) return f!;
        throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidFrequency",
            $"'{text}' is not a resampling frequency; use {ValidForms}.", text);
    }

    /// <summary>Parses a frequency; false when it is not one.</summary>
    public static bool TryParse(string? text, out ResampleFrequency? frequency)
    {
        frequency = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        string t = text.Trim();
        int i = 0;
        if (i < t.Length && t[i] == '+') i++;
        int digits = i;
        while (i < t.Length && char.IsAsciiDigit(t[i])) i++;
        int multiple = 1;
        if (i > digits && (!int.TryParse(t.AsSpan(digits, i - digits), NumberStyles.None, CultureInfo.InvariantCulture, out multiple) || multiple < 1))
            return false;
        string code = t[i..].Trim();
        if (code.Length == 0) return false;
        // pandas upper-cases aliases except MS (month start) and ms (millisecond).
        string upper = code switch
        {
            "ms" => "L",
            "min" => "T",
            "us" => "U",
            "ns" => "N",
            "MS" => "MS",
            _ => code.ToUpperInvariant(),
        };
        string baseCode = upper, suffix = "";
        int dash = upper.IndexOf('-');
        if (dash >= 0)
        {
            baseCode = upper[..dash];
            suffix = upper[(dash + 1)..];
        }
        FrequencyUnit unit;
        int anchor = 0;
        switch (baseCode)
        {
            case "N": unit = FrequencyUnit.Nanosecond; break;
            case "U": unit = FrequencyUnit.Microsecond; break;
            case "L": unit = FrequencyUnit.Millisecond; break;
            case "S": unit = FrequencyUnit.Second; break;
            case "T" or "MIN": unit = FrequencyUnit.Minute; break;
            case "H": unit = FrequencyUnit.Hour; break;
            case "D": unit = FrequencyUnit.Day; break;
            case "W": unit = FrequencyUnit.Week; anchor = 6; break;
            case "M" or "ME": unit = FrequencyUnit.MonthEnd; break;
            case "MS": unit = FrequencyUnit.MonthStart; break;
            case "Q" or "QE": unit = FrequencyUnit.QuarterEnd; anchor = 12; break;
            case "QS": unit = FrequencyUnit.QuarterStart; anchor = 1; break;
            case "A" or "Y" or "YE": unit = FrequencyUnit.YearEnd; anchor = 12; break;
            case "AS" or "YS": unit = FrequencyUnit.YearStart; anchor = 1; break;
            default: return false;
        }
        if (suffix.Length > 0)
        {
            if (unit == FrequencyUnit.Week)
            {
                anchor = Array.IndexOf(DayNames, suffix);
                if (anchor < 0) return false;
            }
            else if (unit is FrequencyUnit.QuarterEnd or FrequencyUnit.QuarterStart or FrequencyUnit.YearEnd or FrequencyUnit.YearStart)
            {
                anchor = Array.IndexOf(MonthNames, suffix) + 1;
                if (anchor == 0) return false;
            }
            else return false;
        }
        frequency = new ResampleFrequency(text, multiple, unit, anchor);
        return true;
    }
}
