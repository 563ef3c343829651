using System.Globalization;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Cluster.Contracts;

/// <summary>A <see cref="VariableEncoding"/> in serialisable form (the fill value as text with its kind).</summary>
[GenerateSerializer]
public sealed class EncodingSpec
{
    /// <summary>See <see cref="VariableEncoding.Compressor"/>.</summary>
    [Id(0)] public string? Compressor { get; init; }
    /// <summary>See <see cref="VariableEncoding.Chunks"/>.</summary>
    [Id(1)] public Dictionary<string, long>? Chunks { get; init; }
    /// <summary>See <see cref="VariableEncoding.DType"/>.</summary>
    [Id(2)] public string? DType { get; init; }
    /// <summary>See <see cref="VariableEncoding.ScaleFactor"/>.</summary>
    [Id(3)] public double? ScaleFactor { get; init; }
    /// <summary>See <see cref="VariableEncoding.AddOffset"/>.</summary>
    [Id(4)] public double? AddOffset { get; init; }
    /// <summary>The fill value: "d:&lt;double&gt;", "l:&lt;long&gt;", "u:&lt;ulong&gt;", "b:true|false", "s:&lt;text&gt;", or null.</summary>
    [Id(5)] public string? FillValue { get; init; }
    /// <summary>See <see cref="VariableEncoding.HasFillValue"/>.</summary>
    [Id(6)] public bool HasFillValue { get; init; }
    /// <summary>See <see cref="VariableEncoding.Units"/>.</summary>
    [Id(7)] public string? Units { get; init; }
    /// <summary>See <see cref="VariableEncoding.Calendar"/>.</summary>
    [Id(8)] public string? Calendar { get; init; }
    /// <summary>See <see cref="VariableEncoding.Shards"/>.</summary>
    [Id(9)] public Dictionary<string, long>? Shards { get; init; }

    /// <summary>The spec of <paramref name="e"/>.</summary>
    public static EncodingSpec From(VariableEncoding e) => new()
    {
        Compressor = e.Compressor,
        Chunks = e.Chunks is null ? null : new Dictionary<string, long>(e.Chunks, StringComparer.Ordinal),
        DType = e.DType,
        ScaleFactor = e.ScaleFactor,
        AddOffset = e.AddOffset,
        FillValue = e.FillValue switch
        {
            null => null,
            double or float or Half => "d:" + Convert.ToDouble(e.FillValue is Half h ? (double)h : e.FillValue, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
            ulong u => "u:" + u.ToString(CultureInfo.InvariantCulture),
            bool b => b ? "b:true" : "b:false",
            string s => "s:" + s,
            IConvertible c => "l:" + c.ToInt64(CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            _ => "s:" + e.FillValue,
        },
        HasFillValue = e.HasFillValue,
        Units = e.Units,
        Calendar = e.Calendar,
        Shards = e.Shards is null ? null : new Dictionary<string, long>(e.Shards, StringComparer.Ordinal),
    };

    /// <summary>The encoding again.</summary>
    public VariableEncoding ToEncoding() => new()
    {
        Compressor = Compressor,
        Chunks = Chunks,
        DType = DType,
        ScaleFactor = ScaleFactor,
        AddOffset = AddOffset,
        FillValue = FillValue switch
        {
            null => null,
            ['d', ':', .. var d] => double.Parse(d, CultureInfo.InvariantCulture),
            ['u', ':', .. var u] => ulong.Parse(u, CultureInfo.InvariantCulture),
            ['l', ':', .. var l] => long.Parse(l, CultureInfo.InvariantCulture),
            ['b', ':', .. var b] => b == "true",
            [_, ':', .. var s] => s,
            var other => other,
        },
        HasFillValue = HasFillValue,
        Units = Units,
        Calendar = Calendar,
        Shards = Shards,
    };
}
