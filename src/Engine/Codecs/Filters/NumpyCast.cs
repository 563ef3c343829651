using System.Runtime.CompilerServices;
using System.Numerics;

namespace ZarrPS.Engine.Codecs.Filters;

/// <summary>
/// Element conversions as numpy's <c>astype</c> does them on x86-64: integers wrap, floats round to nearest,
/// float to integer truncates toward zero, and out-of-range or NaN values follow the CPU's cvttsd2si (the
/// "integer indefinite" value, then wrapped to the target width) rather than .NET's saturation.
/// </summary>
internal static class NumpyCast
{
    /// <summary>True when <typeparamref name="T"/> is Half, float or double (a JIT-time constant).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsFloat<T>() => typeof(T) == typeof(Half) || typeof(T) == typeof(float) || typeof(T) == typeof(double);

    /// <summary>Converts one element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TTo Cast<TFrom, TTo>(TFrom value)
        where TFrom : unmanaged, INumber<TFrom>
        where TTo : unmanaged, INumber<TTo>
    {
        if (typeof(TFrom) == typeof(TTo)) return Unsafe.As<TFrom, TTo>(ref value);
        if (IsFloat<TFrom>() && !IsFloat<TTo>()) return FloatToInteger<TFrom, TTo>(double.CreateTruncating(value));
        return TTo.CreateTruncating(value);
    }

    /// <summary>Rounds half to even (numpy's <c>around</c>); integers are unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T RoundHalfEven<T>(T value) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(double))
        {
            double r = Math.Round(Unsafe.As<T, double>(ref value));
            return Unsafe.As<double, T>(ref r);
        }
        // float and half values are exact in double, and so is their rounded value.
        if (IsFloat<T>()) return T.CreateTruncating(Math.Round(double.CreateTruncating(value)));
        return value;
    }

    // The conversion sequences numpy's (gcc-built, SSE2) cast loops use on x86-64, which differ once a value is out of range.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TTo FloatToInteger<TFrom, TTo>(double d) where TTo : unmanaged, INumber<TTo>
    {
        if (typeof(TTo) == typeof(ulong))
        {
            const double TwoTo63 = 9223372036854775808.0;
            long r = d >= TwoTo63 ? Cvt64(d - TwoTo63) ^ long.MinValue : Cvt64(d);
            return TTo.CreateTruncating(unchecked((ulong)r));
        }
        if (typeof(TTo) == typeof(uint))
        {
            // Half goes through a scalar float -> int64 conversion; float and double through vectorised 32-bit ones.
            if (typeof(TFrom) == typeof(Half)) return TTo.CreateTruncating(unchecked((uint)Cvt64(d)));
            const double TwoTo31 = 2147483648.0;
            int r = d >= TwoTo31 ? Cvt32(d - TwoTo31) ^ int.MinValue : Cvt32(d);
            return TTo.CreateTruncating(unchecked((uint)r));
        }
        if (typeof(TTo) == typeof(long)) return TTo.CreateTruncating(Cvt64(d));
        return TTo.CreateTruncating(Cvt32(d));
    }

    // cvttsd2si with a 32-bit result: NaN and out-of-range give int.MinValue.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Cvt32(double d) => d > -2147483649.0 && d < 2147483648.0 ? (int)d : int.MinValue;

    // cvttsd2si with a 64-bit result.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Cvt64(double d) => d >= -9223372036854775808.0 && d < 9223372036854775808.0 ? (long)d : long.MinValue;
}
