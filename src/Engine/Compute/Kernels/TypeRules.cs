namespace ZarrPS.Engine.Compute.Kernels;

/// <summary>numpy's result types for arithmetic (numpy 1.x rules, with Python scalars not widening arrays).</summary>
public static class TypeRules
{
    private static int Rank(DataType t) => t.Kind switch
    {
        ScalarKind.Bool => 0,
        ScalarKind.UInt8 or ScalarKind.Int8 => 1,
        ScalarKind.UInt16 or ScalarKind.Int16 => 2,
        ScalarKind.UInt32 or ScalarKind.Int32 => 3,
        ScalarKind.UInt64 or ScalarKind.Int64 => 4,
        ScalarKind.Float16 => 5,
        ScalarKind.Float32 => 6,
        ScalarKind.Float64 => 7,
        _ => throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedDType", $"Arithmetic on {t.Name} values is not supported."),
    };

    /// <summary>The type of a op b. A scalar operand (from a number in the script) does not widen an array's float type.</summary>
    public static DataType Promote(DataType a, DataType b, bool aScalar = false, bool bScalar = false)
    {
        if (aScalar && !bScalar) return ScalarWith(b, a);
        if (bScalar && !aScalar) return ScalarWith(a, b);
        if (a == b) return a.Native;
        if (a.IsFloat || b.IsFloat)
        {
            var f = a.IsFloat && b.IsFloat ? (Rank(a) >= Rank(b) ? a : b) : a.IsFloat ? a : b;
            var i = a.IsFloat && b.IsFloat ? null : a.IsFloat ? b : a;
            if (i is null) return f.Native;
            // Integers of up to 16 bits fit float32 exactly; wider ones need float64 (numpy).
            int need = i.Kind == ScalarKind.Bool ? 0 : i.ItemSize <= 1 ? 5 : i.ItemSize <= 2 ? 6 : 7;
            return Rank(f) >= need ? f.Native : need == 6 ? DataType.Float32 : DataType.Float64;
        }
        if (a.Kind == ScalarKind.Bool) return b.Native;
        if (b.Kind == ScalarKind.Bool) return a.Native;
        bool signed = a.IsSignedInteger || b.IsSignedInteger;
        int size = Math.Max(a.ItemSize, b.ItemSize);
        if (signed && (!a.IsSignedInteger && a.ItemSize >= size || !b.IsSignedInteger && b.ItemSize >= size)) size *= 2;
        if (size > 8) return DataType.Float64;
        return signed ? SignedOf(size) : UnsignedOf(size);
    }

    private static DataType ScalarWith(DataType array, DataType scalar)
    {
        if (scalar.IsFloat && !array.IsFloat) return DataType.Float64;
        return array.Kind == ScalarKind.Bool ? scalar.Native : array.Native;
    }

    private static DataType SignedOf(int size) => size switch { 1 => DataType.Int8, 2 => DataType.Int16, 4 => DataType.Int32, _ => DataType.Int64 };

    private static DataType UnsignedOf(int size) => size switch { 1 => DataType.UInt8, 2 => DataType.UInt16, 4 => DataType.UInt32, _ => DataType.UInt64 };

    /// <summary>The float type a true division or a math function of <paramref name="t"/> gives.</summary>
    public static DataType FloatOf(DataType t) => t.IsFloat ? (t.Kind == ScalarKind.Float16 ? DataType.Float32 : t.Native) : t.ItemSize <= 2 && t.Kind != ScalarKind.Bool ? DataType.Float32 : DataType.Float64;
}
