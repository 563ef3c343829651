using System.Numerics;
using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute.Kernels;

namespace ZarrPS.Engine.Compute;

/// <summary>
/// a op b element by element, lazily, with broadcasting along axes one operand lacks (the axis maps come from the
/// labelled layer, which matches dimensions by name). Operands are converted to numpy's result type first.
/// </summary>
public sealed class BinaryArray : IGraphNode
{
    private readonly Operand _a, _b;

    /// <summary>Combines two operands over an output of <paramref name="shape"/>.</summary>
    public BinaryArray(Operand a, Operand b, long[] shape, BinaryOp op)
    {
        _a = a;
        _b = b;
        Op = op;
        Shape = shape;
        var t = TypeRules.Promote(a.Array.DType, b.Array.DType, a.IsScalar, b.IsScalar);
        if (op is BinaryOp.Divide or BinaryOp.Power && !t.IsFloat) t = TypeRules.FloatOf(t);
        if (op is BinaryOp.And or BinaryOp.Or) t = DataType.Bool;
        ComputeType = t;
        DType = ElementOps.IsComparison(op) || op is BinaryOp.And or BinaryOp.Or ? DataType.Bool : t;
        var sizes = new long[shape.Length][];
        for (int d = 0; d < shape.Length; d++)
        {
            sizes[d] = a.AxisOf[d] >= 0 && a.Array.Shape[a.AxisOf[d]] == shape[d] ? a.Array.Chunks.Sizes[a.AxisOf[d]]
                     : b.AxisOf[d] >= 0 && b.Array.Shape[b.AxisOf[d]] == shape[d] ? b.Array.Chunks.Sizes[b.AxisOf[d]]
                     : [shape[d]];
        }
        Chunks = new ChunkLayout(sizes);
    }

    /// <summary>The operation.</summary>
    public BinaryOp Op { get; }

    /// <summary>The type both operands are converted to.</summary>
    public DataType ComputeType { get; }

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <inheritdoc />
    public DataType DType { get; }

    /// <inheritdoc />
    public ChunkLayout Chunks { get; }

    /// <inheritdoc />
    public string Description => $"({_a.Array.Description} {ElementOps.Symbol(Op)} {_b.Array.Description})";

    /// <inheritdoc />
    public string Kind => "binary";

    /// <inheritdoc />
    public string Label => ElementOps.Symbol(Op);

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => [_a.Array, _b.Array];

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        var (ab, sa) = _a.Read(start, count, ComputeType);
        using var _1 = ab;
        var (bb, sb) = _b.Read(start, count, ComputeType);
        using var _2 = bb;
        var stats = ComputeStats.Current;
        long t0 = stats is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        switch (ComputeType.Kind)
        {
            case ScalarKind.Float32: Run<float>(ab.Span, sa, bb.Span, sb, count, destination); break;
            case ScalarKind.Float64: Run<double>(ab.Span, sa, bb.Span, sb, count, destination); break;
            case ScalarKind.Int8: Run<sbyte>(ab.Span, sa, bb.Span, sb, count, destination); break;
            case ScalarKind.UInt8 or ScalarKind.Bool: Run<byte>(ab.Span, sa, bb.Span, sb, count, destination); break;
            case ScalarKind.Int16: Run<short>(ab.Span, sa, bb.Span, sb, count, destination); break;
            case ScalarKind.UInt16: Run<ushort>(ab.Span, sa, bb.Span, sb, count, destination); break;
            case ScalarKind.Int32: Run<int>(ab.Span, sa, bb.Span, sb, count, destination); break;
            case ScalarKind.UInt32: Run<uint>(ab.Span, sa, bb.Span, sb, count, destination); break;
            case ScalarKind.Int64: Run<long>(ab.Span, sa, bb.Span, sb, count, destination); break;
            case ScalarKind.UInt64: Run<ulong>(ab.Span, sa, bb.Span, sb, count, destination); break;
            default: throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedDType", $"{Description}: cannot compute on {ComputeType.Name}.");
        }
        if (stats is not null) stats.AddKernel(System.Diagnostics.Stopwatch.GetTimestamp() - t0);
    }

    private unsafe void Run<T>(ReadOnlySpan<byte> a, long[] sa, ReadOnlySpan<byte> b, long[] sb, ReadOnlySpan<long> count, Span<byte> destination)
        where T : unmanaged, INumber<T>
    {
        fixed (byte* pa = a, pb = b, pd = destination)
        {
            T* xa = (T*)pa, xb = (T*)pb;
            var op = Op;
            bool boolOut = DType.Kind == ScalarKind.Bool;
            byte* outBytes = pd;
            T* outT = (T*)pd;
            Rows.ForEach(count, [sa, sb], (o, offs, len) =>
            {
                long ia = offs[0], ib = offs[1];
                long da = sa.Length == 0 ? 0 : sa[^1], db = sb.Length == 0 ? 0 : sb[^1];
                if (boolOut)
                {
                    for (long j = 0; j < len; j++)
                        outBytes[o + j] = Compare(op, xa[ia + j * da], xb[ib + j * db]) ? (byte)1 : (byte)0;
                }
                else if (da == 1 && db == 1 && Vector.IsHardwareAccelerated && op is BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply or BinaryOp.Divide)
                {
                    VectorRow(op, new ReadOnlySpan<T>(xa + ia, (int)len), new ReadOnlySpan<T>(xb + ib, (int)len), new Span<T>(outT + o, (int)len));
                }
                else
                {
                    for (long j = 0; j < len; j++) outT[o + j] = Arith(op, xa[ia + j * da], xb[ib + j * db]);
                }
            });
        }
    }

    private static void VectorRow<T>(BinaryOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, INumber<T>
    {
        int i = 0;
        if (Vector<T>.IsSupported)
        {
            int w = Vector<T>.Count;
            for (; i + w <= a.Length; i += w)
            {
                var x = new Vector<T>(a[i..]);
                var y = new Vector<T>(b[i..]);
                var r = op switch
                {
                    BinaryOp.Add => x + y,
                    BinaryOp.Subtract => x - y,
                    BinaryOp.Multiply => x * y,
                    _ => x / y,
                };
                r.CopyTo(o[i..]);
            }
        }
        for (; i < a.Length; i++) o[i] = Arith(op, a[i], b[i]);
    }

    private static T Arith<T>(BinaryOp op, T x, T y) where T : INumber<T> => op switch
    {
        BinaryOp.Add => x + y,
        BinaryOp.Subtract => x - y,
        BinaryOp.Multiply => x * y,
        BinaryOp.Divide => y == T.Zero && !IsFloat<T>() ? T.Zero : x / y,
        BinaryOp.Power => T.CreateTruncating(Math.Pow(double.CreateTruncating(x), double.CreateTruncating(y))),
        BinaryOp.Maximum => T.IsNaN(x) || T.IsNaN(y) ? (T.IsNaN(x) ? x : y) : T.Max(x, y),
        BinaryOp.Minimum => T.IsNaN(x) || T.IsNaN(y) ? (T.IsNaN(x) ? x : y) : T.Min(x, y),
        BinaryOp.And => !T.IsZero(x) && !T.IsZero(y) ? T.One : T.Zero,
        BinaryOp.Or => !T.IsZero(x) || !T.IsZero(y) ? T.One : T.Zero,
        _ => throw new InvalidOperationException(),
    };

    private static bool IsFloat<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(Half);

    private static bool Compare<T>(BinaryOp op, T x, T y) where T : INumber<T> => op switch
    {
        BinaryOp.Greater => x > y,
        BinaryOp.GreaterEqual => x >= y,
        BinaryOp.Less => x < y,
        BinaryOp.LessEqual => x <= y,
        BinaryOp.Equal => x == y,
        BinaryOp.NotEqual => x != y,
        BinaryOp.And => !T.IsZero(x) && !T.IsZero(y),
        BinaryOp.Or => !T.IsZero(x) || !T.IsZero(y),
        _ => throw new InvalidOperationException(),
    };
}
