using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Tests.Dashboard;

/// <summary>
/// Headless Chromium driven over the DevTools protocol (a WebSocket to --remote-debugging-port): navigate, evaluate
/// script in the page, wait for a condition, take a screenshot. Needs nothing but the browser.
/// </summary>
public sealed class Chromium : IDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly StringBuilder _log = new();
    private int _id;

    /// <summary>The browser, when installed: $CHROMIUM_PATH, else Debian's /usr/bin/chromium.</summary>
    public static string? Executable =>
        new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    public Chromium(int width = 1280, int height = 800)
    {
        string exe = Executable ?? throw new InvalidOperationException("chromium is not installed");
        _profile = Directory.CreateTempSubdirectory("zarrps-chromium-").FullName;
        var psi = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                     "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={_profile}",
                     $"--window-size={width},{height}", "about:blank",
                 })
            psi.ArgumentList.Add(a);
        _process = Process.Start(psi)!;
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Chromium writes its endpoint to stderr; the pipes are drained for good, or a full pipe would block it.
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_log) if (_log.Length < 20_000) _log.AppendLine(e.Data);
            const string marker = "DevTools listening on ";
            int at = e.Data.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) endpoint.TrySetResult(e.Data[(at + marker.Length)..].Trim());
        };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        if (!endpoint.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            Dispose();
            throw new InvalidOperationException("chromium did not report its DevTools endpoint within 60 s:\n" + Log);
        }
        var browser = new Uri(endpoint.Task.Result);
        using var http = new HttpClient();
        var targets = JsonNode.Parse(http.GetStringAsync($"http://{browser.Authority}/json/list").GetAwaiter().GetResult())!.AsArray();
        string pageSocket = (string)targets.First(t => (string)t!["type"]! == "page")!["webSocketDebuggerUrl"]!;
        _socket.ConnectAsync(new Uri(pageSocket), CancellationToken.None).GetAwaiter().GetResult();
        Send("Page.enable");
        Send("Runtime.enable");
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>Calls a DevTools method and returns its result (events that arrive meanwhile are skipped).</summary>
    public JsonNode Send(string method, JsonObject? parameters = null)
    {
        int id = ++_id;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None).GetAwaiter().GetResult();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var text = new MemoryStream();
            WebSocketReceiveResult r;
            do
            {
                r = _socket.ReceiveAsync(buffer, timeout.Token).GetAwaiter().GetResult();
                text.Write(buffer, 0, r.Count);
            } while (!r.EndOfMessage);
            var reply = JsonNode.Parse(text.ToArray())!;
            if (reply["id"] is null || (int)reply["id"]! != id) continue;
            if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return reply["result"]!;
        }
    }

    /// <summary>Opens <paramref name="url"/> and waits for the document to load.</summary>
    public void Navigate(string url)
    {
        var r = Send("Page.navigate", new JsonObject { ["url"] = url });
        if (r["errorText"] is { } err) throw new InvalidOperationException($"navigating to {url}: {err}");
        WaitFor("document.readyState === 'complete'", TimeSpan.FromSeconds(30));
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page (promises awaited) and returns its value.</summary>
    public JsonNode? Evaluate(string expression)
    {
        var r = Send("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (r["exceptionDetails"] is { } ex) throw new InvalidOperationException($"script error in '{expression}': {ex.ToJsonString()}");
        return r["result"]?["value"];
    }

    /// <summary>Waits until <paramref name="condition"/> is truthy in the page; fails with the page's text when it never is.</summary>
    public void WaitFor(string condition, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var v = Evaluate($"!!({condition})");
            if (v is not null && (bool)v) return;
            if (sw.Elapsed > timeout)
                throw new Xunit.Sdk.XunitException($"waited {timeout.TotalSeconds:F0} s for: {condition}\npage text: {Evaluate("document.body ? document.body.innerText : ''")}");
            Thread.Sleep(100);
        }
    }

    /// <summary>Saves a PNG of the viewport to <paramref name="path"/>.</summary>
    public void Screenshot(string path)
    {
        var r = Send("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        File.WriteAllBytes(path, Convert.FromBase64String((string)r["data"]!));
    }

    public void Dispose()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).Wait(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is WebSocketException or AggregateException) { }
        _socket.Dispose();
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
