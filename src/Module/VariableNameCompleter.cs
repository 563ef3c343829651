using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using ZarrPS.Engine.Model;

namespace ZarrPS.Module;

/// <summary>Completes variable names from the dataset in -InputObject or in the pipeline's first command when it is a variable.</summary>
public sealed class VariableNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var ds = FindDataset(commandAst, fakeBoundParameters);
        if (ds is null) yield break;
        foreach (var name in ds.Variables.Keys)
            if (name.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
                yield return new CompletionResult(name.Contains(' ') ? $"'{name}'" : name, name, CompletionResultType.ParameterValue, name);
    }

    internal static Dataset? FindDataset(CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        object? input = fakeBoundParameters.Contains("InputObject") ? fakeBoundParameters["InputObject"] : null;
        if (input is PSObject p) input = p.BaseObject;
        if (input is Dataset d) return d;
        // $ds | Select-XData -Variable <tab>: evaluate a plain variable at the pipeline's start.
        if (commandAst.Parent is PipelineAst pipe && pipe.PipelineElements.Count > 1 &&
            pipe.PipelineElements[0] is CommandExpressionAst { Expression: VariableExpressionAst v })
        {
            var value = Runspace.DefaultRunspace?.SessionStateProxy.GetVariable(v.VariablePath.UserPath);
            if (value is PSObject vp) value = vp.BaseObject;
            return value as Dataset;
        }
        return null;
    }
}
