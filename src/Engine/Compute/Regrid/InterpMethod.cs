namespace ZarrPS.Engine.Compute.Regrid;

/// <summary>How values between source points are computed (xarray's interp method=).</summary>
public enum InterpMethod
{
    /// <summary>Linear along each axis (bilinear on two): scipy's interp1d/interpn 'linear'.</summary>
    Linear,
    /// <summary>The nearest source point; a point exactly halfway takes the lower coordinate, as scipy's 'nearest'.</summary>
    Nearest,
}
