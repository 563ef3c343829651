using System.Globalization;

namespace ZarrPS.Engine.Cf;

/// <summary>The fields of a date string as written, before a calendar checks them.</summary>
internal struct DateFields
{
    public long Year;
    public int Month;
    public int Day;
    public int Hour;
    public int Minute;
    public int Second;
    public int Microsecond;
    /// <summary>Nanoseconds below the microsecond (fraction digits 7 to 9).</summary>
    public int Nanosecond;
    public CfPeriodResolution Resolution;
    public bool HasOffset;
    /// <summary>The UTC offset the string names, in seconds east of Greenwich.</summary>
    public int OffsetSeconds;
}

/// <summary>
/// Reads and writes date strings the way CF reference dates and pandas partial strings are written:
/// "1850-1-1", "1900-01-01 00:00:0.0", "1970-01-01T00:00:00Z", "2000-01-01 12:00:00 +05:30", "-0100-01-01".
/// </summary>
internal static class DateText
{
    public static bool TryParse(ReadOnlySpan<char> s, out DateFields f, out string error)
    {
        f = default;
        f.Month = 1;
        f.Day = 1;
        int i = 0;
        SkipBlanks(s, ref i);
        bool negative = false;
        if (i < s.Length && (s[i] == '-' || s[i] == '+')) { negative = s[i] == '-'; i++; }
        if (!TryDigits(s, ref i, 1, 7, out long year)) { error = "it does not start with a year"; return false; }
        f.Year = negative ? -year : year;
        f.Resolution = CfPeriodResolution.Year;
        if (i + 1 < s.Length && s[i] == '-' && char.IsAsciiDigit(s[i + 1]))
        {
            i++;
            TryDigits(s, ref i, 1, 2, out long month);
            f.Month = (int)month;
            f.Resolution = CfPeriodResolution.Month;
            if (month is < 1 or > 12) { error = $"month {month} is not between 1 and 12"; return false; }
            if (i + 1 < s.Length && s[i] == '-' && char.IsAsciiDigit(s[i + 1]))
            {
                i++;
                TryDigits(s, ref i, 1, 2, out long day);
                f.Day = (int)day;
                f.Resolution = CfPeriodResolution.Day;
                if (day < 1) { error = "day 0 does not exist"; return false; }
                if (!TryTime(s, ref i, ref f, out error)) return false;
            }
        }
        SkipBlanks(s, ref i);
        if (i < s.Length && f.Resolution >= CfPeriodResolution.Day && !TryOffset(s, ref i, ref f, out error)) return false;
        SkipBlanks(s, ref i);
        if (i < s.Length) { error = $"unexpected text '{s[i..].ToString()}'"; return false; }
        error = "";
        return true;
    }

    private static bool TryTime(ReadOnlySpan<char> s, ref int i, ref DateFields f, out string error)
    {
        error = "";
        int j = i;
        if (j < s.Length && (s[j] == 'T' || s[j] == 't')) j++;
        else SkipBlanks(s, ref j);
        if (j == i || j >= s.Length || !char.IsAsciiDigit(s[j])) return true;
        i = j;
        TryDigits(s, ref i, 1, 2, out long hour);
        f.Hour = (int)hour;
        f.Resolution = CfPeriodResolution.Hour;
        if (hour > 23) { error = $"hour {hour} is not between 0 and 23"; return false; }
        if (i + 1 < s.Length && s[i] == ':' && char.IsAsciiDigit(s[i + 1]))
        {
            i++;
            TryDigits(s, ref i, 1, 2, out long minute);
            f.Minute = (int)minute;
            f.Resolution = CfPeriodResolution.Minute;
            if (minute > 59) { error = $"minute {minute} is not between 0 and 59"; return false; }
            if (i + 1 < s.Length && s[i] == ':' && char.IsAsciiDigit(s[i + 1]))
            {
                i++;
                TryDigits(s, ref i, 1, 2, out long second);
                f.Second = (int)second;
                f.Resolution = CfPeriodResolution.Second;
                if (second > 59) { error = $"second {second} is not between 0 and 59"; return false; }
                if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
                {
                    i++;
                    int digits = 0;
                    long fraction = 0; // nanoseconds; digits past the ninth are dropped, as cftime drops them past the sixth
                    while (i < s.Length && char.IsAsciiDigit(s[i]))
                    {
                        if (digits < 9) fraction = fraction * 10 + (s[i] - '0');
                        digits++;
                        i++;
                    }
                    for (int k = Math.Min(digits, 9); k < 9; k++) fraction *= 10;
                    f.Microsecond = (int)(fraction / 1000);
                    f.Nanosecond = (int)(fraction % 1000);
                    f.Resolution = digits > 6 ? CfPeriodResolution.Nanosecond : CfPeriodResolution.Microsecond;
                }
            }
        }
        return true;
    }

    private static bool TryOffset(ReadOnlySpan<char> s, ref int i, ref DateFields f, out string error)
    {
        error = "";
        var rest = s[i..];
        foreach (var zone in (ReadOnlySpan<string>)["UTC", "GMT", "Z"])
        {
            if (rest.StartsWith(zone, StringComparison.OrdinalIgnoreCase))
            {
                i += zone.Length;
                f.HasOffset = true;
                return true;
            }
        }
        if (s[i] != '+' && s[i] != '-')
        {
            error = $"unexpected text '{rest.ToString()}' (a time zone must be Z, UTC, GMT or an offset such as +05:30)";
            return false;
        }
        int sign = s[i] == '-' ? -1 : 1;
        i++;
        int start = i;
        if (!TryDigits(s, ref i, 1, 4, out long hh)) { error = $"time zone offset '{rest.ToString()}' has no hours"; return false; }
        long mm = 0, ss = 0;
        if (i - start > 2)
        {
            // "+0530": hours and minutes without a colon.
            if (i - start != 4) { error = $"time zone offset '{rest.ToString()}' is not +hh, +hh:mm or +hhmm"; return false; }
            mm = hh % 100;
            hh /= 100;
        }
        else if (i + 1 < s.Length && s[i] == ':' && char.IsAsciiDigit(s[i + 1]))
        {
            i++;
            TryDigits(s, ref i, 2, 2, out mm);
            if (i + 1 < s.Length && s[i] == ':' && char.IsAsciiDigit(s[i + 1])) { i++; TryDigits(s, ref i, 2, 2, out ss); }
        }
        if (hh > 23 || mm > 59 || ss > 59) { error = $"time zone offset '{rest.ToString()}' is out of range"; return false; }
        f.HasOffset = true;
        f.OffsetSeconds = sign * (int)(hh * 3600 + mm * 60 + ss);
        return true;
    }

    private static void SkipBlanks(ReadOnlySpan<char> s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, ref int i, int min, int max, out long value)
    {
        value = 0;
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            if (i - start == max) return false;
            value = value * 10 + (s[i] - '0');
            i++;
        }
        return i - start >= min;
    }

    /// <summary>A year as cftime prints it: at least four digits, a leading '-' before BC/negative years.</summary>
    public static string Year(long year) =>
        year < 0 ? "-" + (-year).ToString("D4", CultureInfo.InvariantCulture) : year.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>"YYYY-MM-DD" + separator + "hh:mm:ss" (+ ".ffffff" when the microseconds are not zero).</summary>
    public static string Format(long year, int month, int day, int hour, int minute, int second, int microsecond, char separator)
    {
        var ci = CultureInfo.InvariantCulture;
        string text = string.Create(ci, $"{Year(year)}-{month:D2}-{day:D2}{separator}{hour:D2}:{minute:D2}:{second:D2}");
        return microsecond == 0 ? text : text + "." + microsecond.ToString("D6", ci);
    }
}
