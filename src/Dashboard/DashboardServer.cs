using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZarrPS.Engine;

namespace ZarrPS.Dashboard;

/// <summary>
/// The live dashboard of this process's computations, served by Kestrel: pages (status, tasks, memory, workers, graph)
/// updated over server-sent events, and the same data as JSON under /api/. Read-only: only GET and HEAD are served.
/// A loopback binding accepts local clients; any other binding requires the token printed at start.
/// </summary>
public sealed class DashboardServer : IDisposable
{
    private const string CookieName = "zarrps_dashboard";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Pages = ["status", "tasks", "memory", "workers", "graph"];

    private readonly WebApplication _app;
    private readonly DashboardMonitor _monitor;
    private readonly byte[]? _token;
    private readonly CancellationTokenSource _stopping = new();

    private DashboardServer(WebApplication app, DashboardMonitor monitor, IPAddress address, string? token)
    {
        _app = app;
        _monitor = monitor;
        Address = address;
        Token = token;
        _token = token is null ? null : Encoding.UTF8.GetBytes(token);
    }

    /// <summary>The address it listens on.</summary>
    public IPAddress Address { get; }

    /// <summary>The port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The token requests must carry (non-loopback bindings only), else null.</summary>
    public string? Token { get; }

    /// <summary>True when it listens only on a loopback address.</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <summary>The link to open (with the token when one is needed), like dask's client.dashboard_link.</summary>
    public string Url
    {
        get
        {
            string host = Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any) ? Dns.GetHostName()
                : Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString();
            return $"http://{host}:{Port}/status" + (Token is null ? "" : "?token=" + Token);
        }
    }

    /// <summary>Starts a dashboard; the error names the address and port when it cannot listen.</summary>
    public static DashboardServer Start(DashboardOptions options)
    {
        if (!IPAddress.TryParse(options.Address == "*" ? "0.0.0.0" : options.Address == "localhost" ? "127.0.0.1" : options.Address, out var address))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidAddress",
                $"-Address '{options.Address}' is not an IP address (use 127.0.0.1, ::1, 0.0.0.0 or the address of one of this machine's interfaces).", options.Address);
        if (options.Port is < 0 or > 65535)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidPort", $"-Port {options.Port} is not a TCP port (0 to 65535).", options.Port);
        string? token = IPAddress.IsLoopback(address) ? null : options.Token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

        // The empty builder: no configuration files, no file watchers, no logging providers, no environment probing.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "ZarrPS.Dashboard" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(address, options.Port);
        });
        var app = builder.Build();
        var monitor = new DashboardMonitor();
        var server = new DashboardServer(app, monitor, address, token);
        app.Run(server.HandleAsync);
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            monitor.Dispose();
            ((IDisposable)app).Dispose();
            throw new ZarrPSException(ErrorKind.InvalidOperation, "CannotListen",
                $"The dashboard cannot listen on {options.Address}:{options.Port}: {e.Message} (is the port in use? -Port 0 takes a free one).", options.Port, e);
        }
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        server.Port = addresses?.Select(a => new Uri(a.Replace("*", "localhost", StringComparison.Ordinal)).Port).FirstOrDefault() ?? options.Port;
        return server;
    }

    /// <summary>Stops listening and ends the live streams.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            _app.StopAsync(TimeSpan.FromSeconds(3)).GetAwaiter().GetResult();
        }
        finally
        {
            _monitor.Dispose();
            _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _stopping.Dispose();
        }
    }

    // ------------------------------------------------------------------------------------------- requests

    private async Task HandleAsync(HttpContext ctx)
    {
        var req = ctx.Request;
        var res = ctx.Response;
        res.Headers["X-Content-Type-Options"] = "nosniff";
        res.Headers["Cache-Control"] = "no-store";
        res.Headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
        res.Headers["Referrer-Policy"] = "no-referrer";

        // Nothing here changes state: every other method is refused before anything else is looked at.
        if (!HttpMethods.IsGet(req.Method) && !HttpMethods.IsHead(req.Method))
        {
            res.Headers.Allow = "GET, HEAD";
            await Text(res, 405, "The ZarrPS dashboard is read-only: only GET and HEAD are served.");
            return;
        }
        if (!Authorised(ctx, out string refusal))
        {
            await Text(res, 403, refusal);
            return;
        }

        string path = req.Path.Value ?? "/";
        if (path is "/" or "")
        {
            res.Redirect("/status");
            return;
        }
        string page = path.Trim('/');
        if (Array.IndexOf(Pages, page) >= 0)
        {
            await Asset(res, "page.html", page);
            return;
        }
        if (path.StartsWith("/static/", StringComparison.Ordinal))
        {
            await Asset(res, path["/static/".Length..], null);
            return;
        }
        long since = long.TryParse(req.Query["since"], out long s) ? s : 0;
        switch (path)
        {
            case "/api/status": await JsonAsync(res, _monitor.Status()); return;
            case "/api/tasks": await JsonAsync(res, _monitor.Tasks(since)); return;
            case "/api/memory": await JsonAsync(res, _monitor.Memory()); return;
            case "/api/workers": await JsonAsync(res, _monitor.Workers()); return;
            case "/api/graph": await JsonAsync(res, (object?)_monitor.Graph() ?? new { nodeCount = 0, operation = (string?)null }); return;
            case "/api/events": await StreamAsync(ctx, since); return;
            case "/api": await JsonAsync(res, new { endpoints = new[] { "/api/status", "/api/tasks?since=SEQ", "/api/memory", "/api/workers", "/api/graph", "/api/events (server-sent events)" } }); return;
        }
        await Text(res, 404, $"Not found: {path}. Pages: /status, /tasks, /memory, /workers, /graph; JSON under /api.");
    }

    // Loopback: only requests that name a local host (a page on another site cannot rebind its name to us).
    // Elsewhere: the token, from ?token= (then kept in a cookie for the page's own requests), the cookie or a bearer header.
    private bool Authorised(HttpContext ctx, out string refusal)
    {
        refusal = "";
        if (_token is null)
        {
            string host = ctx.Request.Host.Host;
            if (host is "localhost" or "127.0.0.1" or "::1" or "[::1]" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)))
                return true;
            refusal = $"Refused: this dashboard listens on loopback and serves only requests addressed to localhost, not to '{host}'.";
            return false;
        }
        string? given = ctx.Request.Query["token"];
        bool fromQuery = given is not null;
        if (given is null && ctx.Request.Cookies.TryGetValue(CookieName, out var cookie)) given = cookie;
        if (given is null && ctx.Request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal))
            given = auth["Bearer ".Length..].Trim();
        if (given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _token))
        {
            if (fromQuery)
                ctx.Response.Cookies.Append(CookieName, given, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            return true;
        }
        refusal = given is null
            ? "Refused: this dashboard listens on a non-loopback address and requires its token; open the link Start-XDashboard printed (…?token=…)."
            : "Refused: the token is not this dashboard's.";
        return false;
    }

    private async Task StreamAsync(HttpContext ctx, long since)
    {
        var res = ctx.Response;
        res.ContentType = "text/event-stream";
        res.Headers["X-Accel-Buffering"] = "no";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping.Token);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var update = _monitor.Update(since);
                since = update.Tasks.Seq;
                await res.WriteAsync("event: update\ndata: " + JsonSerializer.Serialize(update, Json) + "\n\n", stop.Token);
                await res.Body.FlushAsync(stop.Token);
                await Task.Delay(500, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away or the dashboard stopped.
        }
    }

    private static async Task JsonAsync(HttpResponse res, object value)
    {
        res.ContentType = "application/json; charset=utf-8";
        await res.WriteAsync(JsonSerializer.Serialize(value, value.GetType(), Json));
    }

    private static async Task Text(HttpResponse res, int status, string message)
    {
        res.StatusCode = status;
        res.ContentType = "text/plain; charset=utf-8";
        await res.WriteAsync(message + "\n");
    }

    private static async Task Asset(HttpResponse res, string name, string? page)
    {
        var asm = typeof(DashboardServer).Assembly;
        using var stream = name.Contains("..", StringComparison.Ordinal) ? null : asm.GetManifestResourceStream("wwwroot/" + name);
        if (stream is null)
        {
            await Text(res, 404, $"Not found: /static/{name}");
            return;
        }
        res.ContentType = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        if (page is null)
        {
            await stream.CopyToAsync(res.Body);
            return;
        }
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string html = (await reader.ReadToEndAsync()).Replace("{{page}}", page, StringComparison.Ordinal);
        await res.WriteAsync(html);
    }
}
