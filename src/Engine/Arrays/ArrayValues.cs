using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ZarrPS.Engine.Arrays;

/// <summary>Reads regions of a source into .NET arrays of its element type and shape.</summary>
public static class ArrayValues
{
    /// <summary>
    /// Reads the box <paramref name="start"/>..+<paramref name="count"/> into a new .NET array with one .NET
    /// dimension per axis (float[,,] for a 3-D float32 region); fixed strings become string arrays.
    /// A rank-0 region gives a one-element one-dimensional array; use <see cref="ReadScalar"/> for the value.
    /// </summary>
    public static Array Read(ILazyArray source, long[] start, long[] count)
    {
        var dtype = source.DType;
        long n = StridedCopy.Product(count);
        long bytes = n * dtype.ItemSize;
        if (bytes > Array.MaxLength || count.Any(c => c > int.MaxValue))
            throw new ZarrPSException(ErrorKind.LimitsExceeded, "RegionTooLarge",
                $"The region of {source.Description} ({string.Join(" x ", count)} {dtype.Name}, {bytes:N0} bytes) is too large for one .NET array; select a smaller region.", source.Description);
        int[] lengths = count.Length == 0 ? [1] : count.Select(c => (int)c).ToArray();
        if (dtype.Kind is ScalarKind.FixedBytes or ScalarKind.FixedUnicode)
        {
            var raw = GC.AllocateUninitializedArray<byte>((int)bytes);
            source.ReadRegion(start, count, raw);
            var strings = Array.CreateInstance(typeof(string), lengths);
            var flat = new string[n];
            for (long i = 0; i < n; i++) flat[i] = DecodeString(raw.AsSpan((int)(i * dtype.ItemSize), dtype.ItemSize), dtype);
            CopyFlat(flat, strings);
            return strings;
        }
        Array result = lengths.Length == 1
            ? AllocateVector(dtype.ClrType, lengths[0])
            : Array.CreateInstance(dtype.ClrType, lengths);
        HugePages.Advise(result, bytes);
        var span = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(result), (int)bytes);
        source.ReadRegion(start, count, span);
        return result;
    }

    /// <summary>
    /// Reads all of <paramref name="source"/>. Computed arrays (graphs of maps and reductions) run on the scheduler's
    /// workers; stored arrays are read directly (their reads already decode chunks in parallel).
    /// </summary>
    public static Array ReadAll(ILazyArray source) =>
        source is Compute.IGraphNode ? Read(Compute.Graph.Compute(source), new long[source.Shape.Length], source.Shape) : Read(source, new long[source.Shape.Length], source.Shape);

    /// <summary>Reads one element as a boxed .NET value.</summary>
    public static object? ReadScalar(ILazyArray source, long[] index)
    {
        var a = Read(source, index, index.Select(_ => 1L).ToArray());
        return a.Length == 0 ? null : a.Cast<object?>().First();
    }

    // Vectors skip zeroing: the read overwrites every element.
    private static Array AllocateVector(Type t, int length)
    {
        if (t == typeof(float)) return GC.AllocateUninitializedArray<float>(length);
        if (t == typeof(double)) return GC.AllocateUninitializedArray<double>(length);
        if (t == typeof(short)) return GC.AllocateUninitializedArray<short>(length);
        if (t == typeof(int)) return GC.AllocateUninitializedArray<int>(length);
        if (t == typeof(long)) return GC.AllocateUninitializedArray<long>(length);
        if (t == typeof(byte)) return GC.AllocateUninitializedArray<byte>(length);
        return Array.CreateInstance(t, length);
    }

    private static void CopyFlat(string[] flat, Array target)
    {
        if (target.Rank == 1)
        {
            Array.Copy(flat, target, flat.Length);
            return;
        }
        var idx = new int[target.Rank];
        for (int i = 0; i < flat.Length; i++)
        {
            target.SetValue(flat[i], idx);
            for (int k = idx.Length - 1; k >= 0; k--)
            {
                if (++idx[k] < target.GetLength(k)) break;
                idx[k] = 0;
            }
        }
    }

    /// <summary>Decodes one fixed-size string element (bytes as Latin-1/UTF-8 up to the first NUL; UTF-32 for unicode).</summary>
    public static string DecodeString(ReadOnlySpan<byte> element, DataType dtype)
    {
        if (dtype.Kind == ScalarKind.FixedUnicode)
        {
            var sb = new StringBuilder();
            for (int i = 0; i + 4 <= element.Length; i += 4)
            {
                int cp = MemoryMarshal.Read<int>(element[i..]);
                if (cp == 0) break;
                if (Rune.IsValid(cp)) sb.Append(char.ConvertFromUtf32(cp));
            }
            return sb.ToString();
        }
        int end = element.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? element : element[..end]);
    }

    /// <summary>The bytes of a .NET array's elements (blittable element types only).</summary>
    public static Span<byte> Bytes(Array array)
    {
        var t = array.GetType().GetElementType()!;
        if (!IsBlittable(t)) throw new ArgumentException($"Arrays of {t.Name} have no byte view.", nameof(array));
        int size = Marshal.SizeOf(t);
        if (t == typeof(bool)) size = 1;
        return MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), checked(array.Length * size));
    }

    private static bool IsBlittable(Type t) =>
        t.IsPrimitive || t == typeof(Half) || t == typeof(ComplexFloat) || t == typeof(System.Numerics.Complex);
}
