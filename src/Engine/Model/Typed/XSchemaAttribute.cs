namespace ZarrPS.Engine.Model.Typed;

/// <summary>
/// Asks the ZarrPS source generator for a typed wrapper over a <see cref="Dataset"/> described by a schema file
/// (an AdditionalFile of the project): a consolidated Zarr v2 <c>.zmetadata</c>, a Zarr v3 <c>zarr.json</c> with
/// consolidated metadata, or an <c>.xschema.json</c>. The class must be a top-level <c>partial class</c>.
/// </summary>
/// <example><code>[XSchema("schemas/era5.zmetadata", Names = ["t2m=Temperature2m"])] public partial class Era5Dataset;</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class XSchemaAttribute : Attribute
{
    /// <summary>Names the schema file, relative to the project (or to the source file holding the attribute).</summary>
    public XSchemaAttribute(string path) => Path = path;

    /// <summary>The schema file as given.</summary>
    public string Path { get; }

    /// <summary>
    /// C# names for variables whose PascalCase name is not wanted or not valid, as "variable=CSharpName"
    /// ("t2m=Temperature2m").
    /// </summary>
    public string[]? Names { get; set; }
}
