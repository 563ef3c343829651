using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Cf;

namespace ZarrPS.Engine.Model.Typed;

/// <summary>
/// A label selection of a time dimension for generated Sel methods: a DateTime or CfDate, a string (a timestamp,
/// or a partial date such as "2019-07" that selects the whole period), an inclusive slice of either, or several
/// times. The default selects everything.
/// </summary>
public readonly struct TimeLabel
{
    private readonly LabelSpec _spec;

    private TimeLabel(LabelSpec spec) => _spec = spec;

    /// <summary>True when this selects the whole dimension (nothing was given).</summary>
    public bool IsAll => _spec.IsAll;

    /// <summary>One time; the dimension is dropped.</summary>
    public static implicit operator TimeLabel(DateTime time) => new(LabelSpec.One(time));

    /// <summary>One date of the coordinate's calendar; the dimension is dropped.</summary>
    public static implicit operator TimeLabel(CfDate date) => new(LabelSpec.One(date));

    /// <summary>A timestamp ("2019-07-01T06:00"), or a partial date ("2019", "2019-07") that selects the whole period.</summary>
    public static implicit operator TimeLabel(string text) => new(LabelSpec.One(text));

    /// <summary>The times from <c>Start</c> to <c>Stop</c>, both included.</summary>
    public static implicit operator TimeLabel((DateTime Start, DateTime Stop) slice) => new(LabelSpec.Slice(slice.Start, slice.Stop));

    /// <summary>The dates from <c>Start</c> to <c>Stop</c>, both included.</summary>
    public static implicit operator TimeLabel((CfDate Start, CfDate Stop) slice) => new(LabelSpec.Slice(slice.Start, slice.Stop));

    /// <summary>From <c>Start</c> to <c>Stop</c>, both included; partial dates include their whole period ("2019-06", "2019-08").</summary>
    public static implicit operator TimeLabel((string Start, string Stop) slice) => new(LabelSpec.Slice(slice.Start, slice.Stop));

    /// <summary>Several times, in the order given.</summary>
    public static implicit operator TimeLabel(DateTime[] times) => new(LabelSpec.Many(Array.ConvertAll(times, t => (object)t)));

    /// <summary>From <paramref name="start"/> to <paramref name="stop"/>, both included; null leaves that end open.</summary>
    public static TimeLabel Between(DateTime? start, DateTime? stop) => new(LabelSpec.Slice(start, stop));

    /// <summary>From <paramref name="start"/> to <paramref name="stop"/> (timestamps or partial dates), both included; null leaves that end open.</summary>
    public static TimeLabel Between(string? start, string? stop) => new(LabelSpec.Slice(start, stop));

    /// <summary>Adds the positions of these times on <paramref name="dim"/>'s coordinate in <paramref name="array"/>.</summary>
    public void AddTo(IDictionary<string, AxisSelection> selection, string dim, DataArray array, SelectMethod method, object? tolerance) =>
        _spec.AddTo(selection, dim, array, method, tolerance);

    /// <inheritdoc />
    public override string ToString() => _spec.ToString();
}
