using Microsoft.CodeAnalysis;

namespace ZarrPS.Generators;

/// <summary>
/// Emits the assembly attribute that marks a compilation as using ZarrPS generators.
/// The dimension-typed accessors are a later issue; this keeps the pipeline wired and tested.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MarkerGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        context.RegisterPostInitializationOutput(static ctx => ctx.AddSource(
            "ZarrPSGenerated.g.cs",
            "namespace ZarrPS.Generated { internal static class GeneratorInfo { public const string Version = \"0.1.0\"; } }\n"));
    }
}
