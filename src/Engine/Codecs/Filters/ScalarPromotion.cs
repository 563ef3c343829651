namespace ZarrPS.Engine.Codecs.Filters;

/// <summary>
/// The type numpy 1.x computes <c>array op python_scalar</c> in ("value-based casting", which numcodecs 0.11 relies
/// on): the array's type unless the scalar's value does not fit it. An integer array meeting a float scalar becomes
/// float64; a float16/float32 array meeting a large scalar is widened; integer arrays widen to hold an integer scalar,
/// and otherwise compute (and wrap) in their own type.
/// </summary>
internal static class ScalarPromotion
{
    /// <summary>The result type of an array of <paramref name="array"/> combined with a Python int or float scalar.</summary>
    public static DataType Of(DataType array, double scalar, bool integral)
    {
        if (array.IsFloat)
        {
            int need = integral ? FloatRankForInteger(scalar) : FloatRankForRange(scalar);
            return FloatOfRank(Math.Max(FloatRank(array), need));
        }
        if (!integral) return DataType.Float64;
        return array.IsSignedInteger ? SignedWithScalar(array.ItemSize, scalar) : UnsignedWithScalar(array.ItemSize, scalar);
    }

    private static DataType SignedWithScalar(int size, double v)
    {
        if (v > long.MaxValue) return DataType.Float64; // uint64 meets a signed type
        return SignedOfSize(Math.Max(size, SignedSizeFor(v)));
    }

    private static DataType UnsignedWithScalar(int size, double v)
    {
        if (v >= 0) return UnsignedOfSize(Math.Max(size, UnsignedSizeFor(v)));
        // A signed scalar: the signed type that holds both the unsigned array's range and the scalar.
        if (size == 8) return DataType.Float64;
        return SignedOfSize(Math.Max(size * 2, SignedSizeFor(v)));
    }

    private static int SignedSizeFor(double v) =>
        v >= sbyte.MinValue && v <= sbyte.MaxValue ? 1 : v >= short.MinValue && v <= short.MaxValue ? 2 : v >= int.MinValue && v <= int.MaxValue ? 4 : 8;

    private static int UnsignedSizeFor(double v) =>
        v <= byte.MaxValue ? 1 : v <= ushort.MaxValue ? 2 : v <= uint.MaxValue ? 4 : 8;

    private static DataType SignedOfSize(int size) => size switch { 1 => DataType.Int8, 2 => DataType.Int16, 4 => DataType.Int32, _ => DataType.Int64 };

    private static DataType UnsignedOfSize(int size) => size switch { 1 => DataType.UInt8, 2 => DataType.UInt16, 4 => DataType.UInt32, _ => DataType.UInt64 };

    private static int FloatRank(DataType t) => t.Kind switch { ScalarKind.Float16 => 0, ScalarKind.Float32 => 1, _ => 2 };

    private static DataType FloatOfRank(int rank) => rank switch { 0 => DataType.Float16, 1 => DataType.Float32, _ => DataType.Float64 };

    // numpy's min_scalar_type of a float is float16 when the magnitude fits float16's range, and so on.
    private static int FloatRankForRange(double v)
    {
        double a = Math.Abs(v);
        if (double.IsNaN(a) || double.IsInfinity(a) || a <= 65504.0) return 0;
        return a <= float.MaxValue ? 1 : 2;
    }

    // An integer scalar's smallest (u)int type promoted with a float: 8-bit keeps float16, 16-bit needs float32, wider float64.
    private static int FloatRankForInteger(double v)
    {
        if (v >= -128 && v < 256) return 0;
        if (v >= -32768 && v < 65536) return 1;
        return 2;
    }
}
