using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model.Cf;

/// <summary>CF time decoding hook (the calendars live in ZarrPS.Engine.Cf).</summary>
public static class TimeDecoding
{
    /// <summary>The decoded times of <paramref name="data"/>, or null when <paramref name="units"/> are not time units.</summary>
    public static ILazyArray? TryDecode(ILazyArray data, string units, string? calendar, string name) => null;
}
