using System.Management.Automation;
using ZarrPS.Engine;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Skill;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Scores a forecast against an observation with xskillscore's metrics over named dimensions.</para>
/// <para type="description">Deterministic metrics (-Metric rmse, mse, mae, me, median_absolute_error, mape, smape, r2, pearson_r,
/// pearson_r_p_value, pearson_r_eff_p_value, spearman_r, spearman_r_p_value, spearman_r_eff_p_value, effective_sample_size,
/// linslope), with xskillscore's formulas: the observation is the truth (xskillscore's a). Inputs are aligned by their coordinate
/// labels and broadcast; -Dim names the dimensions reduced (default: all), so -Dim time gives a latitude x longitude field per
/// metric. -Weights (non-negative; scaled by their maximum) weight the metrics that take weights; -SkipNa drops pairs where
/// either value is NaN (otherwise NaN makes the result NaN, as xskillscore's default). The result is a Dataset with one variable
/// per metric, computed out-of-core under -MaxMemory unless -Lazy.</para>
/// </summary>
/// <example><code>Measure-XSkill -Observation $era5['t2m'] -Forecast $pred['t2m'] -Metric rmse, pearson_r -Dim time</code></example>
[Cmdlet(VerbsDiagnostic.Measure, "XSkill")]
[OutputType(typeof(Dataset))]
public sealed class MeasureXSkillCommand : ComputeCmdlet
{
    /// <summary><para type="description">The observation (truth): a DataArray, or a Dataset.</para></summary>
    [Parameter(Mandatory = true, Position = 0)]
    public object Observation { get; set; } = null!;

    /// <summary><para type="description">The forecast: a DataArray, or a Dataset (variables matched by name).</para></summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    public object Forecast { get; set; } = null!;

    /// <summary><para type="description">Metric names (see the description); default rmse.</para></summary>
    [Parameter]
    [ArgumentCompleter(typeof(SkillMetricCompleter))]
    public string[] Metric { get; set; } = ["rmse"];

    /// <summary><para type="description">Dimensions to reduce (default: every dimension).</para></summary>
    [Parameter]
    public string[]? Dim { get; set; }

    /// <summary><para type="description">Weights on some of the inputs' dimensions (e.g. cos(latitude)); non-negative.</para></summary>
    [Parameter]
    public DataArray? Weights { get; set; }

    /// <summary><para type="description">Drop pairs where the observation or the forecast is NaN (xskillscore's skipna=True).</para></summary>
    [Parameter]
    public SwitchParameter SkipNa { get; set; }

    /// <summary><para type="description">Copy the observation's attributes to each metric.</para></summary>
    [Parameter]
    public SwitchParameter KeepAttrs { get; set; }

    /// <summary><para type="description">Categorical scores from a contingency table (xskillscore's Contingency): -Metric names
    /// table, hits, misses, false_alarms, correct_negatives, hit_rate, false_alarm_ratio, false_alarm_rate, success_ratio, threat_score,
    /// equitable_threat_score, odds_ratio, odds_ratio_skill_score, bias_score, accuracy, heidke_score, peirce_score, gerrity_score.</para></summary>
    [Parameter]
    public SwitchParameter Contingency { get; set; }

    /// <summary><para type="description">Category edges of the observation (np.histogram bins: [e0, e1), …, the last closed).</para></summary>
    [Parameter]
    public double[]? ObservationEdges { get; set; }

    /// <summary><para type="description">Category edges of the forecast (default: the observation's).</para></summary>
    [Parameter]
    public double[]? ForecastEdges { get; set; }

    /// <summary><para type="description">Yes/no events: "yes" where a value is at least the threshold (edges -inf, threshold, +inf); implies -Contingency.</para></summary>
    [Parameter]
    public double? Threshold { get; set; }

    /// <summary><para type="description">Return the lazy result without computing it.</para></summary>
    [Parameter]
    public SwitchParameter Lazy { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        NonTerminating(() =>
        {
            object obs = Observation is PSObject p ? p.BaseObject : Observation;
            object fct = Forecast is PSObject q ? q.BaseObject : Forecast;
            var pairs = Pairs(obs, fct);
            Dataset result;
            if (pairs.Count == 1)
            {
                result = Score(pairs[0].Obs, pairs[0].Fct);
            }
            else
            {
                // Several variables: one Dataset, the metrics named <variable>_<metric>.
                var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
                var coords = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (name, o, f) in pairs)
                {
                    var one = Score(o, f);
                    foreach (var c in one.Coords) { vars.TryAdd(c, one.Variables[c]); coords.Add(c); }
                    foreach (var m in one.DataVars) vars[$"{name}_{m}"] = one.Variables[m];
                }
                result = new Dataset(vars, coords);
            }
            if (!Lazy) result = Run("Measure-XSkill", () => result.Compute(Options($"skill {string.Join(", ", Metric)} over {string.Join(", ", Dim ?? ["all"])}")));
            WriteObject(result);
        }, Forecast);
    }

    private Dataset Score(DataArray obs, DataArray fct)
    {
        if (!Contingency && Threshold is null && ObservationEdges is null)
            return SkillScores.Deterministic(obs, fct, Metric, Dim, Weights, SkipNa.IsPresent, KeepAttrs.IsPresent);
        if (Weights is not null)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedWeights", "Contingency tables count events and take no -Weights (as in xskillscore).");
        double[]? edges = Threshold is { } t ? [double.NegativeInfinity, t, double.PositiveInfinity] : ObservationEdges;
        if (edges is null)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "MissingEdges", "-Contingency needs -ObservationEdges (and optionally -ForecastEdges) or -Threshold.");
        var metrics = MyInvocation.BoundParameters.ContainsKey(nameof(Metric)) ? Metric : ["table"];
        return SkillScores.Contingency(obs, fct, metrics, edges, Threshold is null ? ForecastEdges ?? edges : edges, Dim, KeepAttrs.IsPresent);
    }

    private static List<(string Name, DataArray Obs, DataArray Fct)> Pairs(object obs, object fct)
    {
        switch (obs, fct)
        {
            case (DataArray o, DataArray f):
                return [(o.Name ?? "", o, f)];
            case (Dataset o, Dataset f):
            {
                var common = o.DataVars.Where(f.DataVars.Contains).ToArray();
                if (common.Length == 0)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "NoCommonVariables",
                        $"The observation ({string.Join(", ", o.DataVars)}) and the forecast ({string.Join(", ", f.DataVars)}) have no data variable in common.");
                return common.Select(n => (n, o[n], f[n])).ToList();
            }
            case (Dataset o, DataArray f):
                return [(f.Name ?? "", One(o, f.Name, "observation"), f)];
            case (DataArray o, Dataset f):
                return [(o.Name ?? "", o, One(f, o.Name, "forecast"))];
            default:
                throw new ZarrPSException(ErrorKind.InvalidArgument, "NotADataset",
                    $"Measure-XSkill compares DataArrays or Datasets, not {obs.GetType().Name} and {fct.GetType().Name}.");
        }
    }

    private static DataArray One(Dataset ds, string? name, string role)
    {
        if (name is not null && ds.DataVars.Contains(name)) return ds[name];
        if (ds.DataVars.Count == 1) return ds[ds.DataVars[0]];
        throw new ZarrPSException(ErrorKind.InvalidArgument, "AmbiguousVariable",
            $"The {role} Dataset has several variables ({string.Join(", ", ds.DataVars)}) and none is called '{name}'; pick one with ['name'].", name);
    }
}
