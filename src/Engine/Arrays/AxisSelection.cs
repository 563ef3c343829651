namespace ZarrPS.Engine.Arrays;

/// <summary>
/// Which positions of one axis a selection keeps: a range with a step, a list of positions, or one position
/// (which drops the axis). Positions are resolved against the axis length.
/// </summary>
public sealed class AxisSelection
{
    private AxisSelection(long[]? positions, long start, long step, long count, bool scalar)
    {
        _positions = positions;
        Start = start;
        Step = step;
        Count = count;
        IsScalar = scalar;
    }

    private readonly long[]? _positions;

    /// <summary>First position (ranges and scalars).</summary>
    public long Start { get; }

    /// <summary>Step between positions (ranges); 0 for lists.</summary>
    public long Step { get; }

    /// <summary>Number of positions kept (1 for a scalar).</summary>
    public long Count { get; }

    /// <summary>True when one position is selected and the axis is dropped.</summary>
    public bool IsScalar { get; }

    /// <summary>True for a list of positions (not a range).</summary>
    public bool IsList => _positions is not null;

    /// <summary>The whole axis.</summary>
    public static AxisSelection All(long length) => new(null, 0, 1, length, false);

    /// <summary>One position; the axis is dropped.</summary>
    public static AxisSelection Scalar(long position) => new(null, position, 1, 1, true);

    /// <summary>start, start+step, ... below stop (above stop for negative steps), like Python's range.</summary>
    public static AxisSelection Range(long start, long stop, long step = 1)
    {
        if (step == 0) throw new ArgumentException("A slice step cannot be zero.", nameof(step));
        long count = step > 0 ? Math.Max(0, (stop - start + step - 1) / step) : Math.Max(0, (start - stop - step - 1) / -step);
        return new AxisSelection(null, start, step, count, false);
    }

    /// <summary>An explicit list of positions (any order, repeats allowed).</summary>
    public static AxisSelection List(long[] positions)
    {
        // A list that is an ascending run is a range: cheaper to read.
        if (positions.Length > 0)
        {
            bool run = true;
            for (int i = 1; i < positions.Length && run; i++) run = positions[i] == positions[i - 1] + 1;
            if (run) return new AxisSelection(null, positions[0], 1, positions.Length, false);
        }
        return new AxisSelection((long[])positions.Clone(), 0, 0, positions.Length, false);
    }

    /// <summary>The source position of output position <paramref name="i"/>.</summary>
    public long this[long i] => _positions is not null ? _positions[i] : Start + i * Step;

    /// <summary>All source positions in output order.</summary>
    public long[] Positions()
    {
        if (_positions is not null) return (long[])_positions.Clone();
        var p = new long[Count];
        for (long i = 0; i < Count; i++) p[i] = Start + i * Step;
        return p;
    }

    /// <summary>The selection of a sub-range of this selection's output positions.</summary>
    public AxisSelection Sub(long outStart, long outCount)
    {
        if (_positions is not null) return List(_positions.AsSpan((int)outStart, (int)outCount).ToArray());
        return new AxisSelection(null, Start + outStart * Step, Step, outCount, false);
    }

    /// <summary>This selection applied after <paramref name="inner"/>: positions of the original axis.</summary>
    public AxisSelection Compose(AxisSelection inner)
    {
        // this selects among inner's outputs
        if (IsScalar) return Scalar(inner[Start]);
        if (_positions is null && !inner.IsList && !inner.IsScalar)
            return new AxisSelection(null, inner.Start + Start * inner.Step, Step * inner.Step, Count, false);
        var p = new long[Count];
        for (long i = 0; i < Count; i++) p[i] = inner[this[i]];
        return List(p);
    }

    /// <summary>Checks every position lies in 0..length-1.</summary>
    public bool FitsIn(long length)
    {
        if (Count == 0) return true;
        if (_positions is not null) return _positions.All(p => p >= 0 && p < length);
        long last = Start + (Count - 1) * Step;
        return Start >= 0 && Start < length && last >= 0 && last < length;
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsScalar ? Start.ToString() : _positions is not null ? $"[{string.Join(",", _positions.Take(5))}{(_positions.Length > 5 ? ",…" : "")}]" : $"{Start}:{Start + Count * Step}:{Step}";
}
