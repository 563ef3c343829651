using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ZarrPS.Generators.Schema;

namespace ZarrPS.Generators;

/// <summary>
/// Generates typed wrappers over ZarrPS Datasets: for <c>[XSchema("schemas/era5.zmetadata")] partial class
/// Era5Dataset</c>, a property per variable whose accessor selects with parameters named and typed after the
/// variable's dimensions, and an Open that checks the store against the schema.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class XSchemaGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var targets = context.SyntaxProvider.ForAttributeWithMetadataName(
                XSchemaTarget.AttributeName,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                static (ctx, ct) => XSchemaTarget.From(ctx, ct))
            .Where(static t => t is not null);
        var files = context.AdditionalTextsProvider
            .Where(static f => f.Path.EndsWith(".zmetadata", StringComparison.OrdinalIgnoreCase) || f.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Select(static (f, ct) => new SchemaText(PathMatch.Normalize(f.Path), f.GetText(ct)?.ToString()))
            .Collect();
        var projectDir = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
            options.GlobalOptions.TryGetValue("build_property.projectdir", out var dir) && dir.Length > 0 ? PathMatch.Normalize(dir) : null);
        var inputs = targets.Combine(files.Combine(projectDir));
        context.RegisterSourceOutput(inputs, static (spc, input) =>
        {
            var target = input.Left!;
            var (schemaFiles, dir) = input.Right;
            var result = Build(target, schemaFiles, dir);
            foreach (var d in result.Diagnostics) spc.ReportDiagnostic(d.ToDiagnostic());
            if (result.Source is not null)
                spc.AddSource((target.Namespace is null ? "" : target.Namespace + ".") + target.ClassName + ".XSchema.g.cs", SourceText.From(result.Source, System.Text.Encoding.UTF8));
        });
    }

    internal static (string? Source, ImmutableArray<DiagnosticInfo> Diagnostics) Build(XSchemaTarget target, ImmutableArray<SchemaText> files, string? projectDir)
    {
        if (!target.IsPartialTopLevel)
            return (null, ImmutableArray.Create(DiagnosticInfo.Create(Diagnostics.NotPartial, target.Location, target.ClassName)));
        var file = PathMatch.Find(target.SchemaPath, projectDir, target.SourceFile, files, f => f.Path);
        if (file is null || file.Text is null)
            return (null, ImmutableArray.Create(DiagnosticInfo.Create(Diagnostics.SchemaNotFound, target.Location, target.SchemaPath, target.ClassName)));
        var document = SchemaReader.Read(file.Text);
        if (document.Error is not null)
            return (null, ImmutableArray.Create(DiagnosticInfo.Create(Diagnostics.MalformedSchema, target.Location, target.SchemaPath, document.Error)));
        return XSchemaEmitter.Emit(target, document);
    }
}

/// <summary>A candidate schema file: its normalized path and text.</summary>
internal sealed record SchemaText(string Path, string? Text);
