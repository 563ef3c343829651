using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs;

/// <summary>
/// The v3 "transpose" codec: permutes a chunk's axes. Encoded axis i is decoded axis <c>Order[i]</c>.
/// <see cref="Reversed"/> reverses all axes whatever their number: that is Zarr v2's order 'F'.
/// </summary>
public sealed class TransposeCodec : IArrayToArrayCodec
{
    private readonly int[]? _order;

    private TransposeCodec(int[]? order) => _order = order;

    /// <summary>Reverses all axes (Fortran order).</summary>
    public static TransposeCodec Reversed { get; } = new(null);

    /// <summary>A permutation of the axes.</summary>
    public static TransposeCodec FromOrder(int[] order)
    {
        var seen = new bool[order.Length];
        foreach (int o in order)
        {
            if (o < 0 || o >= order.Length || seen[o])
                throw CodecErrors.BadConfig("transpose", $"order [{string.Join(", ", order)}] is not a permutation of 0..{order.Length - 1}");
            seen[o] = true;
        }
        return new TransposeCodec((int[])order.Clone());
    }

    /// <summary>Parses v3 configuration <c>{"order": [..]}</c>; "F" from early drafts is accepted.</summary>
    public static TransposeCodec FromV3(JsonObject? configuration)
    {
        var node = configuration?["order"] ?? throw CodecErrors.BadConfig("transpose", "configuration.order is required");
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            return s == "F" ? Reversed : throw CodecErrors.BadConfig("transpose", $"order \"{s}\" is not a list of axes");
        }
        if (node is not JsonArray arr) throw CodecErrors.BadConfig("transpose", "order must be a list of axes");
        return FromOrder(arr.Select(n => Formats.Zarr.ZarrJson.TryGetLong(n, out long o) ? (int)o : throw CodecErrors.BadConfig("transpose", "order must be a list of integers")).ToArray());
    }

    /// <inheritdoc />
    public string Name => "transpose";

    /// <summary>The permutation for an array of <paramref name="ndim"/> axes.</summary>
    public int[] OrderFor(int ndim)
    {
        if (_order is null)
        {
            var r = new int[ndim];
            for (int i = 0; i < ndim; i++) r[i] = ndim - 1 - i;
            return r;
        }
        if (_order.Length != ndim) throw CodecErrors.BadConfig("transpose", $"order has {_order.Length} axes but the array has {ndim}");
        return _order;
    }

    /// <inheritdoc />
    public JsonObject ToV3Json() => new()
    {
        ["name"] = "transpose",
        ["configuration"] = new JsonObject { ["order"] = _order is null ? "F" : new JsonArray(_order.Select(o => (JsonNode)o).ToArray()) },
    };

    /// <summary>The v3 metadata for a known number of axes (the reversed form written as an explicit list).</summary>
    public JsonObject ToV3Json(int ndim) => new()
    {
        ["name"] = "transpose",
        ["configuration"] = new JsonObject { ["order"] = new JsonArray(OrderFor(ndim).Select(o => (JsonNode)o).ToArray()) },
    };

    /// <inheritdoc />
    public JsonObject? ToV2Json() => null;

    /// <inheritdoc />
    public ChunkSpec EncodedSpec(ChunkSpec decoded)
    {
        var order = OrderFor(decoded.Shape.Length);
        var shape = new int[order.Length];
        for (int i = 0; i < order.Length; i++) shape[i] = decoded.Shape[order[i]];
        return decoded with { Shape = shape };
    }

    /// <inheritdoc />
    public void Encode(ReadOnlySpan<byte> decoded, ChunkSpec decodedSpec, Span<byte> encoded)
    {
        // encoded[i0..in] = decoded[j] where j[order[k]] = i[k]
        var order = OrderFor(decodedSpec.Shape.Length);
        var encShape = EncodedSpec(decodedSpec).Shape;
        var srcStrides = Strides(decodedSpec.Shape);
        var permStrides = new long[order.Length];
        for (int k = 0; k < order.Length; k++) permStrides[k] = srcStrides[order[k]];
        Permute(decoded, encoded, encShape, permStrides, decodedSpec.DType.ItemSize);
    }

    /// <inheritdoc />
    public void Decode(ReadOnlySpan<byte> encoded, ChunkSpec decodedSpec, Span<byte> decoded)
    {
        // decoded[j] = encoded[i] with i[k] = j[order[k]]: walk decoded in C order, gather from encoded.
        var order = OrderFor(decodedSpec.Shape.Length);
        var encShape = EncodedSpec(decodedSpec).Shape;
        var encStrides = Strides(encShape);
        var gather = new long[order.Length];
        for (int k = 0; k < order.Length; k++) gather[order[k]] = encStrides[k];
        Permute(encoded, decoded, decodedSpec.Shape, gather, decodedSpec.DType.ItemSize);
    }

    private static long[] Strides(int[] shape)
    {
        var s = new long[shape.Length];
        long acc = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    // Writes dst in C order over dstShape, reading src at element offset sum(idx[k] * srcStrides[k]).
    private static void Permute(ReadOnlySpan<byte> src, Span<byte> dst, int[] dstShape, long[] srcStrides, int itemSize)
    {
        switch (itemSize)
        {
            case 1: PermuteT(src, MemoryMarshal.Cast<byte, byte>(dst), dstShape, srcStrides); break;
            case 2: PermuteT(MemoryMarshal.Cast<byte, ushort>(src), MemoryMarshal.Cast<byte, ushort>(dst), dstShape, srcStrides); break;
            case 4: PermuteT(MemoryMarshal.Cast<byte, uint>(src), MemoryMarshal.Cast<byte, uint>(dst), dstShape, srcStrides); break;
            case 8: PermuteT(MemoryMarshal.Cast<byte, ulong>(src), MemoryMarshal.Cast<byte, ulong>(dst), dstShape, srcStrides); break;
            case 16: PermuteT(MemoryMarshal.Cast<byte, Int128>(src), MemoryMarshal.Cast<byte, Int128>(dst), dstShape, srcStrides); break;
            default: PermuteBytes(src, dst, dstShape, srcStrides, itemSize); break;
        }
    }

    private static void PermuteT<T>(ReadOnlySpan<T> src, Span<T> dst, int[] shape, long[] srcStrides) where T : unmanaged
    {
        int nd = shape.Length;
        if (dst.Length == 0) return;
        if (nd == 0) { dst[0] = src[0]; return; }
        var idx = new int[nd];
        int inner = shape[nd - 1];
        long innerStride = srcStrides[nd - 1];
        int d = 0;
        long srcBase = 0;
        while (true)
        {
            long s = srcBase;
            var row = dst.Slice(d, inner);
            for (int i = 0; i < inner; i++, s += innerStride) row[i] = src[(int)s];
            d += inner;
            // advance the outer index
            int k = nd - 2;
            while (k >= 0)
            {
                idx[k]++;
                srcBase += srcStrides[k];
                if (idx[k] < shape[k]) break;
                srcBase -= srcStrides[k] * idx[k];
                idx[k] = 0;
                k--;
            }
            if (k < 0) return;
        }
    }

    private static void PermuteBytes(ReadOnlySpan<byte> src, Span<byte> dst, int[] shape, long[] srcStrides, int itemSize)
    {
        int nd = shape.Length;
        long total = 1;
        foreach (int s in shape) total *= s;
        var idx = new int[nd];
        for (long e = 0; e < total; e++)
        {
            long off = 0;
            for (int k = 0; k < nd; k++) off += idx[k] * srcStrides[k];
            src.Slice((int)(off * itemSize), itemSize).CopyTo(dst.Slice((int)(e * itemSize), itemSize));
            for (int k = nd - 1; k >= 0; k--)
            {
                if (++idx[k] < shape[k]) break;
                idx[k] = 0;
            }
        }
    }
}
