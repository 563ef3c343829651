namespace ZarrPS.Engine.Compute.Grouping;

/// <summary>What coarsening does when a window does not divide the dimension (xarray's boundary=).</summary>
public enum CoarsenBoundary
{
    /// <summary>The window must divide the length; an error otherwise.</summary>
    Exact,
    /// <summary>Drops the positions left over.</summary>
    Trim,
    /// <summary>Pads the last window with missing values (ignored by skipna reductions).</summary>
    Pad,
}
