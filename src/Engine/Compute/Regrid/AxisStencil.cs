namespace ZarrPS.Engine.Compute.Regrid;

/// <summary>
/// Where each target coordinate falls on a source axis: two source indices and the weight of the second
/// (value = lo·(1−w) + hi·w), or none (NaN) outside the source range, as scipy's interp1d with
/// bounds_error=False. Descending sources are handled; longitudes can wrap by 360 degrees and, on a global
/// source, interpolate across the seam between the last and the first column.
/// </summary>
public sealed class AxisStencil
{
    private AxisStencil(int[] lo, int[] hi, double[] weight, InterpMethod method, int sourceLength)
    {
        Lo = lo;
        Hi = hi;
        Weight = weight;
        Method = method;
        SourceLength = sourceLength;
    }

    /// <summary>The first source index of each target; -1 when the target is outside the source (NaN).</summary>
    public int[] Lo { get; }

    /// <summary>The second source index of each target (equal to <see cref="Lo"/> for nearest).</summary>
    public int[] Hi { get; }

    /// <summary>The weight of <see cref="Hi"/> (0 for nearest).</summary>
    public double[] Weight { get; }

    /// <summary>The method.</summary>
    public InterpMethod Method { get; }

    /// <summary>The source axis length.</summary>
    public int SourceLength { get; }

    /// <summary>The number of targets.</summary>
    public int TargetLength => Lo.Length;

    /// <summary>
    /// Builds the stencil of <paramref name="target"/> on <paramref name="source"/> (strictly monotonic, either
    /// direction). With <paramref name="wrap360"/> (longitudes), targets are first moved by multiples of 360 into
    /// the source's range. InvalidArgument "CoordinateNotMonotonic" when the source is not strictly monotonic.
    /// </summary>
    public static AxisStencil Build(ReadOnlySpan<double> source, ReadOnlySpan<double> target, InterpMethod method, bool wrap360 = false, string axis = "axis")
    {
        int n = source.Length;
        if (n == 0)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "EmptyCoordinate", $"Cannot interpolate along '{axis}': its coordinate is empty.", axis);
        bool descending = n > 1 && source[1] < source[0];
        var asc = new double[n];
        for (int k = 0; k < n; k++) asc[k] = descending ? source[n - 1 - k] : source[k];
        double maxStep = 0;
        for (int k = 0; k < n; k++)
        {
            if (double.IsNaN(asc[k]) || (k > 0 && !(asc[k] > asc[k - 1])))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "CoordinateNotMonotonic",
                    $"Cannot interpolate along '{axis}': its coordinate must be strictly increasing or decreasing without NaN (position {(descending ? n - 1 - k : k)}).", axis);
            if (k > 0) maxStep = Math.Max(maxStep, asc[k] - asc[k - 1]);
        }
        double first = asc[0], last = asc[n - 1];
        double seamGap = first + 360 - last;
        // A global longitude axis: the gap across 360 is no wider than its widest step.
        bool periodic = wrap360 && n > 1 && seamGap > 0 && seamGap <= maxStep * 1.5 + 1e-9;

        int m = target.Length;
        var lo = new int[m];
        var hi = new int[m];
        var w = new double[m];
        int Src(int k) => descending ? n - 1 - k : k;
        for (int j = 0; j < m; j++)
        {
            double t = target[j];
            lo[j] = hi[j] = -1;
            if (double.IsNaN(t)) continue;
            if (wrap360 && (t < first || t > last))
            {
                double r = (t - first) % 360;
                if (r < 0) r += 360;
                t = first + r;
            }
            if (t < first || t > last)
            {
                if (!periodic || t < last) continue;
                if (method == InterpMethod.Linear)
                {
                    lo[j] = Src(n - 1);
                    hi[j] = Src(0);
                    w[j] = (t - last) / seamGap;
                }
                else
                {
                    lo[j] = hi[j] = t - last <= first + 360 - t ? Src(n - 1) : Src(0);
                }
                continue;
            }
            if (n == 1)
            {
                lo[j] = hi[j] = 0;
                continue;
            }
            if (method == InterpMethod.Linear)
            {
                // scipy: the interval left of the first point not below t (an exact hit uses the interval ending there).
                int i = Math.Clamp(LowerBound(asc, t) - 1, 0, n - 2);
                lo[j] = Src(i);
                hi[j] = Src(i + 1);
                w[j] = (t - asc[i]) / (asc[i + 1] - asc[i]);
            }
            else
            {
                // scipy: the number of midpoints below t; a tie goes to the lower point.
                int a = 0, b = n - 1;
                while (a < b)
                {
                    int mid = (a + b) >>> 1;
                    if ((asc[mid] + asc[mid + 1]) / 2 < t) a = mid + 1; else b = mid;
                }
                lo[j] = hi[j] = Src(a);
            }
        }
        return new AxisStencil(lo, hi, w, method, n);
    }

    /// <summary>The part of the stencil for targets <paramref name="start"/>..+<paramref name="count"/>.</summary>
    public AxisStencil Slice(int start, int count) =>
        new(Lo.AsSpan(start, count).ToArray(), Hi.AsSpan(start, count).ToArray(), Weight.AsSpan(start, count).ToArray(), Method, SourceLength);

    private static int LowerBound(double[] a, double t)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
