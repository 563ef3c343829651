using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ZarrPS.Generators.Dimensions;

/// <summary>One [DimensionParameter(name, aliases…)] line of a cmdlet's dimension table.</summary>
internal sealed record DimensionEntry(string Name, EquatableArray<string> Aliases, string? StandardName, string? Axis, string? Units, LocationInfo? Location);

/// <summary>A cmdlet class with its dimension table and the parameter names it already has.</summary>
internal sealed record DimensionTable(
    string? Namespace, string ClassName, bool IsPartialTopLevel, EquatableArray<DimensionEntry> Entries,
    EquatableArray<string> ExistingNames, LocationInfo? Location)
{
    public const string AttributeName = "ZarrPS.Module.DimensionParameterAttribute";

    // PowerShell's common and risk-mitigation parameters and their aliases: a cmdlet cannot reuse them.
    private static readonly string[] CommonNames =
    {
        "Verbose", "vb", "Debug", "db", "ErrorAction", "ea", "WarningAction", "wa", "InformationAction", "infa",
        "ProgressAction", "proga", "ErrorVariable", "ev", "WarningVariable", "wv", "InformationVariable", "iv",
        "OutVariable", "ov", "OutBuffer", "ob", "PipelineVariable", "pv", "WhatIf", "wi", "Confirm", "cf",
    };

    public static DimensionTable? From(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type) return null;
        var entries = new List<DimensionEntry>();
        foreach (var attribute in context.Attributes)
        {
            var args = attribute.ConstructorArguments;
            if (args.Length != 2 || args[0].Value is not string name) continue;
            var aliases = args[1].Kind == TypedConstantKind.Array ? args[1].Values.Select(v => v.Value as string ?? "").ToArray() : new string[0];
            string? standardName = null, axis = null, units = null;
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "StandardName") standardName = named.Value.Value as string;
                if (named.Key == "Axis") axis = named.Value.Value as string;
                if (named.Key == "Units") units = named.Value.Value as string;
            }
            var location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();
            entries.Add(new DimensionEntry(name, new EquatableArray<string>(aliases), standardName, axis, units, LocationInfo.From(location)));
        }
        // Names taken already: the class's and its bases' members and the aliases of their parameters.
        var existing = new List<string>(CommonNames);
        for (var t = type; t is not null; t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                if (member.IsImplicitlyDeclared || member is not IPropertySymbol) continue;
                existing.Add(member.Name);
                foreach (var a in member.GetAttributes())
                    if (a.AttributeClass?.ToDisplayString() == "System.Management.Automation.AliasAttribute" && a.ConstructorArguments.Length == 1 &&
                        a.ConstructorArguments[0].Kind == TypedConstantKind.Array)
                        existing.AddRange(a.ConstructorArguments[0].Values.Select(v => v.Value as string ?? ""));
            }
        }
        var node = (ClassDeclarationSyntax)context.TargetNode;
        bool valid = node.Modifiers.Any(SyntaxKind.PartialKeyword) && type.ContainingType is null && !type.IsGenericType;
        return new DimensionTable(
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(), type.Name, valid,
            new EquatableArray<DimensionEntry>(entries), new EquatableArray<string>(existing.Distinct()), LocationInfo.From(node.Identifier.GetLocation()));
    }
}
