using System.Globalization;
using System.Management.Automation;
using ZarrPS.Engine;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.ML;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Makes a SYNTHETIC ERA5-like dataset for trying ZarrPS and its ML cmdlets.</para>
/// <para type="description">-Kind Era5Convection: hourly cape, cin, kx, blh and tp (total precipitation, m) on
/// (time, latitude, longitude), t and q on -Levels. Values come from formulas (diurnal and seasonal cycles, travelling
/// weather waves, seeded noise), not from observations: tp grows with CAPE, K-index and boundary layer height and
/// shrinks with CIN, so a model can learn tp &gt; 0.005 (5 mm/h) from them. The same -Seed gives the same values.
/// Without -Path the dataset is lazy (computed when read); with -Path it is written as Zarr and opened.</para>
/// </summary>
/// <example><code>New-XSampleDataset -Start 2019-06-01 -End 2019-09-01 -Resolution 1 -Path ./sample.zarr -Seed 1</code></example>
[Cmdlet(VerbsCommon.New, "XSampleDataset", SupportsShouldProcess = true)]
[OutputType(typeof(Dataset))]
public sealed class NewXSampleDatasetCommand : XCmdlet
{
    /// <summary><para type="description">The kind of sample (Era5Convection).</para></summary>
    [Parameter]
    [ValidateSet("Era5Convection")]
    public string Kind { get; set; } = "Era5Convection";

    /// <summary><para type="description">The first time (UTC; default 2019-01-01).</para></summary>
    [Parameter]
    public DateTime Start { get; set; } = new(2019, 1, 1);

    /// <summary><para type="description">The end, exclusive (default one year after -Start).</para></summary>
    [Parameter]
    public DateTime? End { get; set; }

    /// <summary><para type="description">Latitude range (two numbers or a range such as 10..40; default 10..40).</para></summary>
    [Parameter]
    public double[] Latitude { get; set; } = [10, 40];

    /// <summary><para type="description">Longitude range (default 100..140).</para></summary>
    [Parameter]
    public double[] Longitude { get; set; } = [100, 140];

    /// <summary><para type="description">Grid spacing in degrees (default 0.25, as ERA5).</para></summary>
    [Parameter]
    public double Resolution { get; set; } = 0.25;

    /// <summary><para type="description">Hours between times (default 1).</para></summary>
    [Parameter]
    public int StepHours { get; set; } = 1;

    /// <summary><para type="description">Pressure levels of t and q in hPa (default 850, 500; @() for none).</para></summary>
    [Parameter]
    [AllowEmptyCollection]
    public double[] Levels { get; set; } = [850, 500];

    /// <summary><para type="description">The seed (default 0).</para></summary>
    [Parameter]
    public int Seed { get; set; }

    /// <summary><para type="description">Write the dataset to this Zarr store and return it opened from there.</para></summary>
    [Parameter]
    public string? Path { get; set; }

    /// <summary><para type="description">Replace an existing store at -Path.</para></summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        Terminating(() =>
        {
            var ds = SampleDatasets.Era5Convection(new SampleOptions
            {
                Start = Start,
                End = End ?? Start.AddYears(1),
                StepHours = StepHours,
                Latitude = Range(Latitude, "Latitude"),
                Longitude = Range(Longitude, "Longitude"),
                Resolution = Resolution,
                Levels = Levels,
                Seed = Seed,
            });
            if (Path is null)
            {
                WriteObject(ds);
                return;
            }
            string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!ShouldProcess(full, "Write synthetic sample dataset")) return;
            var progress = new ProgressRecord(1, "New-XSampleDataset", $"Writing {full}");
            RunWithProgress(() => ZarrWriter.Save(ds, full, new SaveOptions
            {
                Mode = Force ? "w" : "w-",
                BaseDirectory = CurrentDirectory,
                Progress = ReportProgress,
                DefaultCompressor = "blosc-lz4",
            }), progress);
            WriteObject(DatasetOpener.Open(full));
        }, Path);
    }

    private static (double, double) Range(double[] values, string parameter)
    {
        if (values.Length == 0)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidRange", $"-{parameter} needs two numbers (or a range such as 10..40).", parameter);
        return (values.Min(), values.Max());
    }
}
