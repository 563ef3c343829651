namespace ZarrPS.Plot;

/// <summary>What Export-XPlot draws.</summary>
public enum PlotKind
{
    /// <summary>A 2-D field on latitude × longitude axes with a colour bar (and coastlines on request).</summary>
    Map,
    /// <summary>Values along one dimension as lines (one line per variable, or per position along a second dimension).</summary>
    Line,
    /// <summary>Values along one dimension, or scalar variables of a Dataset, as bars.</summary>
    Bar,
    /// <summary>The distribution of all the values (NaN left out).</summary>
    Histogram,
    /// <summary>A grid of maps: a Dataset's variables or several DataArrays.</summary>
    Panel,
}
