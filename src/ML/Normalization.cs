using ZarrPS.Engine;
using ZarrPS.Engine.Model;

namespace ZarrPS.ML;

/// <summary>Per-variable mean and standard deviation, computed out-of-core by the engine's streaming reductions.</summary>
public sealed record Normalization(string[] Variables, double[] Mean, double[] Std)
{
    /// <summary>Mean and standard deviation (NaN skipped) of each variable over the whole dataset.</summary>
    public static Normalization Compute(Dataset ds, IReadOnlyList<string> variables)
    {
        var mean = new double[variables.Count];
        var std = new double[variables.Count];
        for (int i = 0; i < variables.Count; i++)
        {
            var da = ds[variables[i]];
            mean[i] = Convert.ToDouble(da.Mean().Values, System.Globalization.CultureInfo.InvariantCulture);
            std[i] = Convert.ToDouble(da.Std().Values, System.Globalization.CultureInfo.InvariantCulture);
            if (double.IsNaN(mean[i]))
                throw new ZarrPSException(ErrorKind.InvalidData, "AllNaN", $"Variable '{variables[i]}' has no valid (non-NaN) values.", variables[i]);
            if (!(std[i] > 0)) std[i] = 1;
        }
        return new Normalization(variables.ToArray(), mean, std);
    }

    /// <summary>No change (mean 0, std 1).</summary>
    public static Normalization None(IReadOnlyList<string> variables) =>
        new(variables.ToArray(), new double[variables.Count], Enumerable.Repeat(1.0, variables.Count).ToArray());
}
