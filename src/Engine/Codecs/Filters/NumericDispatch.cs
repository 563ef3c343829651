using System.Numerics;

namespace ZarrPS.Engine.Codecs.Filters;

/// <summary>
/// Turns run-time numpy dtypes into .NET element types for generic kernels: each kernel is written once over
/// <see cref="INumber{TSelf}"/> and instantiated here for the pair of types a filter converts between.
/// </summary>
internal static class NumericDispatch
{
    /// <summary>True for the dtypes the numeric filters handle: integers, floats, datetime64/timedelta64 (as int64).</summary>
    public static bool IsSupported(DataType t) =>
        t.IsInteger || t.IsFloat || t.Kind is ScalarKind.DateTime64 or ScalarKind.TimeDelta64;

    /// <summary>Calls <c>factory.Create&lt;TD, TA&gt;()</c> with the element types of <paramref name="decoded"/> and <paramref name="encoded"/>.</summary>
    public static TResult Pair<TFactory, TResult>(DataType decoded, DataType encoded, TFactory factory)
        where TFactory : struct, IPairFactory<TResult> => decoded.Kind switch
        {
            ScalarKind.Int8 => Second<sbyte, TFactory, TResult>(encoded, factory),
            ScalarKind.Int16 => Second<short, TFactory, TResult>(encoded, factory),
            ScalarKind.Int32 => Second<int, TFactory, TResult>(encoded, factory),
            ScalarKind.Int64 or ScalarKind.DateTime64 or ScalarKind.TimeDelta64 => Second<long, TFactory, TResult>(encoded, factory),
            ScalarKind.UInt8 => Second<byte, TFactory, TResult>(encoded, factory),
            ScalarKind.UInt16 => Second<ushort, TFactory, TResult>(encoded, factory),
            ScalarKind.UInt32 => Second<uint, TFactory, TResult>(encoded, factory),
            ScalarKind.UInt64 => Second<ulong, TFactory, TResult>(encoded, factory),
            ScalarKind.Float16 => Second<Half, TFactory, TResult>(encoded, factory),
            ScalarKind.Float32 => Second<float, TFactory, TResult>(encoded, factory),
            ScalarKind.Float64 => Second<double, TFactory, TResult>(encoded, factory),
            _ => throw new ArgumentException($"dtype {decoded} is not numeric", nameof(decoded)),
        };

    private static TResult Second<TD, TFactory, TResult>(DataType encoded, TFactory factory)
        where TD : unmanaged, INumber<TD>
        where TFactory : struct, IPairFactory<TResult> => encoded.Kind switch
        {
            ScalarKind.Int8 => factory.Create<TD, sbyte>(),
            ScalarKind.Int16 => factory.Create<TD, short>(),
            ScalarKind.Int32 => factory.Create<TD, int>(),
            ScalarKind.Int64 or ScalarKind.DateTime64 or ScalarKind.TimeDelta64 => factory.Create<TD, long>(),
            ScalarKind.UInt8 => factory.Create<TD, byte>(),
            ScalarKind.UInt16 => factory.Create<TD, ushort>(),
            ScalarKind.UInt32 => factory.Create<TD, uint>(),
            ScalarKind.UInt64 => factory.Create<TD, ulong>(),
            ScalarKind.Float16 => factory.Create<TD, Half>(),
            ScalarKind.Float32 => factory.Create<TD, float>(),
            ScalarKind.Float64 => factory.Create<TD, double>(),
            _ => throw new ArgumentException($"dtype {encoded} is not numeric", nameof(encoded)),
        };
}
