using System.Management.Automation;
using ZarrPS.Engine.Catalogs;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Lists the sources of an intake-style YAML catalog.</para>
/// <para type="description">Each entry has Name, Driver, Description, Args and Parameters; pipe one to Open-XDataset to open it.</para>
/// </summary>
/// <example><code>Get-XCatalog ./catalog.yaml | Where-Object Name -eq era5_2019_raw | Open-XDataset</code></example>
[Cmdlet(VerbsCommon.Get, "XCatalog")]
[OutputType(typeof(CatalogEntry))]
public sealed class GetXCatalogCommand : XCmdlet
{
    /// <summary><para type="description">The catalog file.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string Path { get; set; } = "";

    /// <summary><para type="description">Only sources whose name matches (wildcards allowed).</para></summary>
    [Parameter(Position = 1)]
    [SupportsWildcards]
    public string? Name { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        NonTerminating(() =>
        {
            var catalog = Catalog.Load(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path));
            var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
            foreach (var e in catalog.Entries)
                if (pattern is null || pattern.IsMatch(e.Name)) WriteObject(e);
        }, Path);
    }
}
