using System.Collections;
using System.Management.Automation;
using ZarrPS.Engine;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Model;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Changes how a lazy Dataset or DataArray is chunked for computing (xarray's .chunk()).</para>
/// <para type="description">Nothing is read; later computations run one task per new chunk. Use -1 for a whole dimension.
/// To change how a store is chunked on disk, use Save-XDataset -Encoding or Optimize-XZarr.</para>
/// </summary>
/// <example><code>$ds | Set-XChunk -Chunks @{ time = 24; latitude = -1 }</code></example>
[Cmdlet(VerbsCommon.Set, "XChunk")]
[OutputType(typeof(Dataset), typeof(DataArray))]
public sealed class SetXChunkCommand : XCmdlet
{
    /// <summary><para type="description">The Dataset or DataArray.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object InputObject { get; set; } = null!;

    /// <summary><para type="description">Chunk length per dimension (-1: the whole dimension).</para></summary>
    [Parameter(Mandatory = true, Position = 0)]
    public IDictionary Chunks { get; set; } = null!;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        NonTerminating(() =>
        {
            var want = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (DictionaryEntry e in Chunks)
                want[e.Key.ToString()!] = System.Convert.ToInt64(e.Value is PSObject p ? p.BaseObject : e.Value, System.Globalization.CultureInfo.InvariantCulture);
            object input = InputObject is PSObject ip ? ip.BaseObject : InputObject;
            switch (input)
            {
                case DataArray da:
                    Isel.CheckDims(want.Keys, da.Dims);
                    WriteObject(new DataArray(da.Name, Rechunk(da.Variable, want), da.Coords));
                    break;
                case Dataset ds:
                    Isel.CheckDims(want.Keys, ds.Dims.Keys);
                    var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
                    foreach (var (k, v) in ds.Variables) vars[k] = Rechunk(v, want);
                    WriteObject(ds.With(vars));
                    break;
                default:
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "NotADataset", $"Set-XChunk takes a Dataset or DataArray, not {input.GetType().Name}.", input);
            }
        }, InputObject);
    }

    internal static Variable Rechunk(Variable v, IReadOnlyDictionary<string, long> want)
    {
        if (!v.Dims.Any(want.ContainsKey)) return v;
        var chunk = new int[v.Rank];
        var current = v.Chunks.ChunkSize;
        for (int d = 0; d < v.Rank; d++)
        {
            long c = want.TryGetValue(v.Dims[d], out long w) ? (w <= 0 ? v.Shape[d] : w) : current[d];
            chunk[d] = (int)Math.Clamp(c, 1, Math.Max(1, Math.Min(v.Shape[d], int.MaxValue)));
        }
        return v.WithData(new RechunkArray(v.Data, ChunkLayout.Regular(v.Shape, chunk)));
    }
}
