using System.Globalization;
using System.Numerics;

namespace ZarrPS.Engine.Cf;

/// <summary>
/// Decodes numbers of a CF time coordinate ("days since 1850-01-01" with a calendar) into times, as xarray's
/// decode_cf_datetime does: datetime64[ns] when the calendar is standard, gregorian or proleptic_gregorian and
/// every date fits 1677-09-21 .. 2262-04-11, otherwise dates of the calendar (cftime objects in xarray).
/// Whole numbers (integers, and floats without a fraction) are multiplied exactly as integers. Fractions follow
/// xarray's two paths. Where xarray decodes with pandas (a unit spelled out — days, hours, ... — and a reference
/// inside the datetime64 range) the double product value × unit is rounded to whole nanoseconds; the product's own
/// rounding puts values such as 56628.3 days back on their minute grid, and rounding rather than truncating (as
/// xarray does) keeps 2.3 hours at 02:18 instead of 02:17:59.999999999. Otherwise (abbreviated units, early
/// references, other calendars: cftime's path) the double's exact binary value is rounded to the nearest
/// microsecond. NaN, infinities and the missing values given are NaT. Parse once, decode many chunks: instances
/// are immutable and thread-safe.
/// </summary>
public sealed class CfTimeDecoder
{
    private readonly Int128 _referenceNanoseconds;
    private readonly long _referenceMicroseconds;
    private readonly long _unitNanoseconds;
    private readonly long _dateNumerator;
    private readonly long _dateDenominator;
    private readonly long _minMicroseconds;
    private readonly long _maxMicroseconds;
    private readonly double[] _missing;
    private readonly bool _pandasPath;

    /// <summary>
    /// Binds units to a calendar (null or empty is the CF default, standard). InvalidData "InvalidTimeUnits" or
    /// "InvalidCalendar" naming the attribute when they cannot be decoded. <paramref name="missingValues"/>
    /// (_FillValue, missing_value) decode to NaT.
    /// </summary>
    public CfTimeDecoder(string units, string? calendar = null, IReadOnlyList<double>? missingValues = null)
    {
        Units = CfTimeUnits.Parse(units);
        Calendar = CfCalendars.Parse(calendar);
        Reference = Units.ReferenceDate(Calendar);
        _referenceMicroseconds = Reference.EpochMicroseconds;
        _referenceNanoseconds = (Int128)_referenceMicroseconds * 1000 + Units.ReferenceNanosecond;
        _unitNanoseconds = Units.UnitNanoseconds;
        (_dateNumerator, _dateDenominator) = _unitNanoseconds % 1000 == 0 ? (_unitNanoseconds / 1000, 1L) : (_unitNanoseconds, 1000L);
        _minMicroseconds = CfDate.MinMicroseconds(Calendar);
        _maxMicroseconds = CfDate.MaxMicroseconds(Calendar);
        _missing = missingValues is null ? [] : [.. missingValues];
        // xarray first tries pandas, which knows only the spelled-out units and Timestamps in the datetime64 range;
        // anything else goes through cftime (microseconds).
        string unit = Units.UnitText.ToLowerInvariant();
        if (!unit.EndsWith('s')) unit += "s";
        _pandasPath = unit is "days" or "hours" or "minutes" or "seconds" or "milliseconds" or "microseconds" or "nanoseconds" &&
                      _referenceNanoseconds >= Datetime64.MinValue && _referenceNanoseconds <= Datetime64.MaxValue;
    }

    /// <summary>The parsed units.</summary>
    public CfTimeUnits Units { get; }

    /// <summary>The calendar.</summary>
    public CfCalendar Calendar { get; }

    /// <summary>The reference date in the calendar, in UTC.</summary>
    public CfDate Reference { get; }

    /// <summary>True when the calendar can give datetime64 values at all (standard, gregorian, proleptic_gregorian).</summary>
    public bool SupportsDatetime64 => CfCalendars.SupportsDatetime64(Calendar);

    /// <summary>Decodes, choosing datetime64[ns] when every value fits it, else dates.</summary>
    public static CfDecodedTimes Decode(ReadOnlySpan<double> values, string units, string? calendar = null) =>
        new CfTimeDecoder(units, calendar).Decode(values);

    /// <summary>Decodes integer values, choosing datetime64[ns] when every value fits it, else dates.</summary>
    public static CfDecodedTimes Decode(ReadOnlySpan<long> values, string units, string? calendar = null) =>
        new CfTimeDecoder(units, calendar).Decode(values);

    /// <summary>Decodes, choosing datetime64[ns] when every value fits it, else dates.</summary>
    public CfDecodedTimes Decode(ReadOnlySpan<double> values) => Decode<double>(values);

    /// <summary>Decodes integer values, choosing datetime64[ns] when every value fits it, else dates.</summary>
    public CfDecodedTimes Decode(ReadOnlySpan<long> values) => Decode<long>(values);

    /// <summary>Decodes values of any numeric type: the integer types exactly, the others (float, Half, double) through double.</summary>
    public CfDecodedTimes Decode<T>(ReadOnlySpan<T> values) where T : unmanaged, INumberBase<T>
    {
        var result = new long[values.Length];
        if (SupportsDatetime64 && TryDecodeDatetime64(values, result))
            return new CfDecodedTimes(result, CfTimeRepresentation.Datetime64, Calendar);
        DecodeDates(values, result);
        return new CfDecodedTimes(result, CfTimeRepresentation.CfDate, Calendar);
    }

    /// <summary>
    /// The representation xarray would pick for a variable holding these values (pass all of them, or the
    /// minimum and maximum): Datetime64 when the calendar allows it and every value fits, else CfDate. A lazy
    /// variable picks once and then decodes each chunk with <see cref="DecodeTo{T}"/>.
    /// </summary>
    public CfTimeRepresentation ChooseRepresentation<T>(ReadOnlySpan<T> values) where T : unmanaged, INumberBase<T>
    {
        if (!SupportsDatetime64) return CfTimeRepresentation.CfDate;
        for (int i = 0; i < values.Length; i++)
            if (!TryOne(values[i], CfTimeRepresentation.Datetime64, out _)) return CfTimeRepresentation.CfDate;
        return CfTimeRepresentation.Datetime64;
    }

    /// <summary>Decodes to datetime64[ns]; false (destination partly written) when a value does not fit or the calendar has no datetime64.</summary>
    public bool TryDecodeDatetime64<T>(ReadOnlySpan<T> values, Span<long> destination) where T : unmanaged, INumberBase<T>
    {
        CheckLengths(values.Length, destination.Length);
        if (!SupportsDatetime64) return false;
        for (int i = 0; i < values.Length; i++)
            if (!TryOne(values[i], CfTimeRepresentation.Datetime64, out destination[i])) return false;
        return true;
    }

    /// <summary>Decodes to <see cref="CfDate.EpochMicroseconds"/> of <see cref="Calendar"/>; InvalidData "TimeOutOfRange" when a date passes the supported years.</summary>
    public void DecodeDates<T>(ReadOnlySpan<T> values, Span<long> destination) where T : unmanaged, INumberBase<T> =>
        DecodeTo(values, destination, CfTimeRepresentation.CfDate);

    /// <summary>Decodes to the representation chosen for the variable; InvalidData "TimeOutOfRange" naming the value when one does not fit it.</summary>
    public void DecodeTo<T>(ReadOnlySpan<T> values, Span<long> destination, CfTimeRepresentation representation) where T : unmanaged, INumberBase<T>
    {
        CheckLengths(values.Length, destination.Length);
        if (representation == CfTimeRepresentation.Datetime64 && !SupportsDatetime64)
            throw new ZarrPSException(ErrorKind.InvalidOperation, "TimeOutOfRange",
                $"Times in the {CfCalendars.Name(Calendar)} calendar cannot be datetime64 values; decode them as dates.", Calendar);
        for (int i = 0; i < values.Length; i++)
        {
            if (!TryOne(values[i], representation, out destination[i]))
                throw OutOfRange(double.CreateTruncating(values[i]), representation);
        }
    }

    private bool TryOne<T>(T value, CfTimeRepresentation representation, out long result) where T : unmanaged, INumberBase<T>
    {
        result = Datetime64.NaT;
        bool ns = representation == CfTimeRepresentation.Datetime64;
        Int128 offset;
        if (!IsIntegerType<T>())
        {
            double v = double.CreateTruncating(value);
            // Infinities too: pandas turns them into NaT when it casts to int64.
            if (!double.IsFinite(v) || IsMissing(v)) return true;
            if (ns && _pandasPath)
            {
                if (v == Math.Floor(v) && Math.Abs(v) < 9.007199254740992e15) offset = (Int128)(long)v * _unitNanoseconds;
                else
                {
                    double product = v * _unitNanoseconds;
                    if (!(Math.Abs(product) < 9.2e18)) return false;
                    // xarray truncates here and lands 1 ns short of values such as 2.3 h; rounding does not.
                    offset = (long)Math.Round(product, MidpointRounding.ToEven);
                }
                return TryNanoseconds(_referenceNanoseconds + offset, out result);
            }
            if (!ExactScale.TryScale(v, _dateNumerator, _dateDenominator, out offset)) return false;
        }
        else
        {
            long v = long.CreateSaturating(value);
            if (v == long.MinValue || (_missing.Length > 0 && IsMissing(v))) return true;
            if (ns && _pandasPath) return TryNanoseconds(_referenceNanoseconds + (Int128)v * _unitNanoseconds, out result);
            ExactScale.TryScale(v, _dateNumerator, _dateDenominator, out offset);
        }
        Int128 us = _referenceMicroseconds + offset;
        if (ns) return TryNanoseconds(us * 1000, out result);
        if (us < _minMicroseconds || us > _maxMicroseconds) return false;
        result = (long)us;
        return true;
    }

    // typeof comparisons of a value type fold away when the JIT specializes the method.
    private static bool IsIntegerType<T>() =>
        typeof(T) == typeof(long) || typeof(T) == typeof(int) || typeof(T) == typeof(short) || typeof(T) == typeof(sbyte) ||
        typeof(T) == typeof(ulong) || typeof(T) == typeof(uint) || typeof(T) == typeof(ushort) || typeof(T) == typeof(byte);

    private static bool TryNanoseconds(Int128 ns, out long result)
    {
        result = Datetime64.NaT;
        if (ns < Datetime64.MinValue || ns > Datetime64.MaxValue) return false;
        result = (long)ns;
        return true;
    }

    private bool IsMissing(double v)
    {
        foreach (double m in _missing)
            if (v == m) return true;
        return false;
    }

    private ZarrPSException OutOfRange(double value, CfTimeRepresentation representation)
    {
        string v = value.ToString("R", CultureInfo.InvariantCulture);
        string range = representation == CfTimeRepresentation.Datetime64
            ? "outside datetime64[ns] (1677-09-21 to 2262-04-11)"
            : $"outside the years {CfCalendars.MinYear}..{CfCalendars.MaxYear} a date can hold";
        return new ZarrPSException(ErrorKind.InvalidData, "TimeOutOfRange",
            $"Time value {v} in units '{Units.Text}' ({CfCalendars.Name(Calendar)} calendar) is {range}.", value);
    }

    private static void CheckLengths(int source, int destination)
    {
        if (destination < source)
            throw new ArgumentException($"The destination holds {destination} values but the source has {source}.", nameof(destination));
    }
}
