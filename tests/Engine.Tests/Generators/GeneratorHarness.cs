using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ZarrPS.Engine.Tests.Generators;

/// <summary>
/// Runs a ZarrPS generator on a small compilation through CSharpGeneratorDriver. References are this runtime's own
/// assemblies (the trusted platform assemblies) plus ZarrPS.Engine: nothing is downloaded.
/// </summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var keep = paths.Where(p =>
        {
            string name = Path.GetFileNameWithoutExtension(p);
            return name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "netstandard" or "mscorlib" or "ZarrPS.Engine";
        });
        return [.. keep.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    /// <summary>An AdditionalFile held in memory.</summary>
    private sealed class MemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    /// <summary>What a run gave: generated sources, the generator's diagnostics, and the compiled result's errors.</summary>
    public sealed record Result(ImmutableArray<GeneratedSourceResult> Sources, ImmutableArray<Diagnostic> Diagnostics, Compilation Output)
    {
        /// <summary>The one generated file's text.</summary>
        public string Source => Assert.Single(Sources).SourceText.ToString();

        /// <summary>Errors and warnings of compiling the source with what was generated.</summary>
        public ImmutableArray<Diagnostic> CompileProblems =>
            [.. Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];

        /// <summary>A type of the output compilation.</summary>
        public INamedTypeSymbol Type(string metadataName) =>
            Output.GetTypeByMetadataName(metadataName) ?? throw new InvalidOperationException($"No type {metadataName} in the output.");
    }

    /// <summary>Runs <paramref name="generator"/> over <paramref name="source"/> (a file at /project/Source.cs) with the files given.</summary>
    public static Result Run(IIncrementalGenerator generator, string source, params (string Path, string Text)[] files)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), path: "/project/Source.cs");
        var compilation = CSharpCompilation.Create("GeneratorTest", [tree], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            files.Select(f => (AdditionalText)new MemoryText(f.Path, f.Text)),
            (CSharpParseOptions)tree.Options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var run = driver.GetRunResult().Results.Single();
        if (run.Exception is not null) throw new InvalidOperationException("The generator threw.", run.Exception);
        return new Result(run.GeneratedSources, run.Diagnostics, output);
    }
}
