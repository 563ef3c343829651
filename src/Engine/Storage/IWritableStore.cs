namespace ZarrPS.Engine.Storage;

/// <summary>A store that can be written. Each <see cref="Set"/> is atomic: readers see the old value or the new, never a part.</summary>
public interface IWritableStore : IListableStore
{
    /// <summary>Writes a value, replacing any old one.</summary>
    void Set(string key, ReadOnlySpan<byte> value);

    /// <summary>Deletes a value; false when it did not exist.</summary>
    bool Delete(string key);

    /// <summary>Deletes every key under <paramref name="prefix"/> ("" deletes everything in the store).</summary>
    void DeletePrefix(string prefix);
}
