using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Tests.Dashboard;

/// <summary>
/// A hosted runspace with the built module imported (as in pwsh: the test process has no ASP.NET Core framework, so
/// Start-XDashboard finds it in the dotnet install), an HTTP client, and the dashboard stopped at the end.
/// </summary>
public sealed class DashboardSession : IDisposable
{
    private readonly Runspace _runspace;

    public DashboardSession()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(RepoPaths.ModuleManifest);
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    /// <summary>Runs a script; any error fails the test with its message.</summary>
    public Collection<PSObject> Run(string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        var output = ps.Invoke();
        if (ps.HadErrors)
            throw new Xunit.Sdk.XunitException($"script failed: {script}\n" + string.Join("\n", ps.Streams.Error.Select(e => e.ToString())));
        return output;
    }

    /// <summary>Runs a script and returns its single output's base object.</summary>
    public object? Value(string script) => Run(script).Select(o => o?.BaseObject).SingleOrDefault();

    /// <summary>The script for a mean over time of coads' SST (several chunk tasks).</summary>
    public static string MeanScript =>
        $"$null = (Open-XDataset '{Support.Fixtures.PathOf("xarray-zarr/coads.zarr")}')['SST'] | Measure-XData -Mean -Dim TIME -MaxParallelism 2";

    /// <summary>Sends a request (blocking, cancelled with the test), configured by <paramref name="configure"/>.</summary>
    public HttpResponseMessage Send(HttpMethod method, string url, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, url);
        configure?.Invoke(request);
        return Http.Send(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A GET request's response.</summary>
    public HttpResponseMessage GetResponse(string url) => Send(HttpMethod.Get, url);

    /// <summary>A response's body.</summary>
    public static string Body(HttpResponseMessage response) => response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    public JsonNode Get(string url)
    {
        string text = Http.GetStringAsync(url).GetAwaiter().GetResult();
        return JsonNode.Parse(text) ?? throw new Xunit.Sdk.XunitException($"{url} returned no JSON");
    }

    public void Dispose()
    {
        try
        {
            Run("Stop-XDashboard");
        }
        finally
        {
            _runspace.Dispose();
            Http.Dispose();
        }
    }
}
