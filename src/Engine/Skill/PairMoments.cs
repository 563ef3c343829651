namespace ZarrPS.Engine.Skill;

/// <summary>
/// The sums one observation/forecast pair series reduces to (weights w, 1 without weights; NaN pairs dropped):
/// counts, error sums, weighted means and co-moments. Two of them merge exactly (Chan et al. for the co-moments),
/// so chunks can be summed in any order.
/// </summary>
public struct PairMoments
{
    /// <summary>Fields stored per element, in this order.</summary>
    public const int Count = 14;

    /// <summary>Which sums a set of metrics needs.</summary>
    [Flags]
    public enum Needs
    {
        /// <summary>Counts only.</summary>
        None = 0,
        /// <summary>Σw(a−b)², Σw|a−b|, Σw(a−b).</summary>
        Errors = 1,
        /// <summary>Σw|a−b|/max(|a|, eps) and the smape terms.</summary>
        Percent = 2,
        /// <summary>Weighted means and co-moments.</summary>
        Moments = 4,
    }

    /// <summary>Pairs without NaN.</summary>
    public double N;
    /// <summary>Σw.</summary>
    public double W;
    /// <summary>Σw(a−b)².</summary>
    public double Se;
    /// <summary>Σw|a−b|.</summary>
    public double Ae;
    /// <summary>Σw(a−b).</summary>
    public double E;
    /// <summary>Σw|a−b|/max(|a|, eps).</summary>
    public double Ape;
    /// <summary>Σw|a−b|/(|a|+|b|) over pairs where that is defined.</summary>
    public double Sape;
    /// <summary>Pairs where |a|+|b| &gt; 0.</summary>
    public double Ns;
    /// <summary>Weighted mean of a.</summary>
    public double Ma;
    /// <summary>Weighted mean of b.</summary>
    public double Mb;
    /// <summary>Σw(a−ā)².</summary>
    public double Caa;
    /// <summary>Σw(b−b̄)².</summary>
    public double Cbb;
    /// <summary>Σw(a−ā)(b−b̄).</summary>
    public double Cab;
    /// <summary>1 when a pair with NaN was met and NaN is not skipped.</summary>
    public double Nan;

    /// <summary>Adds another series' sums.</summary>
    public void Merge(in PairMoments o)
    {
        if (o.Nan != 0) Nan = 1;
        N += o.N;
        Se += o.Se;
        Ae += o.Ae;
        E += o.E;
        Ape += o.Ape;
        Sape += o.Sape;
        Ns += o.Ns;
        double wa = W, wb = o.W;
        if (wb > 0)
        {
            if (wa <= 0)
            {
                Ma = o.Ma;
                Mb = o.Mb;
                Caa = o.Caa;
                Cbb = o.Cbb;
                Cab = o.Cab;
            }
            else
            {
                double nw = wa + wb, da = o.Ma - Ma, db = o.Mb - Mb, f = wa * wb / nw;
                Caa += o.Caa + da * da * f;
                Cbb += o.Cbb + db * db * f;
                Cab += o.Cab + da * db * f;
                Ma += da * wb / nw;
                Mb += db * wb / nw;
            }
        }
        W = wa + wb;
    }

    /// <summary>Writes the fields in storage order.</summary>
    public readonly void CopyTo(Span<double> f)
    {
        f[0] = N; f[1] = W; f[2] = Se; f[3] = Ae; f[4] = E; f[5] = Ape; f[6] = Sape; f[7] = Ns;
        f[8] = Ma; f[9] = Mb; f[10] = Caa; f[11] = Cbb; f[12] = Cab; f[13] = Nan;
    }

    /// <summary>Reads the fields from storage order.</summary>
    public static PairMoments From(ReadOnlySpan<double> f) => new()
    {
        N = f[0], W = f[1], Se = f[2], Ae = f[3], E = f[4], Ape = f[5], Sape = f[6], Ns = f[7],
        Ma = f[8], Mb = f[9], Caa = f[10], Cbb = f[11], Cab = f[12], Nan = f[13],
    };
}
