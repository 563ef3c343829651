using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using ZarrPS.Cluster.Contracts;
using ZarrPS.Engine;
using ZarrPS.Engine.Compute;

namespace ZarrPS.Cluster.Client;

/// <summary>
/// A connection to a ZarrPS cluster: an Orleans client, and the worker processes when this session started them
/// (Start-XCluster). Compute and write cmdlets send chunk tasks through it.
/// </summary>
public sealed class XCluster : IDisposable
{
    private readonly IHost _host;
    private readonly List<WorkerProcess> _workers;
    private bool _disposed;

    private XCluster(IHost host, IClusterClient client, Membership membership, IReadOnlyList<IPEndPoint> gateways, List<WorkerProcess> workers, string? logDirectory, string clusterId)
    {
        ClusterId = clusterId;
        _host = host;
        Client = client;
        Membership = membership;
        Gateways = gateways;
        _workers = workers;
        LogDirectory = logDirectory;
        RemoteWorkers.Register(this, WorkerPool);
    }

    /// <summary>The session's connected cluster (the last started or connected), used when a cmdlet gets no -Cluster.</summary>
    public static XCluster? Current { get; set; }

    /// <summary>The cluster's id (Start-XCluster makes a new one per cluster).</summary>
    public string ClusterId { get; }

    /// <summary>The Orleans client.</summary>
    public IClusterClient Client { get; }

    /// <summary>How silos find each other.</summary>
    public Membership Membership { get; }

    /// <summary>The gateways the client was given (development clustering).</summary>
    public IReadOnlyList<IPEndPoint> Gateways { get; }

    /// <summary>Worker processes this session started (empty after Connect).</summary>
    public IReadOnlyList<WorkerProcess> Workers => _workers;

    /// <summary>The folder of the workers' logs.</summary>
    public string? LogDirectory { get; }

    /// <summary>Concurrent tasks per silo (each task also runs its chunks in parallel inside the silo).</summary>
    public int TasksPerSilo { get; set; } = 2;

    /// <summary>Attempts per task before the run fails (a retry follows a lost silo or a timeout).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>How long one task call may take before it is sent elsewhere.</summary>
    public TimeSpan TaskTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The statistics of the last run.</summary>
    public ClusterRunStats? LastRun { get; internal set; }

    // What the session's runs did per silo (tasks finished, milliseconds the silos reported), and the membership's
    // statuses as last seen: the dashboard's view of the silos as workers (RemoteWorkers).
    private readonly object _seen = new();
    private readonly Dictionary<string, (long Tasks, double Ms)> _bySilo = new(StringComparer.Ordinal);
    private Dictionary<string, string> _statuses = new(StringComparer.Ordinal);
    private DateTime _statusesAt = DateTime.MinValue;
    private int _refreshing;

    /// <summary>Counts a finished task for the silo that ran it.</summary>
    internal void Record(TaskResult r)
    {
        lock (_seen)
        {
            var (tasks, ms) = _bySilo.GetValueOrDefault(r.Silo);
            _bySilo[r.Silo] = (tasks + 1, ms + r.Milliseconds);
        }
    }

    /// <summary>Tasks each silo finished for this session (all runs).</summary>
    public IReadOnlyDictionary<string, long> TasksBySilo()
    {
        lock (_seen) return _bySilo.ToDictionary(kv => kv.Key, kv => kv.Value.Tasks, StringComparer.Ordinal);
    }

    /// <summary>
    /// The silos as workers: every silo the membership lists (with its status) or that ran a task, with the tasks it
    /// finished, the time it reported and its tasks in flight. Answers from what was last seen; the membership is
    /// asked again in the background when that is over a second old (the first time, it waits up to 3 s).
    /// </summary>
    internal RemoteWorkerPool WorkerPool()
    {
        if (!_disposed && DateTime.UtcNow - _statusesAt > TimeSpan.FromSeconds(1) && Interlocked.Exchange(ref _refreshing, 1) == 0)
        {
            var refresh = Task.Run(RefreshStatusesAsync);
            if (_statusesAt == DateTime.MinValue) refresh.Wait(TimeSpan.FromSeconds(3));
        }
        Dictionary<string, string> statuses;
        Dictionary<string, (long Tasks, double Ms)> done;
        lock (_seen)
        {
            statuses = _statuses;
            done = new Dictionary<string, (long, double)>(_bySilo, StringComparer.Ordinal);
        }
        var inFlight = LastRun?.InFlightBySilo is { } f ? SnapshotOf(f) : [];
        var workers = statuses.Keys.Union(done.Keys).Union(inFlight.Keys).Order(StringComparer.Ordinal).Select(a =>
        {
            string status = _disposed ? "disconnected" : statuses.GetValueOrDefault(a) ?? "unknown";
            var (tasks, ms) = done.GetValueOrDefault(a);
            return new RemoteWorker(a, status, status == "active", tasks, inFlight.GetValueOrDefault(a), ms / 1000);
        }).ToArray();
        return new RemoteWorkerPool("cluster " + ClusterId, ToString(), workers);
    }

    private static Dictionary<string, int> SnapshotOf(Dictionary<string, int> d)
    {
        // The runner rewrites this dictionary as tasks come and go: copy it, and try again if it changed meanwhile.
        for (int i = 0; i < 3; i++)
        {
            try { return new Dictionary<string, int>(d, StringComparer.Ordinal); }
            catch (InvalidOperationException) { }
            catch (ArgumentException) { }
        }
        return [];
    }

    private async Task RefreshStatusesAsync()
    {
        try
        {
            var hosts = await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false).WaitAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            var statuses = hosts.ToDictionary(h => h.Key.ToParsableString(), h => StatusName(h.Value), StringComparer.Ordinal);
            lock (_seen) _statuses = statuses;
            _statusesAt = DateTime.UtcNow;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The membership does not answer now: keep what was seen, ask again next time.
        }
        finally
        {
            Interlocked.Exchange(ref _refreshing, 0);
        }
    }

    private static string StatusName(SiloStatus s) => s switch
    {
        SiloStatus.Active => "active",
        SiloStatus.Joining => "joining",
        SiloStatus.Created => "created",
        SiloStatus.ShuttingDown => "shutting down",
        SiloStatus.Stopping => "stopping",
        SiloStatus.Dead => "dead",
        _ => "unknown",
    };

    /// <summary>True until stopped or disconnected.</summary>
    public bool Connected => !_disposed;

    /// <summary>Silos the membership lists as active now.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilos() =>
        ActiveSilosAsync(TimeSpan.FromSeconds(15)).GetAwaiter().GetResult()
        ?? throw new ZarrPSException(ErrorKind.InvalidOperation, "ClusterUnreachable", $"The cluster ({Membership}) did not list its silos within 15 s.");

    /// <summary>The active silos, or null when the membership does not answer within <paramref name="timeout"/>.</summary>
    internal async Task<IReadOnlyList<SiloAddress>?> ActiveSilosAsync(TimeSpan timeout)
    {
        try
        {
            var hosts = await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(timeout).ConfigureAwait(false);
            return hosts.Keys.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Asks <paramref name="silo"/> (by placement hint) who it is: its own address when it is alive, another silo's
    /// once the membership has dropped it, nothing (null) when the call does not return within <paramref name="timeout"/>.
    /// </summary>
    internal async Task<string?> PingAsync(SiloAddress silo, TimeSpan timeout)
    {
        Task<string> call;
        RequestContext.Set(Orleans.Runtime.Placement.IPlacementDirector.PlacementHintKey, silo);
        try
        {
            call = Client.GetGrain<IChunkTaskGrain>("ping/" + Guid.NewGuid().ToString("N")).Describe();
        }
        finally
        {
            RequestContext.Remove(Orleans.Runtime.Placement.IPlacementDirector.PlacementHintKey);
        }
        try
        {
            string answer = await call.WaitAsync(timeout).ConfigureAwait(false);
            return answer.Split(' ')[0];
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Starts <paramref name="workers"/> zarrps-worker processes on loopback with development clustering (the first
    /// keeps the membership table) and connects to them.
    /// </summary>
    public static XCluster StartLocal(int workers, LocalClusterOptions? options = null)
    {
        options ??= new LocalClusterOptions();
        if (workers < 1) throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidWorkers", $"-Workers must be at least 1 (got {workers}).", workers);
        string worker = options.WorkerPath ?? FindWorker();
        string id = "zarrps-" + Guid.NewGuid().ToString("N")[..8];
        string logs = Directory.CreateTempSubdirectory(id + "-").FullName;
        var started = new List<WorkerProcess>();
        try
        {
            int primaryPort = 0;
            for (int i = 0; i < workers; i++)
            {
                int siloPort = ClusterAddress.FreePort(), gatewayPort = ClusterAddress.FreePort();
                if (i == 0) primaryPort = siloPort;
                var args = new List<string>
                {
                    worker, "--silo-port", Num(siloPort), "--gateway-port", Num(gatewayPort), "--cluster-id", id, "--service-id", "zarrps",
                    "--parent-pid", Num(Environment.ProcessId),
                };
                if (i > 0) args.AddRange(["--primary-port", Num(primaryPort)]);
                if (options.DrillDelayMilliseconds > 0) args.AddRange(["--drill-delay-ms", Num(options.DrillDelayMilliseconds)]);
                if (options.MaxParallelism is { } mp) args.AddRange(["--max-parallelism", Num(mp)]);
                string log = Path.Join(logs, $"worker-{i}.log");
                started.Add(Launch(i, args, siloPort, gatewayPort, log, options.StartTimeout));
            }
            var gateways = started.Select(w => new IPEndPoint(IPAddress.Loopback, w.GatewayPort)).ToArray();
            var cluster = Connect(Membership.Development, gateways, id, "zarrps", started, logs);
            cluster.WaitForSilos(workers, options.StartTimeout);
            return cluster;
        }
        catch
        {
            foreach (var w in started) w.Kill();
            throw;
        }
    }

    /// <summary>Connects to a running cluster: gateways (development clustering) or a membership table.</summary>
    public static XCluster Connect(IReadOnlyList<string> endpoints, string? membership, string clusterId = "zarrps", string serviceId = "zarrps")
    {
        var m = Membership.Parse(membership);
        var gateways = endpoints.Select(ClusterAddress.Parse).ToArray();
        if (m.Kind == "dev" && gateways.Length == 0)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NoEndpoint", "Connect-XCluster needs -Endpoint host:port (a silo's gateway) or -Membership redis://… | ado://….");
        var cluster = Connect(m, gateways, clusterId, serviceId, [], null);
        cluster.WaitForSilos(1, TimeSpan.FromSeconds(30));
        return cluster;
    }

    private static XCluster Connect(Membership m, IReadOnlyList<IPEndPoint> gateways, string clusterId, string serviceId, List<WorkerProcess> workers, string? logs)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSerializer(s => s.AddAssembly(typeof(IChunkTaskGrain).Assembly));
        builder.UseOrleansClient(c =>
        {
            switch (m.Kind)
            {
                case "dev":
                    c.UseStaticClustering(gateways.ToArray());
                    break;
                case "redis":
                    c.UseRedisClustering(m.ConnectionString!);
                    break;
                default:
                    c.UseAdoNetClustering(a =>
                    {
                        a.Invariant = m.Invariant!;
                        a.ConnectionString = m.ConnectionString!;
                    });
                    break;
            }
            c.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            });
            c.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10));
            c.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
        });
        var host = builder.Build();
        try
        {
            host.StartAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not ZarrPSException)
        {
            host.Dispose();
            throw new ZarrPSException(ErrorKind.InvalidOperation, "ClusterUnreachable", $"Cannot connect to the cluster ({m}, {string.Join(", ", gateways.Select(g => g.ToString()))}): {e.Message}");
        }
        return new XCluster(host, host.Services.GetRequiredService<IClusterClient>(), m, gateways, workers, logs, clusterId);
    }

    /// <summary>Waits until at least <paramref name="count"/> silos are active.</summary>
    public void WaitForSilos(int count, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        Exception? last = null;
        while (sw.Elapsed < timeout)
        {
            try
            {
                if (ActiveSilos().Count >= count) return;
            }
            catch (Exception e) when (e is not ZarrPSException)
            {
                last = e;
            }
            Thread.Sleep(200);
        }
        throw new ZarrPSException(ErrorKind.InvalidOperation, "ClusterNotReady",
            $"The cluster did not show {count} active silos within {timeout.TotalSeconds:F0} s{(last is null ? "" : ": " + last.Message)}{(LogDirectory is null ? "" : $" (worker logs: {LogDirectory})")}.");
    }

    /// <summary>Stops the workers this session started and closes the connection.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        RemoteWorkers.Unregister(this);
        try
        {
            _host.StopAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        }
        catch (Exception) { /* the silos may be gone already */ }
        _host.Dispose();
        foreach (var w in _workers) w.Kill();
        if (ReferenceEquals(Current, this)) Current = null;
        if (LogDirectory is not null)
        {
            try { Directory.Delete(LogDirectory, recursive: true); }
            catch (IOException) { /* a log still open: leave it */ }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"XCluster ({Membership}, {(_workers.Count > 0 ? $"{_workers.Count(w => w.Running)} of {_workers.Count} local workers" : string.Join(", ", Gateways.Select(g => g.ToString())))}{(_disposed ? ", stopped" : "")})";

    private static string Num(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static WorkerProcess Launch(int index, List<string> args, int siloPort, int gatewayPort, string log, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(DotnetPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi) ?? throw new ZarrPSException(ErrorKind.InvalidOperation, "WorkerNotStarted", $"Could not start {args[0]}.");
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = new StreamWriter(log, append: true) { AutoFlush = true };
        var gate = new object();
        void Line(string? line, bool stdout)
        {
            if (line is null) return;
            if (stdout && line.StartsWith("ready ", StringComparison.Ordinal)) ready.TrySetResult(line[6..]);
            lock (gate) writer.WriteLine(line);
        }
        p.OutputDataReceived += (_, e) => Line(e.Data, true);
        p.ErrorDataReceived += (_, e) => Line(e.Data, false);
        p.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"worker {index} exited with code {p.ExitCode}"));
        p.EnableRaisingEvents = true;
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        var w = new WorkerProcess(index, p, siloPort, gatewayPort, log);
        try
        {
            if (!ready.Task.Wait(timeout)) throw new TimeoutException($"worker {index} was not ready within {timeout.TotalSeconds:F0} s");
        }
        catch (Exception e)
        {
            w.Kill();
            string tail = File.Exists(log) ? string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(5)) : "";
            throw new ZarrPSException(ErrorKind.InvalidOperation, "WorkerNotStarted", $"zarrps-worker {index} did not start: {(e is AggregateException a ? a.InnerException!.Message : e.Message)}. {tail} (log: {log})");
        }
        return w;
    }

    private static string DotnetPath()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h)) return h;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }

    /// <summary>Finds zarrps-worker.dll: $ZARRPS_WORKER, else out/worker beside the module or above this assembly.</summary>
    public static string FindWorker()
    {
        if (Environment.GetEnvironmentVariable("ZARRPS_WORKER") is { Length: > 0 } env && File.Exists(env)) return env;
        var dir = new DirectoryInfo(Path.GetDirectoryName(typeof(XCluster).Assembly.Location) ?? AppContext.BaseDirectory);
        for (var d = dir; d is not null; d = d.Parent)
        {
            foreach (var candidate in new[] { Path.Join(d.FullName, "worker", "zarrps-worker.dll"), Path.Join(d.FullName, "out", "worker", "zarrps-worker.dll") })
                if (File.Exists(candidate)) return candidate;
        }
        throw new ZarrPSException(ErrorKind.NotFound, "WorkerNotFound",
            $"zarrps-worker.dll was not found (looked in worker/ and out/worker/ above {dir.FullName}); build with ./zarrps or set ZARRPS_WORKER.");
    }
}
