namespace ZarrPS.Engine.Model;

/// <summary>Finds the time axis of a coordinate variable, if it holds times.</summary>
public static class TimeAxes
{
    /// <summary>The time axis of <paramref name="coord"/>, or null when its values are not times.</summary>
    public static ITimeAxis? For(Variable coord) => null;
}
