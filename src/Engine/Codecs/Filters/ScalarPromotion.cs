namespace ZarrPS.Engine.Codecs.Filters;

/// <summary>The type numpy computes in when an array meets a Python scalar.</summary>
internal enum WorkType
{
    /// <summary>Integer arithmetic (the array and every scalar are integers); int64 gives numpy's result whenever nothing overflows.</summary>
    Int64,
    /// <summary>float16.</summary>
    Half,
    /// <summary>float32.</summary>
    Single,
    /// <summary>float64.</summary>
    Double,
}

/// <summary>
/// numpy 1.x "value-based" casting of <c>array op python_scalar</c>, which numcodecs 0.11 relies on: a float scalar
/// keeps a float array's type unless its magnitude does not fit; an integer scalar promotes a float16/float32 array
/// by the scalar's smallest integer type; a float scalar turns an integer array into float64.
/// </summary>
internal static class ScalarPromotion
{
    /// <summary>The work type of an array of element type <paramref name="array"/> combined with a scalar.</summary>
    public static WorkType Of(WorkType array, double scalar, bool integral)
    {
        if (array == WorkType.Int64) return integral ? WorkType.Int64 : WorkType.Double;
        var need = integral ? FloatNeededForInteger(scalar) : FloatNeededForRange(scalar);
        return need > array ? need : array;
    }

    /// <summary>The work type an array of <paramref name="dtype"/> starts from.</summary>
    public static WorkType Of(DataType dtype) => dtype.Kind switch
    {
        ScalarKind.Float16 => WorkType.Half,
        ScalarKind.Float32 => WorkType.Single,
        ScalarKind.Float64 => WorkType.Double,
        _ => WorkType.Int64,
    };

    // numpy's min_scalar_type of a float is float16 when the magnitude fits float16's range, and so on.
    private static WorkType FloatNeededForRange(double v)
    {
        double a = Math.Abs(v);
        if (double.IsNaN(a) || double.IsInfinity(a) || a <= 65504.0) return WorkType.Half;
        return a <= float.MaxValue ? WorkType.Single : WorkType.Double;
    }

    // An integer scalar's smallest (u)int type promoted with a float: 8-bit keeps float16, 16-bit needs float32, wider needs float64.
    private static WorkType FloatNeededForInteger(double v)
    {
        if (v >= -128 && v < 256) return WorkType.Half;
        if (v >= -32768 && v < 65536) return WorkType.Single;
        return WorkType.Double;
    }
}
