using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Module;

/// <summary>Completes compressor names.</summary>
public sealed class CompressorCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompressorSpec.Names.Where(n => n.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
}
