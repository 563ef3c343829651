using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ZarrPS.Module;

/// <summary>Completes dimension names from the dataset in -InputObject, the pipeline's first variable, or -Path.</summary>
public sealed class DimensionNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var ds = VariableNameCompleter.FindDataset(commandAst, fakeBoundParameters);
        if (ds is null) yield break;
        foreach (var name in ds.Dims.Keys)
            if (name.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
                yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
    }
}
