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

    // Completers run inside a pipeline, where the session state proxy is off limits; a nested command in the
    // current runspace may read variables.
    private static object? Evaluate(string script)
    {
        try
        {
            using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
            var result = ps.AddScript(script).Invoke();
            var first = result.Count > 0 ? result[0] : null;
            return first is PSObject p ? p.BaseObject : first;
        }
        catch (Exception e) when (e is PSInvalidOperationException or RuntimeException)
        {
            return null;
        }
    }

    internal static Dataset? FindDataset(CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        object? input = fakeBoundParameters.Contains("InputObject") ? fakeBoundParameters["InputObject"] : null;
        if (input is PSObject p) input = p.BaseObject;
        if (input is Dataset d) return d;
        // Open-XDataset -Path x -Variable <tab>: read the metadata of what -Path names.
        if (string.Equals(commandAst.GetCommandName(), "Open-XDataset", StringComparison.OrdinalIgnoreCase) &&
            fakeBoundParameters.Contains("Path") && fakeBoundParameters["Path"] is { } path)
        {
            var first = path is PSObject pp ? pp.BaseObject : path;
            string? text = first is IEnumerable e and not string ? e.Cast<object>().FirstOrDefault()?.ToString() : first.ToString();
            if (!string.IsNullOrEmpty(text))
            {
                try
                {
                    string? cwd = Evaluate("$PWD.ProviderPath") as string;
                    return ZarrPS.Engine.Backends.DatasetOpener.Open(text, new ZarrPS.Engine.Backends.OpenOptions { BaseDirectory = cwd, DecodeTimes = false });
                }
                catch (ZarrPS.Engine.ZarrPSException)
                {
                    return null;
                }
            }
        }
        // $ds | Select-XData -Variable <tab>: evaluate a plain variable at the pipeline's start.
        if (commandAst.Parent is PipelineAst pipe && pipe.PipelineElements.Count > 1 &&
            pipe.PipelineElements[0] is CommandExpressionAst { Expression: VariableExpressionAst v })
        {
            return Evaluate("$" + v.VariablePath.UserPath) as Dataset;
        }
        return null;
    }
}
