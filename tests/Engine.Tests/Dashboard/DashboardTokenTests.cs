using System.Net;

namespace ZarrPS.Engine.Tests.Dashboard;

/// <summary>A non-loopback dashboard refuses requests without its token; nothing is served but GET and HEAD.</summary>
[Collection("dashboard")]
public class DashboardTokenTests
{
    [Fact]
    public void NonLoopbackBindingRefusesRequestsWithoutItsToken()
    {
        using var s = new DashboardSession();
        var info = s.Run("Start-XDashboard -Port 0 -Address 0.0.0.0 -WarningVariable w; $w").ToArray();
        var d = Info(info[0]);
        Assert.NotNull(d.Token);
        Assert.True(d.Token!.Length >= 32);
        Assert.EndsWith("/status?token=" + d.Token, d.Url);
        Assert.Contains("requests need the token", info[1].ToString());
        string site = $"http://127.0.0.1:{d.Port}";

        var none = s.GetResponse(site + "/api/status");
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        Assert.Contains("requires its token", DashboardSession.Body(none));
        Assert.Equal(HttpStatusCode.Forbidden, s.GetResponse(site + "/status").StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, s.GetResponse(site + "/api/events").StatusCode);
        var wrong = s.GetResponse(site + "/api/status?token=" + new string('0', d.Token.Length));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Contains("not this dashboard's", DashboardSession.Body(wrong));

        // The printed link works, and leaves a cookie for the page's own requests.
        var ok = s.GetResponse(site + "/api/status?token=" + d.Token);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        string cookie = ok.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith("zarrps_dashboard=" + d.Token, cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, s.Send(HttpMethod.Get, site + "/api/memory", r => r.Headers.Add("Cookie", "zarrps_dashboard=" + d.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, s.Send(HttpMethod.Get, site + "/api/workers",
            r => r.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", d.Token)).StatusCode);

        // No endpoint changes state: other methods are refused even with the token.
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            var r = s.Send(method, site + "/api/status?token=" + d.Token);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, r.StatusCode);
            Assert.Equal("GET, HEAD", string.Join(", ", r.Content.Headers.Allow));
        }
    }

    [Fact]
    public void LoopbackBindingServesOnlyRequestsAddressedToLocalhost()
    {
        using var s = new DashboardSession();
        var d = Info(s.Run("Start-XDashboard -Port 0").Single());
        Assert.Null(d.Token);
        Assert.Equal("127.0.0.1", d.Address);
        string site = $"http://127.0.0.1:{d.Port}";
        Assert.Equal(HttpStatusCode.OK, s.GetResponse(site + "/api/status").StatusCode);
        var r = s.Send(HttpMethod.Get, site + "/api/status", m => m.Headers.Host = "attacker.example");
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        // A second Start-XDashboard returns the running one; after Stop-XDashboard the port is closed.
        var again = Info(s.Run("Start-XDashboard -Port 0 -WarningAction SilentlyContinue").Single());
        Assert.Equal(d.Port, again.Port);
        s.Run("Stop-XDashboard");
        Assert.ThrowsAny<HttpRequestException>(() => s.GetResponse(site + "/api/status"));
    }

    private sealed record Shown(string Url, string Address, int Port, string? Token);

    private static Shown Info(System.Management.Automation.PSObject o) =>
        new((string)o.Properties["Url"].Value, (string)o.Properties["Address"].Value, (int)o.Properties["Port"].Value, (string?)o.Properties["Token"].Value);

    [Fact]
    public void BadAddressIsAnErrorNamingIt()
    {
        using var s = new DashboardSession();
        var e = Assert.ThrowsAny<Exception>(() => s.Run("Start-XDashboard -Address 'not an address'"));
        Assert.Contains("-Address 'not an address' is not an IP address", e.Message);
    }
}
