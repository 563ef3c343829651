namespace ZarrPS.Dashboard;

/// <summary>Where the dashboard listens.</summary>
public sealed class DashboardOptions
{
    /// <summary>The address to bind: loopback by default; any other address requires a token.</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>The TCP port (0: any free port).</summary>
    public int Port { get; init; } = 8787;

    /// <summary>The token a non-loopback binding requires (default: a new random one).</summary>
    public string? Token { get; init; }
}
