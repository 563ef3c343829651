namespace ZarrPS.Module;

/// <summary>
/// One line of a cmdlet's dimension table: ZarrPS.Generators adds a parameter <paramref name="name"/> (with the
/// aliases as PowerShell aliases) that selects labels of whichever of the dimension names the input has.
/// </summary>
/// <param name="name">The parameter's name (Latitude).</param>
/// <param name="aliases">The dimension names it stands for, most preferred first (latitude, lat, y).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
internal sealed class DimensionParameterAttribute(string name, params string[] aliases) : Attribute
{
    /// <summary>The parameter's name.</summary>
    public string Name { get; } = name;

    /// <summary>The dimension names it stands for, most preferred first.</summary>
    public string[] Aliases { get; } = aliases;

    /// <summary>The CF standard_name that marks its coordinate when none of the aliases is a dimension.</summary>
    public string? StandardName { get; init; }

    /// <summary>The CF axis attribute (X, Y, Z, T) that marks its coordinate when none of the aliases is a dimension.</summary>
    public string? Axis { get; init; }

    /// <summary>The CF units (degrees_north) that mark its coordinate when none of the aliases is a dimension.</summary>
    public string? Units { get; init; }
}
