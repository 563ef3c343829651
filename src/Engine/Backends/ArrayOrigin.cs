using System.Runtime.CompilerServices;
using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Backends;

/// <summary>
/// Where a variable's lazy data came from: the path and options it was opened with and its name. Lets an executor on
/// another machine (the cluster) open the same data itself instead of receiving its values.
/// </summary>
/// <param name="Path">The path or URL as given to <see cref="DatasetOpener.Open"/>.</param>
/// <param name="Options">The options it was opened with.</param>
/// <param name="Variable">The variable's name in the opened dataset.</param>
public sealed record ArrayOrigin(string Path, OpenOptions Options, string Variable)
{
    private static readonly ConditionalWeakTable<ILazyArray, ArrayOrigin> Origins = new();

    /// <summary>Records that <paramref name="data"/> is variable <paramref name="origin"/> of an opened dataset.</summary>
    public static void Record(ILazyArray data, ArrayOrigin origin) => Origins.AddOrUpdate(data, origin);

    /// <summary>The origin of <paramref name="data"/> when it is a variable of a dataset opened from a path, as opened.</summary>
    public static ArrayOrigin? Of(ILazyArray data) => Origins.TryGetValue(data, out var o) ? o : null;
}
