using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model.Typed;

/// <summary>
/// A label selection of one dimension for generated Sel methods, typed by the dimension's coordinate: a label
/// (<c>500</c>), an inclusive slice (<c>(10.0, 40.0)</c>, in either order, as xarray's sel), or several labels.
/// The default selects everything.
/// </summary>
/// <typeparam name="T">The coordinate's element type.</typeparam>
public readonly struct Label<T> where T : notnull
{
    private readonly LabelSpec _spec;

    private Label(LabelSpec spec) => _spec = spec;

    /// <summary>True when this selects the whole dimension (nothing was given).</summary>
    public bool IsAll => _spec.IsAll;

    /// <summary>One label; the dimension is dropped.</summary>
    public static implicit operator Label<T>(T label) => new(LabelSpec.One(label));

    /// <summary>The labels from <c>Start</c> to <c>Stop</c>, both included.</summary>
    public static implicit operator Label<T>((T Start, T Stop) slice) => Between(slice.Start, slice.Stop);

    /// <summary>Several labels, in the order given.</summary>
    public static implicit operator Label<T>(T[] labels) => Of(labels);

    /// <summary>The labels from <paramref name="start"/> to <paramref name="stop"/>, both included.</summary>
    public static Label<T> Between(T start, T stop) => new(LabelSpec.Slice(start, stop));

    /// <summary>The labels from <paramref name="start"/> on.</summary>
    public static Label<T> From(T start) => new(LabelSpec.Slice(start, null));

    /// <summary>The labels up to <paramref name="stop"/>, included.</summary>
    public static Label<T> To(T stop) => new(LabelSpec.Slice(null, stop));

    /// <summary>Several labels, in the order given.</summary>
    public static Label<T> Of(params T[] labels) => new(LabelSpec.Many(Array.ConvertAll(labels, l => (object)l)));

    /// <summary>Adds the positions of these labels on <paramref name="dim"/>'s coordinate in <paramref name="array"/>.</summary>
    public void AddTo(IDictionary<string, AxisSelection> selection, string dim, DataArray array, SelectMethod method, object? tolerance) =>
        _spec.AddTo(selection, dim, array, method, tolerance);

    /// <inheritdoc />
    public override string ToString() => _spec.ToString();
}
