namespace ZarrPS.Engine.Cf;

/// <summary>
/// Times encoded for a CF file: numbers plus the units and calendar attributes to write with them. The numbers
/// are int64 when every time is a whole number of units (and none is NaT), else float64 with NaN for NaT.
/// </summary>
public sealed class CfEncodedTimes
{
    /// <summary>Wraps encoded values; exactly one of the arrays is set.</summary>
    public CfEncodedTimes(string units, string calendar, long[]? integers, double[]? floats)
    {
        if ((integers is null) == (floats is null))
            throw new ArgumentException("Exactly one of integers and floats must be given.");
        Units = units;
        Calendar = calendar;
        Integers = integers;
        Floats = floats;
    }

    /// <summary>The units attribute, e.g. "days since 2019-01-01 00:00:00".</summary>
    public string Units { get; }

    /// <summary>The calendar attribute, e.g. "proleptic_gregorian".</summary>
    public string Calendar { get; }

    /// <summary>The int64 values, or null when the values are float64.</summary>
    public long[]? Integers { get; }

    /// <summary>The float64 values, or null when the values are int64.</summary>
    public double[]? Floats { get; }

    /// <summary>True when the values are int64.</summary>
    public bool IsInteger => Integers is not null;

    /// <summary>The number of values.</summary>
    public int Length => Integers?.Length ?? Floats!.Length;
}
