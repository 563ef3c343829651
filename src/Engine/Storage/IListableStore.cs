namespace ZarrPS.Engine.Storage;

/// <summary>A store whose keys can be listed.</summary>
public interface IListableStore : IReadableStore
{
    /// <summary>Every key under <paramref name="prefix"/> (recursively), in ordinal order.</summary>
    IEnumerable<string> List(string prefix = "");

    /// <summary>
    /// The immediate children of <paramref name="prefix"/> (which is "" or ends with '/'): keys that are values,
    /// and prefixes (ending with '/') that hold more keys.
    /// </summary>
    StoreListing ListDir(string prefix = "");
}

/// <summary>The result of <see cref="IListableStore.ListDir"/>.</summary>
/// <param name="Keys">Full keys of values directly under the prefix.</param>
/// <param name="Prefixes">Full prefixes (ending in '/') directly under the prefix.</param>
public sealed record StoreListing(IReadOnlyList<string> Keys, IReadOnlyList<string> Prefixes);
