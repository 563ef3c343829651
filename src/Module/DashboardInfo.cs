namespace ZarrPS.Module;

/// <summary>A running dashboard: its link (with the token when one is needed), address and port.</summary>
/// <param name="Url">The link to open.</param>
/// <param name="Address">The address it listens on.</param>
/// <param name="Port">The port it listens on.</param>
/// <param name="Token">The token a non-loopback binding requires, else null.</param>
/// <param name="AspNetCore">Where ASP.NET Core was loaded from, when the process did not have it.</param>
public sealed record DashboardInfo(string Url, string Address, int Port, string? Token, string? AspNetCore)
{
    /// <inheritdoc />
    public override string ToString() => Url;
}
