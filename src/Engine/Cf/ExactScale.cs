namespace ZarrPS.Engine.Cf;

/// <summary>
/// value × numerator / denominator rounded to the nearest integer (ties to even), computed exactly from the
/// double's binary value. Multiplying in floating point first (as pandas does) loses nanoseconds once the
/// product passes 2^53, about 104 days in nanoseconds.
/// </summary>
internal static class ExactScale
{
    /// <summary>False for NaN, infinities and results beyond 2^126 (callers check their own narrower range).</summary>
    public static bool TryScale(double value, long numerator, long denominator, out Int128 result)
    {
        result = 0;
        if (!double.IsFinite(value)) return false;
        if (value == 0) return true;
        if (value == Math.Floor(value) && Math.Abs(value) < 9.007199254740992e15)
            return TryScale((long)value, numerator, denominator, out result);

        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int biased = (int)((bits >> 52) & 0x7FF);
        ulong mantissa = (ulong)bits & 0xF_FFFF_FFFF_FFFFUL;
        if (biased == 0) biased = 1; else mantissa |= 1UL << 52;
        int exponent = biased - 1075; // |value| = mantissa * 2^exponent
        UInt128 product = (UInt128)mantissa * (ulong)numerator; // < 2^53 * 2^63 = 2^116

        UInt128 magnitude;
        if (exponent >= 0)
        {
            if (exponent > 11 || product >> (127 - exponent) != 0) return false;
            UInt128 n = product << exponent;
            magnitude = RoundDiv(n, (ulong)denominator);
        }
        else
        {
            int shift = -exponent;
            UInt128 q = product / (ulong)denominator;
            bool sticky = product % (ulong)denominator != 0;
            if (shift >= 127) magnitude = 0; // q < 2^116, so the quotient is below one half
            else
            {
                UInt128 kept = q >> shift;
                UInt128 rest = q - (kept << shift);
                UInt128 half = UInt128.One << (shift - 1);
                if (rest > half || (rest == half && (sticky || (kept & 1) == 1))) kept++;
                magnitude = kept;
            }
        }
        result = negative ? -(Int128)magnitude : (Int128)magnitude;
        return true;
    }

    /// <summary>Integer version (|value × numerator| stays below 2^126).</summary>
    public static bool TryScale(long value, long numerator, long denominator, out Int128 result)
    {
        Int128 p = (Int128)value * numerator;
        if (denominator == 1) { result = p; return true; }
        bool negative = p < 0;
        UInt128 magnitude = RoundDiv((UInt128)(negative ? -p : p), (ulong)denominator);
        result = negative ? -(Int128)magnitude : (Int128)magnitude;
        return true;
    }

    private static UInt128 RoundDiv(UInt128 n, ulong d)
    {
        UInt128 q = n / d;
        UInt128 r = n - q * d;
        UInt128 twice = r << 1;
        if (twice > d || (twice == d && (q & 1) == 1)) q++;
        return q;
    }
}
