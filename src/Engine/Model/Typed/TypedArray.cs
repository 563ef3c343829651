using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model.Typed;

/// <summary>
/// A DataArray whose element type is known at compile time: what typed wrappers generated from a schema hand out,
/// and what their selections return. Lazy like the DataArray: values are read when asked for.
/// </summary>
/// <typeparam name="T">The element type (float for float32, DateTime for datetime64, string for fixed strings).</typeparam>
public class TypedArray<T>
{
    /// <summary>Wraps <paramref name="array"/>; InvalidArgument "ElementTypeMismatch" when its elements are not <typeparamref name="T"/>.</summary>
    public TypedArray(DataArray array)
    {
        var element = DatasetSchema.ElementType(array.DataType);
        if (element != typeof(T))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "ElementTypeMismatch",
                $"Variable '{array.Name}' holds {array.DType} ({element.Name}), not {typeof(T).Name}.", array.Name);
        DataArray = array;
    }

    /// <summary>The untyped DataArray.</summary>
    public DataArray DataArray { get; }

    /// <summary>The variable's name.</summary>
    public string? Name => DataArray.Name;

    /// <summary>Dimension names.</summary>
    public IReadOnlyList<string> Dims => DataArray.Dims;

    /// <summary>The shape.</summary>
    public long[] Shape => DataArray.Shape;

    /// <summary>The number of elements.</summary>
    public long Size => DataArray.Size;

    /// <summary>Attributes.</summary>
    public OrderedDictionary<string, object?> Attrs => DataArray.Attrs;

    /// <summary>Reads all values into a .NET array of <typeparamref name="T"/> with one dimension per axis (a one-element array for a scalar).</summary>
    public Array Values => DataArray.Values switch
    {
        Array a => a,
        T scalar => new[] { scalar },
        _ => new T[1],
    };

    /// <summary>The one value of a scalar or one-element array; InvalidOperation "NotAScalar" otherwise.</summary>
    public T Value
    {
        get
        {
            if (Size != 1)
                throw new ZarrPSException(ErrorKind.InvalidOperation, "NotAScalar",
                    $"'{Name}' has {string.Join(" x ", Shape)} values ({string.Join(", ", Dims)}); select one element before asking for its Value.", Name);
            return ToArray()[0];
        }
    }

    /// <summary>Reads all values, flattened in C order.</summary>
    public T[] ToArray()
    {
        var data = DataArray.Variable.Data;
        if (typeof(T) == data.DType.ClrType && !RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            // Stored and seen types agree: read straight into the result, no intermediate array.
            long n = Size;
            if (n * data.DType.ItemSize > Array.MaxLength)
                throw new ZarrPSException(ErrorKind.LimitsExceeded, "RegionTooLarge",
                    $"'{Name}' ({string.Join(" x ", Shape)} {DataArray.DType}) is too large for one .NET array; select a smaller region.", Name);
            var result = GC.AllocateUninitializedArray<T>((int)n);
            data.ReadRegion(new long[Shape.Length], Shape, MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(result)), (int)(n * data.DType.ItemSize)));
            return result;
        }
        var values = Values;
        if (values is T[] vector) return vector;
        var flat = new T[values.Length];
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            // A T[,,] holds its elements contiguously in C order.
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(values)), values.Length).CopyTo(flat);
            return flat;
        }
        int i = 0;
        foreach (T item in values) flat[i++] = item;
        return flat;
    }

    /// <summary>A new, empty set of per-dimension selections, for the generated Sel and Isel.</summary>
    protected static Dictionary<string, AxisSelection> NewSelection() => new(StringComparer.Ordinal);

    /// <summary>This array with <paramref name="selection"/> applied (lazily).</summary>
    protected TypedArray<T> Select(Dictionary<string, AxisSelection> selection) =>
        selection.Count == 0 ? new TypedArray<T>(DataArray) : new TypedArray<T>(Model.Isel.Apply(DataArray, selection));

    /// <summary>Positional selection with the untyped specs of <see cref="DataArray.Isel"/>.</summary>
    public TypedArray<T> Isel(System.Collections.IDictionary selections) => new(DataArray.Isel(selections));

    /// <summary>Label selection with the untyped specs of <see cref="DataArray.Sel"/>.</summary>
    public TypedArray<T> Sel(System.Collections.IDictionary labels, SelectMethod method = SelectMethod.Exact, object? tolerance = null) =>
        new(DataArray.Sel(labels, method, tolerance));

    /// <inheritdoc />
    public override string ToString() => DataArray.ToString();
}
