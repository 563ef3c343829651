using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Writers;

/// <summary>CF encoding of datetime64[ns] variables for writers.</summary>
public static class TimeEncoding
{
    /// <summary>The encoded form of times.</summary>
    /// <param name="Data">Numbers in <paramref name="Units"/>.</param>
    /// <param name="Units">CF units, e.g. "days since 2019-01-01".</param>
    /// <param name="Calendar">CF calendar.</param>
    /// <param name="FillValue">The fill value of NaT entries, if any.</param>
    public sealed record Encoded(ILazyArray Data, string Units, string Calendar, double? FillValue);

    /// <summary>Encodes times; <paramref name="units"/> and <paramref name="calendar"/> default to what xarray infers.</summary>
    public static Encoded Encode(ILazyArray times, string? units, string? calendar, string name) =>
        throw new ZarrPSException(ErrorKind.NotImplemented, "TimeEncodingUnavailable", $"Writing time variable '{name}' is not available yet.", name);
}
