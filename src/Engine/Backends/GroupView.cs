using ZarrPS.Engine.Formats;

namespace ZarrPS.Engine.Backends;

/// <summary>
/// One group of a file whose reader lists nested groups as paths ("grp1/T"): the variables of that group alone,
/// with the group prefix taken off their names and dimensions, as xarray's open_dataset(group=...) shows them.
/// </summary>
internal sealed class GroupView : IDatasetSource
{
    private readonly IDatasetSource _inner;

    public GroupView(IDatasetSource inner, string? group)
    {
        _inner = inner;
        string prefix = string.IsNullOrEmpty(group) ? "" : group.Trim('/') + "/";
        string Strip(string n) => prefix.Length > 0 && n.StartsWith(prefix, StringComparison.Ordinal) ? n[prefix.Length..] : n;
        bool InGroup(string n) => prefix.Length == 0 ? !n.Contains('/') : n.StartsWith(prefix, StringComparison.Ordinal) && !n[prefix.Length..].Contains('/');
        var vars = inner.Variables.Where(v => InGroup(v.Name))
            .Select(v => (IChunkedSource)new NamedSource(v, Strip(v.Name), (v.DimensionNames ?? []).Select(Strip).ToArray())).ToArray();
        if (prefix.Length > 0 && vars.Length == 0 && !inner.Variables.Any(v => v.Name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var groups = inner.Variables.Where(v => v.Name.Contains('/')).Select(v => v.Name[..v.Name.LastIndexOf('/')]).Distinct().Order();
            throw new ZarrPSException(ErrorKind.NotFound, "GroupNotFound",
                $"'{inner.Location}' has no group '{group}' (groups: {string.Join(", ", groups.DefaultIfEmpty("none"))}).", group);
        }
        Variables = vars;
        var used = new HashSet<string>(vars.SelectMany(v => v.DimensionNames ?? []), StringComparer.Ordinal);
        Dimensions = inner.Dimensions.Where(d => used.Contains(Strip(d.Name)) && (InGroup(d.Name) || !d.Name.Contains('/')))
            .Select(d => d with { Name = Strip(d.Name) }).GroupBy(d => d.Name).Select(g => g.First()).ToArray();
        Attributes = prefix.Length == 0 ? inner.Attributes : GroupAttributes(inner, group!) ?? new OrderedDictionary<string, object?>(StringComparer.Ordinal);
    }

    private static OrderedDictionary<string, object?>? GroupAttributes(IDatasetSource inner, string group) =>
        inner is Formats.NetCdf4.NetCdf4File f && f.GroupAttributes.TryGetValue(group.Trim('/'), out var a) ? a : null;

    public string Location => _inner.Location;
    public IReadOnlyList<DimensionInfo> Dimensions { get; }
    public IReadOnlyList<IChunkedSource> Variables { get; }
    public OrderedDictionary<string, object?> Attributes { get; }
    public void Dispose() => _inner.Dispose();
}
