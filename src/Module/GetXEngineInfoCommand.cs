using System.Management.Automation;
using ZarrPS.Engine.Codecs;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Shows the ZarrPS version and the codecs the engine can read and write.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "XEngineInfo")]
[OutputType(typeof(EngineInfo))]
public sealed class GetXEngineInfoCommand : PSCmdlet
{
    /// <inheritdoc />
    protected override void EndProcessing()
    {
        WriteObject(new EngineInfo(
            typeof(GetXEngineInfoCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            Environment.Version.ToString(),
            CodecRegistry.V2Ids.Order().ToArray(),
            CodecRegistry.V3Names.Order().ToArray()));
    }
}

/// <summary>What <c>Get-XEngineInfo</c> returns.</summary>
/// <param name="Version">The ZarrPS version.</param>
/// <param name="Runtime">The .NET runtime version.</param>
/// <param name="V2Codecs">numcodecs ids known for Zarr v2.</param>
/// <param name="V3Codecs">codec names known for Zarr v3.</param>
public sealed record EngineInfo(string Version, string Runtime, string[] V2Codecs, string[] V3Codecs);
