using System.Management.Automation;
using ZarrPS.Engine.Model;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Groups a Dataset or DataArray by a coordinate or a time field (xarray's groupby), for Measure-XData.</para>
/// <para type="description">-By takes 'time.month', 'time.season', 'time.hour', 'time.dayofyear', 'time.year' … ('time' stands for
/// whatever the time dimension is called: 'TIME.month' works too) or a coordinate's name. Piped to Measure-XData without
/// -Dim it reduces each group over the grouped dimension, giving a climatology.</para>
/// </summary>
/// <example><code>$ds | Group-XData -By time.month | Measure-XData -Mean</code></example>
[Cmdlet(VerbsData.Group, "XData")]
[OutputType(typeof(GroupedData))]
public sealed class GroupXDataCommand : XCmdlet
{
    /// <summary><para type="description">The Dataset or DataArray.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object InputObject { get; set; } = null!;

    /// <summary><para type="description">The group key: a coordinate, or time.month / time.season / time.hour / time.dayofyear / time.year …</para></summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string By { get; set; } = "";

    /// <inheritdoc />
    protected override void ProcessRecord() =>
        NonTerminating(() => WriteObject(Grouping.GroupBy(InputObject is PSObject p ? p.BaseObject : InputObject, By)), InputObject);
}
