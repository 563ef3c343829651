using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Cf;

namespace ZarrPS.Engine.Writers;

/// <summary>
/// CF encoding of times for writers (xarray's encode_cf_datetime): units and calendar given, or inferred from the
/// variable's values; int64 numbers when every value is exact, float64 otherwise.
/// </summary>
public static class TimeEncoding
{
    private const long SampleAll = 4 << 20;

    /// <summary>The encoded form of times.</summary>
    /// <param name="Data">Numbers in <paramref name="Units"/>.</param>
    /// <param name="Units">CF units, e.g. "days since 2019-01-01 00:00:00".</param>
    /// <param name="Calendar">CF calendar.</param>
    /// <param name="FillValue">The fill value of missing times (NaN for float64), if any.</param>
    public sealed record Encoded(ILazyArray Data, string Units, string Calendar, double? FillValue);

    /// <summary>Encodes times; <paramref name="units"/> and <paramref name="calendar"/> default to what xarray infers.</summary>
    public static Encoded Encode(ILazyArray times, string? units, string? calendar, string name)
    {
        long n = StridedCopy.Product(times.Shape);
        long[] sample;
        if (n <= SampleAll) sample = ReadLongs(times, new long[times.Shape.Length], times.Shape);
        else
        {
            var ones = times.Shape.Select(_ => 1L).ToArray();
            sample = [.. ReadLongs(times, new long[times.Shape.Length], ones), .. ReadLongs(times, times.Shape.Select(s => s - 1).ToArray(), ones)];
        }
        try
        {
            var probe = EncodeValues(times.DType, sample, units, calendar);
            bool asInteger = probe.IsInteger && (n <= SampleAll || units is not null);
            bool hasNaT = sample.Contains(Datetime64.NaT);
            var data = new TimeEncodeArray(times, probe.Units, probe.Calendar, asInteger && !hasNaT, name);
            return new Encoded(data, probe.Units, probe.Calendar, data.DType.IsFloat ? double.NaN : null);
        }
        catch (ZarrPSException e)
        {
            throw e.WithContext($"Encoding times of '{name}': ");
        }
    }

    internal static CfEncodedTimes EncodeValues(DataType type, ReadOnlySpan<long> values, string? units, string? calendar) =>
        type.Kind == ScalarKind.CalendarDate
            ? CfTimeEncoder.EncodeDates(values, CfCalendars.Parse(type.Unit), units, calendar)
            : CfTimeEncoder.Encode(values, units, calendar);

    private static long[] ReadLongs(ILazyArray a, long[] start, long[] count)
    {
        var result = new long[StridedCopy.Product(count)];
        a.ReadRegion(start, count, MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    // Chunk by chunk with the units fixed for the whole variable.
    private sealed class TimeEncodeArray(ILazyArray times, string units, string calendar, bool asInteger, string name)
        : Model.Cf.CfArray(times, asInteger ? DataType.Int64 : DataType.Float64, "encode times")
    {
        public override void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
        {
            var values = ReadLongs(Source, start.ToArray(), count.ToArray());
            var enc = EncodeValues(Source.DType, values, units, calendar);
            if (asInteger)
            {
                if (!enc.IsInteger)
                    throw new ZarrPSException(ErrorKind.InvalidData, "TimeEncodingInexact",
                        $"Times of '{name}' in {start.ToArray().Aggregate("", (a, s) => a + s + " ")}are not whole '{units}'; give finer units in -Encoding.", name);
                MemoryMarshal.AsBytes(enc.Integers.AsSpan()).CopyTo(destination);
            }
            else
            {
                var d = MemoryMarshal.Cast<byte, double>(destination);
                if (enc.IsInteger) for (int i = 0; i < d.Length; i++) d[i] = enc.Integers![i];
                else enc.Floats.AsSpan().CopyTo(d);
            }
        }
    }
}
