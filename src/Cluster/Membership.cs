using ZarrPS.Engine;

namespace ZarrPS.Cluster;

/// <summary>
/// How silos find each other: development clustering on loopback (the first silo keeps the table), Redis
/// (<c>redis://host:port[,options]</c>) or an ADO.NET database (<c>ado://Invariant?connection string</c>, e.g.
/// <c>ado://Npgsql?Host=db;Database=orleans;Username=u;Password=p</c>; the provider's assembly must be deployed).
/// </summary>
public sealed record Membership(string Kind, string? ConnectionString, string? Invariant)
{
    /// <summary>Development clustering.</summary>
    public static readonly Membership Development = new("dev", null, null);

    /// <summary>Parses "dev", "redis://…" or "ado://…".</summary>
    public static Membership Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Equals("dev", StringComparison.OrdinalIgnoreCase)) return Development;
        if (text.StartsWith("redis://", StringComparison.OrdinalIgnoreCase))
        {
            string cs = text["redis://".Length..];
            if (cs.Length == 0) throw Bad(text, "redis:// needs host:port, e.g. redis://redis1:6379");
            return new Membership("redis", cs, null);
        }
        if (text.StartsWith("ado://", StringComparison.OrdinalIgnoreCase))
        {
            string rest = text["ado://".Length..];
            int q = rest.IndexOf('?');
            if (q <= 0 || q == rest.Length - 1) throw Bad(text, "ado:// needs an ADO.NET invariant and a connection string, e.g. ado://Npgsql?Host=db;Database=orleans");
            return new Membership("ado", rest[(q + 1)..], rest[..q]);
        }
        throw Bad(text, "expected dev, redis://host:port or ado://Invariant?connection-string");
    }

    private static ZarrPSException Bad(string text, string why) =>
        new(ErrorKind.InvalidArgument, "InvalidMembership", $"-Membership '{text}': {why}.", text);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        "redis" => "redis://" + ConnectionString,
        "ado" => $"ado://{Invariant}?…",
        _ => "dev",
    };
}
