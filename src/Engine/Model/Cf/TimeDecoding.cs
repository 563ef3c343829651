using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Cf;

namespace ZarrPS.Engine.Model.Cf;

/// <summary>Decides whether a variable holds CF times and wraps it in a lazy decoder.</summary>
public static class TimeDecoding
{
    private const long SampleAll = 4 << 20;

    /// <summary>The decoded times of <paramref name="data"/>, or null when <paramref name="units"/> are not "&lt;unit&gt; since &lt;date&gt;" or cannot be decoded (xarray then keeps the numbers too).</summary>
    public static ILazyArray? TryDecode(ILazyArray data, string units, string? calendar, string name)
    {
        if (!units.Contains(" since ", StringComparison.OrdinalIgnoreCase)) return null;
        if (!data.DType.IsNumeric || data.DType.IsComplex || data.DType.Kind == ScalarKind.Bool) return null;
        CfTimeDecoder decoder;
        try
        {
            decoder = new CfTimeDecoder(units, calendar);
        }
        catch (ZarrPSException)
        {
            return null;
        }
        // The representation is chosen once for the variable, from all its values when it is small (coordinates
        // are), else from its first and last values, as xarray does.
        long n = StridedCopy.Product(data.Shape);
        double[] sample;
        if (n == 0) sample = [];
        else if (n <= SampleAll) sample = ReadAsDouble(data, new long[data.Shape.Length], data.Shape);
        else
        {
            var ones = data.Shape.Select(_ => 1L).ToArray();
            var last = data.Shape.Select(s => s - 1).ToArray();
            sample = [.. ReadAsDouble(data, new long[data.Shape.Length], ones), .. ReadAsDouble(data, last, ones)];
        }
        var representation = decoder.ChooseRepresentation<double>(sample);
        if (representation == CfTimeRepresentation.CfDate)
        {
            // Dates beyond the calendar's range cannot be decoded at all: keep the numbers, as xarray warns and does.
            try { decoder.DecodeTo<double>(sample, new long[sample.Length], representation); }
            catch (ZarrPSException) { return null; }
        }
        return new TimeDecodedArray(data, decoder, representation);
    }

    private static double[] ReadAsDouble(ILazyArray data, long[] start, long[] count)
    {
        var values = ArrayValues.Read(data, start, count);
        var result = new double[values.Length];
        int i = 0;
        foreach (var o in values) result[i++] = o is Half h ? (double)h : Convert.ToDouble(o, System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }
}
