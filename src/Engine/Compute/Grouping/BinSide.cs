namespace ZarrPS.Engine.Compute.Grouping;

/// <summary>Which edge of a resampling bin is closed, or which edge labels it (pandas' closed= and label=).</summary>
public enum BinSide
{
    /// <summary>The left (earlier) edge.</summary>
    Left,
    /// <summary>The right (later) edge.</summary>
    Right,
}
