namespace ZarrPS.Engine.Compute;

/// <summary>Reductions that stream: each chunk adds to running sums, counts, extremes or moments.</summary>
public enum ReduceOp
{
    /// <summary>Sum (NaN skipped: an all-NaN group sums to 0, as xarray).</summary>
    Sum,
    /// <summary>Mean.</summary>
    Mean,
    /// <summary>Minimum.</summary>
    Min,
    /// <summary>Maximum.</summary>
    Max,
    /// <summary>Number of non-NaN values.</summary>
    Count,
    /// <summary>Variance (ddof as given; xarray's default 0).</summary>
    Var,
    /// <summary>Standard deviation.</summary>
    Std,
}

/// <summary>
/// How one input axis is reduced: all of it into one value (the axis is dropped), or position by position into
/// groups, bins or windows (Map: position → output index, -1 to leave a position out).
/// </summary>
public sealed class AxisReduction
{
    /// <summary>The axis reduced entirely; it is dropped from the result.</summary>
    public static AxisReduction All(int axis) => new(axis, null, 1, drop: true);

    /// <summary>The axis reduced by groups: <paramref name="map"/>[position] is the output index (or -1).</summary>
    public static AxisReduction Grouped(int axis, int[] map, int outLength) => new(axis, map, outLength, drop: false);

    private AxisReduction(int axis, int[]? map, int outLength, bool drop)
    {
        Axis = axis;
        Map = map;
        OutLength = outLength;
        Drop = drop;
        if (map is not null)
            foreach (int m in map)
                if (m < -1 || m >= outLength) throw new ArgumentException($"Group index {m} is outside 0..{outLength - 1}.", nameof(map));
    }

    /// <summary>The input axis.</summary>
    public int Axis { get; }

    /// <summary>Position → output index (-1: left out); null when every position goes to 0.</summary>
    public int[]? Map { get; }

    /// <summary>Output length along the axis (1 when dropped).</summary>
    public int OutLength { get; }

    /// <summary>True when the axis is removed from the result.</summary>
    public bool Drop { get; }

    /// <summary>The output index of input position <paramref name="p"/>.</summary>
    public int OutIndex(long p) => Map is null ? 0 : Map[p];

    /// <summary>True when positions map to output indices in non-decreasing order (bins, windows).</summary>
    public bool IsMonotonic
    {
        get
        {
            if (Map is null) return true;
            int last = -1;
            foreach (int m in Map)
            {
                if (m < 0) continue;
                if (m < last) return false;
                last = m;
            }
            return true;
        }
    }
}
