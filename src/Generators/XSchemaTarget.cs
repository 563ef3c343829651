using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ZarrPS.Generators;

/// <summary>A class marked [XSchema(path)], as values.</summary>
internal sealed record XSchemaTarget(
    string? Namespace, string ClassName, string SchemaPath, EquatableArray<string> Names, string SourceFile,
    LocationInfo? Location, bool IsPartialTopLevel)
{
    public const string AttributeName = "ZarrPS.Engine.Model.Typed.XSchemaAttribute";

    public static XSchemaTarget? From(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length == 0) return null;
        var attribute = context.Attributes[0];
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string path) return null;
        var names = attribute.NamedArguments
            .Where(a => a.Key == "Names" && a.Value.Kind == TypedConstantKind.Array && !a.Value.IsNull)
            .SelectMany(a => a.Value.Values)
            .Select(v => v.Value as string ?? "")
            .ToArray();
        var node = (ClassDeclarationSyntax)context.TargetNode;
        bool valid = node.Modifiers.Any(SyntaxKind.PartialKeyword) && !node.Modifiers.Any(SyntaxKind.StaticKeyword) &&
                     type.ContainingType is null && !type.IsGenericType;
        var location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? node.Identifier.GetLocation();
        return new XSchemaTarget(
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            type.Name, path, new EquatableArray<string>(names), node.SyntaxTree.FilePath, LocationInfo.From(location), valid);
    }
}
