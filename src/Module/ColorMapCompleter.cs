using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ZarrPS.Plot;

namespace ZarrPS.Module;

/// <summary>Completes colour map names (each also reversed with _r).</summary>
public sealed class ColorMapCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ColorMaps.Names.SelectMany(n => new[] { n, n + "_r" })
            .Where(n => n.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
}
