using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ZarrPS.Engine.Skill;

namespace ZarrPS.Module;

/// <summary>Completes Measure-XSkill's metric names.</summary>
public sealed class SkillMetricCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        foreach (var name in SkillScores.AllNames)
            if (name.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
                yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
    }
}
