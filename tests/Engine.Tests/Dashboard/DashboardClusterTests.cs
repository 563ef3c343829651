using System.Management.Automation;
using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Tests.Dashboard;

/// <summary>
/// With a cluster connected to the session, /api/workers lists its silos as workers beside the local threads: every
/// silo alive, with the tasks the cluster run counted for it; the workers page reads those fields.
/// </summary>
[Collection("dashboard")]
public class DashboardClusterTests
{
    [Fact]
    public void WorkersApiListsTheConnectedClustersSilosWithTheirTaskCounts()
    {
        using var s = new DashboardSession();
        string api = ((string)s.Value("(Start-XDashboard -Port 0).Url")!).Replace("/status", "/api", StringComparison.Ordinal);
        Assert.Empty(s.Get(api + "/workers")["clusters"]!.AsArray());

        // The cluster as the session holds it (read through PowerShell: the module's assemblies are the ones it loaded).
        string clusterId = (string)s.Value("$c = Start-XCluster -Workers 2; $c.ClusterId")!;
        try
        {
            // Connected, no task yet: both silos listed, alive, idle.
            JsonNode Pool() => s.Get(api + "/workers")["clusters"]!.AsArray().Single(c => (string)c!["name"]! == "cluster " + clusterId)!;
            var silos = Pool()["silos"]!.AsArray();
            Assert.Equal(2, silos.Count);
            Assert.All(silos, x =>
            {
                Assert.True((bool)x!["alive"]!);
                Assert.Equal("active", (string)x["status"]!);
                Assert.Equal(0L, (long)x["tasks"]!);
            });

            s.Run($"$null = (Open-XDataset '{Support.Fixtures.PathOf("xarray-zarr/coads.zarr")}')['SST'] | Measure-XData -Mean -Dim TIME -Cluster $c");
            int runTasks = (int)s.Value("$c.LastRun.Tasks")!;
            var bySiloRun = s.Run("$r = $c.LastRun; @($r.TasksBySilo.Keys) | ForEach-Object { '{0}={1}' -f $_, $r.TasksBySilo[$_] }")
                .Select(o => ((string)o.BaseObject).Split('=')).ToDictionary(kv => kv[0], kv => long.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(runTasks > 1, "the mean should run several tasks on the cluster");
            Assert.True(bySiloRun.Count == 2, "tasks by silo: " + string.Join(", ", bySiloRun.Select(kv => $"{kv.Key}={kv.Value}")));

            var after = Pool();
            silos = after["silos"]!.AsArray();
            var bySilo = silos.ToDictionary(x => (string)x!["address"]!, x => x!);
            Assert.Equal(bySiloRun.Keys.Order(StringComparer.Ordinal), bySilo.Keys.Where(k => (long)bySilo[k]["tasks"]! > 0).Order(StringComparer.Ordinal));
            foreach (var (silo, count) in bySiloRun)
            {
                Assert.Equal(count, (long)bySilo[silo]["tasks"]!);
                Assert.True((double)bySilo[silo]["busySeconds"]! > 0, $"{silo} should report time spent");
            }
            Assert.Equal(runTasks, silos.Sum(x => (long)x!["tasks"]!));
            Assert.All(silos, x =>
            {
                Assert.True((bool)x!["alive"]!);
                Assert.Equal(0, (int)x["inFlight"]!);
            });
            Assert.Contains("2", (string)after["description"]!, StringComparison.Ordinal);

            // The workers page renders every field of a silo the API sends.
            string script = DashboardSession.Body(s.GetResponse(api.Replace("/api", "/static/dashboard.js", StringComparison.Ordinal)));
            Assert.Contains("w.clusters", script, StringComparison.Ordinal);
            foreach (var field in ((JsonObject)silos[0]!).Select(kv => kv.Key))
                Assert.Contains("x." + field, script, StringComparison.Ordinal);
        }
        finally
        {
            s.Run("Stop-XCluster $c");
        }
        // Stopped: the silos leave the page.
        Assert.Empty(s.Get(api + "/workers")["clusters"]!.AsArray());
    }
}
