using System.Management.Automation;
using ZarrPS.Engine.Compute;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Shows what the last computation did: tasks, bytes read and decoded, time in I/O, decoding and kernels, peak memory.</para>
/// </summary>
/// <example><code>Measure-XData $ds -Mean -Dim time; Get-XComputeStat</code></example>
[Cmdlet(VerbsCommon.Get, "XComputeStat")]
[OutputType(typeof(ComputeStats))]
public sealed class GetXComputeStatCommand : XCmdlet
{
    /// <summary><para type="description">Every recent computation (up to 100), oldest first.</para></summary>
    [Parameter] public SwitchParameter All { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (All) WriteObject(ComputeSession.History, enumerateCollection: true);
        else if (ComputeSession.Last is { } last) WriteObject(last);
    }
}
