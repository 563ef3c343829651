using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Tests.Dashboard;

/// <summary>
/// End to end: the dashboard in a hosted session, a compute in that session, every page loaded in headless Chromium
/// (DevTools protocol), waiting for the live task stream to show the tasks, with assertions on what the pages show.
/// </summary>
[Collection("dashboard")]
public class DashboardBrowserTests
{
    [Fact]
    public void PagesShowTheSessionsComputationsLive()
    {
        if (Chromium.Executable is null)
            Assert.Skip("chromium is not installed (/usr/bin/chromium or $CHROMIUM_PATH): apt-get install -y chromium (./zarrps test installs it).");
        string shots = Path.Combine(RepoPaths.Root, "out", "test-artifacts", "dashboard");
        Directory.CreateDirectory(shots);
        string store = Path.Combine(Path.GetTempPath(), $"zarrps-dashboard-e2e-{Environment.ProcessId}.zarr");

        using var s = new DashboardSession();
        string url = (string)s.Value("(Start-XDashboard -Port 0).Url")!;
        string site = url[..url.IndexOf("/status", StringComparison.Ordinal)];
        using var browser = new Chromium(1280, 720);
        try
        {
            // The task stream page is open before anything runs: the tasks must arrive live, without a reload.
            browser.Navigate(site + "/tasks");
            browser.WaitFor("document.getElementById('live').textContent === 'live'", TimeSpan.FromSeconds(30));
            Assert.Contains("No task yet", (string)browser.Evaluate("document.body.innerText")!);
            Assert.Equal("Task stream", (string)browser.Evaluate("document.querySelector('nav a.active').textContent")!);

            string fixture = Support.Fixtures.PathOf("xarray-zarr/coads.zarr");
            s.Run($"$ds = Open-XDataset '{fixture}' -Chunks @{{ TIME = 1 }}; $null = $ds['SST'] | Measure-XData -Mean -Dim TIME -MaxParallelism 2");
            s.Run($"$null = $ds | Save-XDataset -Path '{store}' -Force -MaxParallelism 2");
            var stats = s.Run("Get-XComputeStat -All").TakeLast(2).Select(o => (long)o.Properties["Tasks"].Value).ToArray();
            long mean = stats[0], save = stats[1];
            Assert.Equal(12, mean);

            browser.WaitFor($"document.querySelectorAll('#taskstream rect.task').length >= {mean + save}", TimeSpan.FromSeconds(30));
            Assert.Equal(mean, (long)(double)browser.Evaluate("document.querySelectorAll('#taskstream rect.task[data-kind=compute]').length")!);
            Assert.Equal(save, (long)(double)browser.Evaluate("document.querySelectorAll('#taskstream rect.task[data-kind=write]').length")!);
            // The steps inside the tasks, coloured by kind: reads and decodes of stored chunks, encodes and writes of new ones.
            foreach (string kind in new[] { "read", "decode", "encode", "write" })
                Assert.True((double)browser.Evaluate($"document.querySelectorAll('#taskstream rect.phase[data-kind={kind}]').length")! > 0, $"no {kind} step drawn");
            Assert.Equal("rgb(89, 161, 79)", (string)browser.Evaluate("getComputedStyle(document.querySelector('rect.task[data-kind=compute]')).fill")!);
            Assert.Equal("rgb(78, 121, 167)", (string)browser.Evaluate("getComputedStyle(document.querySelector('rect.phase[data-kind=read]')).fill")!);
            Assert.Matches($"^{mean + save} tasks finished, 0 running, on [12] workers", (string)browser.Evaluate("document.getElementById('task-summary').textContent")!);
            Assert.Contains("worker 1", (string)browser.Evaluate("document.getElementById('taskstream').textContent")!);
            Shot(browser, shots, "tasks");

            browser.Navigate(site + "/status");
            browser.WaitFor("document.querySelectorAll('#recent tr.op-row').length >= 2", TimeSpan.FromSeconds(30));
            string status = (string)browser.Evaluate("document.getElementById('recent').innerText")!;
            Assert.Contains("mean over TIME", status);
            Assert.Contains("save to", status);
            Assert.Contains("Nothing is computing.", (string)browser.Evaluate("document.body.innerText")!);
            Shot(browser, shots, "status");

            browser.Navigate(site + "/memory");
            browser.WaitFor("document.querySelectorAll('#memory-chart polyline').length === 2", TimeSpan.FromSeconds(30));
            JsonNode memory = s.Get(site + "/api/memory");
            Assert.Matches(@"^0\.0 MiB of [\d.]+ [MG]iB \(0 %\)$", (string)browser.Evaluate("document.getElementById('in-flight').textContent")!);
            double rss = double.Parse(((string)browser.Evaluate("document.getElementById('rss').textContent")!).Replace(" MiB", ""), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(rss * 1048576, (long)memory["now"]!["rss"]! * 0.5, (long)memory["now"]!["rss"]! * 2.0);
            Shot(browser, shots, "memory");

            browser.Navigate(site + "/workers");
            browser.WaitFor("document.querySelectorAll('#workers tr.worker-row').length >= 1", TimeSpan.FromSeconds(30));
            double shown = (double)browser.Evaluate("[...document.querySelectorAll('#workers tr.worker-row')].reduce((a, r) => a + Number(r.cells[1].textContent), 0)")!;
            Assert.Equal(mean + save, (long)shown);
            Shot(browser, shots, "workers");

            browser.Navigate(site + "/graph");
            JsonNode graph = s.Get(site + "/api/graph");
            Assert.StartsWith("save to", (string)graph["operation"]!);
            browser.WaitFor("document.getElementById('graph-summary') !== null", TimeSpan.FromSeconds(30));
            Assert.StartsWith((string)graph["operation"]!, (string)browser.Evaluate("document.getElementById('graph-summary').textContent")!);
            if ((bool)graph["summarised"]!)
                Assert.True((double)browser.Evaluate("document.querySelectorAll('#graph-kinds tr').length")! > 1);
            else
                Assert.Equal((int)graph["nodeCount"]!, (int)(double)browser.Evaluate("document.querySelectorAll('#graph g.node').length")!);
            Shot(browser, shots, "graph");
        }
        catch (Exception) when (WriteLog(browser))
        {
            throw;
        }
        finally
        {
            if (Directory.Exists(store)) Directory.Delete(store, recursive: true);
        }
    }

    private static bool WriteLog(Chromium browser)
    {
        TestContext.Current.SendDiagnosticMessage("chromium log:\n" + browser.Log);
        return false;
    }

    private static void Shot(Chromium browser, string dir, string page)
    {
        string path = Path.Combine(dir, page + ".png");
        browser.Screenshot(path);
        var head = File.ReadAllBytes(path).AsSpan(0, 8).ToArray();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, head);
        Assert.True(new FileInfo(path).Length > 10_000, $"{path} is too small to show the page");
    }
}
