using System.Numerics;
using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute.Kernels;

namespace ZarrPS.Engine.Compute;

/// <summary>f(x) element by element, lazily: math functions, NaN tests, clip, fillna.</summary>
public sealed class UnaryArray : IGraphNode
{
    private readonly double _p1, _p2;

    /// <summary>Applies <paramref name="op"/> (with parameters for clip and fillna).</summary>
    public UnaryArray(ILazyArray input, UnaryOp op, double p1 = double.NaN, double p2 = double.NaN)
    {
        Input = input;
        Op = op;
        _p1 = p1;
        _p2 = p2;
        var t = input.DType;
        if (!t.IsNumeric || t.IsComplex)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedDType", $"{op} of {t.Name} values ({input.Description}) is not supported.");
        ComputeType = op switch
        {
            UnaryOp.Sqrt or UnaryOp.Exp or UnaryOp.Log or UnaryOp.Log10 or UnaryOp.Sin or UnaryOp.Cos => TypeRules.FloatOf(t),
            UnaryOp.FillNa when !t.IsFloat => t.Native,
            _ => t.Kind == ScalarKind.Float16 ? DataType.Float32 : t.Native,
        };
        DType = op is UnaryOp.IsNull or UnaryOp.NotNull or UnaryOp.Not ? DataType.Bool : ComputeType;
    }

    /// <summary>The input.</summary>
    public ILazyArray Input { get; }

    /// <summary>The operation.</summary>
    public UnaryOp Op { get; }

    private DataType ComputeType { get; }

    /// <inheritdoc />
    public long[] Shape => Input.Shape;

    /// <inheritdoc />
    public DataType DType { get; }

    /// <inheritdoc />
    public ChunkLayout Chunks => Input.Chunks;

    /// <inheritdoc />
    public string Description => $"{Op.ToString().ToLowerInvariant()}({Input.Description})";

    /// <inheritdoc />
    public string Kind => "map";

    /// <inheritdoc />
    public string Label => Op.ToString().ToLowerInvariant();

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => [Input];

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        using var buf = Cast.ReadAs(Input, start, count, ComputeType);
        var stats = ComputeStats.Current;
        long t0 = stats is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        switch (ComputeType.Kind)
        {
            case ScalarKind.Float32: Run<float>(buf.Span, destination); break;
            case ScalarKind.Float64: Run<double>(buf.Span, destination); break;
            case ScalarKind.Int8: Run<sbyte>(buf.Span, destination); break;
            case ScalarKind.UInt8 or ScalarKind.Bool: Run<byte>(buf.Span, destination); break;
            case ScalarKind.Int16: Run<short>(buf.Span, destination); break;
            case ScalarKind.UInt16: Run<ushort>(buf.Span, destination); break;
            case ScalarKind.Int32: Run<int>(buf.Span, destination); break;
            case ScalarKind.UInt32: Run<uint>(buf.Span, destination); break;
            case ScalarKind.Int64: Run<long>(buf.Span, destination); break;
            case ScalarKind.UInt64: Run<ulong>(buf.Span, destination); break;
        }
        if (stats is not null) stats.AddKernel(System.Diagnostics.Stopwatch.GetTimestamp() - t0);
    }

    private void Run<T>(ReadOnlySpan<byte> src, Span<byte> destination) where T : unmanaged, INumber<T>
    {
        var x = MemoryMarshal.Cast<byte, T>(src);
        if (DType.Kind == ScalarKind.Bool)
        {
            for (int i = 0; i < x.Length; i++)
                destination[i] = Op switch
                {
                    UnaryOp.IsNull => T.IsNaN(x[i]),
                    UnaryOp.NotNull => !T.IsNaN(x[i]),
                    _ => T.IsZero(x[i]),
                } ? (byte)1 : (byte)0;
            return;
        }
        var o = MemoryMarshal.Cast<byte, T>(destination);
        T lo = T.CreateSaturating(_p1), hi = T.CreateSaturating(_p2), fill = T.CreateSaturating(_p1);
        bool hasLo = !double.IsNaN(_p1), hasHi = !double.IsNaN(_p2);
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            o[i] = Op switch
            {
                UnaryOp.Negate => -v,
                UnaryOp.Abs => T.Abs(v),
                UnaryOp.Sqrt => Fn(v, Math.Sqrt),
                UnaryOp.Exp => Fn(v, Math.Exp),
                UnaryOp.Log => Fn(v, Math.Log),
                UnaryOp.Log10 => Fn(v, Math.Log10),
                UnaryOp.Sin => Fn(v, Math.Sin),
                UnaryOp.Cos => Fn(v, Math.Cos),
                UnaryOp.Round => Fn(v, d => Math.Round(d, MidpointRounding.ToEven)),
                UnaryOp.Floor => Fn(v, Math.Floor),
                UnaryOp.Ceil => Fn(v, Math.Ceiling),
                UnaryOp.Clip => T.IsNaN(v) ? v : hasLo && v < lo ? lo : hasHi && v > hi ? hi : v,
                UnaryOp.FillNa => T.IsNaN(v) ? fill : v,
                _ => v,
            };
        }
    }

    private static T Fn<T>(T v, Func<double, double> f) where T : INumber<T> => T.CreateTruncating(f(double.CreateTruncating(v)));
}
