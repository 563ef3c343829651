using Microsoft.CodeAnalysis;

namespace ZarrPS.Generators;

/// <summary>The diagnostics of the ZarrPS generators; src/Generators/README.md documents each.</summary>
internal static class Diagnostics
{
    private const string Category = "ZarrPS.Generators";

    public static readonly DiagnosticDescriptor SchemaNotFound = new(
        "ZPS001", "Schema file not found",
        "The schema file '{0}' named by [XSchema] on '{1}' is not an AdditionalFile of the project; add <AdditionalFiles Include=\"{0}\" /> to the project file",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownDType = new(
        "ZPS002", "Unknown element type",
        "Variable '{0}' in schema '{1}' has the element type {2}, which ZarrPS cannot read; leave the variable out (describe the store with an .xschema.json) or store it as another type",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidName = new(
        "ZPS003", "Invalid C# name",
        "Variable '{0}' would become the C# member '{1}', which is not a valid identifier; name it in [XSchema]: Names = [\"{0}=SomeName\"]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateName = new(
        "ZPS004", "Duplicate C# name",
        "Variable '{0}' would become the C# member '{1}', which {2} already is; name one of them in [XSchema]: Names = [\"{0}=SomeName\"]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MalformedSchema = new(
        "ZPS005", "Schema file cannot be read",
        "The schema file '{0}' cannot be read: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotPartial = new(
        "ZPS006", "Typed dataset must be a top-level partial class",
        "'{0}' has [XSchema] but is not a top-level, non-generic partial class",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnusedName = new(
        "ZPS007", "Name mapping not used",
        "The Names entry '{0}' of [XSchema] on '{1}' is not used: {2}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateDimensionParameter = new(
        "ZPS008", "Dimension parameter name used twice",
        "'{0}' of dimension parameter {1} is already {2}; each parameter name and alias may stand once",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidDimensionParameter = new(
        "ZPS009", "Invalid dimension parameter",
        "Dimension parameter '{0}' on '{1}': {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
