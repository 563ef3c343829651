using System.Management.Automation;
using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Tests.Dashboard;

/// <summary>Start-XDashboard's JSON API against Get-XComputeStat for the same compute, in a hosted runspace.</summary>
[Collection("dashboard")]
public class DashboardApiTests
{
    [Fact]
    public void JsonApiMatchesGetXComputeStat()
    {
        using var s = new DashboardSession();
        string url = (string)s.Value("(Start-XDashboard -Port 0).Url")!;
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/status$", url);
        string api = url.Replace("/status", "/api", StringComparison.Ordinal);

        s.Run(DashboardSession.MeanScript);
        var stat = (PSObject)s.Run("Get-XComputeStat").Single();
        JsonNode status = s.Get(api + "/status");
        JsonNode last = status["last"]!;

        double Num(string name) => Convert.ToDouble(stat.Properties[name].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((string)stat.Properties["Operation"].Value, (string)last["operation"]!);
        foreach (var (json, ps) in new[]
                 {
                     ("tasks", "Tasks"), ("tasksTotal", "TasksTotal"), ("chunksRead", "ChunksRead"), ("bytesRead", "BytesRead"),
                     ("bytesDecoded", "BytesDecoded"), ("peakMemory", "PeakMemory"), ("peakProcessMemory", "PeakProcessMemory"),
                     ("memoryBudget", "MemoryBudget"), ("workers", "Workers"),
                 })
            Assert.True(Num(ps) == (double)last[json]!, $"{json}: API {last[json]} vs Get-XComputeStat {Num(ps)}");
        Assert.Equal(((TimeSpan)stat.Properties["Elapsed"].Value).TotalSeconds, (double)last["elapsedSeconds"]!);
        Assert.Equal(((TimeSpan)stat.Properties["IoTime"].Value).TotalSeconds, (double)last["ioSeconds"]!);
        Assert.Equal(((TimeSpan)stat.Properties["DecodeTime"].Value).TotalSeconds, (double)last["decodeSeconds"]!);
        Assert.True(Num("Tasks") > 1, "the mean should run several chunk tasks");
        Assert.Empty(status["running"]!.AsArray());
        Assert.Equal(s.Run("Get-XComputeStat -All").Count, status["recent"]!.AsArray().Count);

        // The task stream holds every task of that computation, each on a worker, with its time span and bytes.
        string op = (string)last["operation"]!;
        var tasks = s.Get(api + "/tasks")["tasks"]!.AsArray().Where(t => (string)t!["operation"]! == op).ToArray();
        Assert.Equal((long)Num("Tasks"), tasks.Length);
        Assert.All(tasks, t =>
        {
            Assert.Equal("compute", (string)t!["kind"]!);
            Assert.True((int)t["worker"]! > 0);
            Assert.True((double)t["end"]! >= (double)t["start"]!);
            Assert.True((long)t["bytes"]! > 0);
        });
        // Inside them: the reads and decodes of the stored chunks, as many as Get-XComputeStat counted.
        var phases = s.Get(api + "/tasks")["phases"]!.AsArray();
        Assert.Equal((long)Num("ChunksRead"), phases.Count(p => (string)p!["kind"]! == "read"));
        Assert.Equal((long)Num("BytesDecoded"), phases.Where(p => (string)p!["kind"]! == "decode").Sum(p => (long)p!["bytes"]!));

        // Workers: busy time and task counts add up to the stream's.
        var workers = s.Get(api + "/workers")["workers"]!.AsArray();
        Assert.Equal(tasks.Length, workers.Sum(w => (long)w!["byKind"]!["compute"]!));
        Assert.All(workers, w => Assert.True((double)w!["busySeconds"]! > 0));

        // Memory: the budget the computation ran under when idle is the session's; RSS is the process's.
        JsonNode memory = s.Get(api + "/memory");
        Assert.True((long)memory["now"]!["rss"]! > 10L << 20);
        Assert.Equal(0L, (long)memory["now"]!["inFlight"]!);
        Assert.True((long)memory["peakRss"]! >= (long)memory["now"]!["rss"]!);

        // Graph: the computation's graph, small enough to be drawn: a reduction over the stored array.
        JsonNode graph = s.Get(api + "/graph");
        Assert.Equal(op, (string)graph["operation"]!);
        Assert.False((bool)graph["summarised"]!);
        var nodes = graph["nodes"]!.AsArray();
        Assert.Equal((int)graph["nodeCount"]!, nodes.Count);
        var reduce = nodes.Single(n => (string)n!["kind"]! == "reduce");
        Assert.Equal(new long[] { 90, 180 }, reduce!["shape"]!.AsArray().Select(x => (long)x!).ToArray());
        Assert.Contains(nodes, n => n!["inputs"]!.AsArray().Count == 0);
    }

    [Fact]
    public void ImportingTheModuleLoadsNoAspNetCore()
    {
        using var s = new DashboardSession();
        // Another session may have started one in this process: look at what a fresh import needs, in a child process.
        string script = "Import-Module '" + RepoPaths.ModuleManifest + "'; $null = Get-Command Start-XDashboard; " +
                        "[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -match 'AspNetCore|ZarrPS.Dashboard' } | ForEach-Object { $_.GetName().Name }";
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { RepoPaths.HostAssembly, "-Command", script }) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        Assert.Equal("", output.Trim());
    }

    [Fact]
    public void FindsTheAspNetCoreFrameworkInADotnetInstallAndSaysWhatIsMissing()
    {
        using var s = new DashboardSession();
        string root = Directory.CreateTempSubdirectory("zarrps-dotnet-").FullName;
        try
        {
            var found = s.Value($"[ZarrPS.Module.AspNetCoreFramework]::Find([string[]]'{root}', [version]'10.0.5')");
            Assert.Null(found);
            foreach (string v in new[] { "9.0.4", "10.0.1", "10.0.12", "11.0.0" })
            {
                string dir = Path.Combine(root, "shared", "Microsoft.AspNetCore.App", v);
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, "Microsoft.AspNetCore.dll"), "");
            }
            found = s.Value($"[ZarrPS.Module.AspNetCoreFramework]::Find([string[]]'{root}', [version]'10.0.5')");
            Assert.Equal(Path.Combine(root, "shared", "Microsoft.AspNetCore.App", "10.0.12"), found);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
