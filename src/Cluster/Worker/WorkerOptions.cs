namespace ZarrPS.Cluster.Worker;

/// <summary>The settings of one silo process (zarrps-worker's command line).</summary>
public sealed class WorkerOptions
{
    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;
    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;
    /// <summary>Development clustering: the primary silo's port on loopback (null: this silo is the primary).</summary>
    public int? PrimarySiloPort { get; set; }
    /// <summary>dev, redis://… or ado://….</summary>
    public string Membership { get; set; } = "dev";
    /// <summary>The cluster's id.</summary>
    public string ClusterId { get; set; } = "zarrps";
    /// <summary>The service's id.</summary>
    public string ServiceId { get; set; } = "zarrps";
    /// <summary>The address other silos and clients reach this one at (default loopback for dev, else the host's).</summary>
    public string? AdvertisedAddress { get; set; }
    /// <summary>Exit when this process (the one that started the worker) ends.</summary>
    public int? ParentProcessId { get; set; }
    /// <summary>Milliseconds each task sleeps first (failure drills).</summary>
    public int DrillDelayMilliseconds { get; set; }
    /// <summary>Worker threads per task on this silo (default: processors).</summary>
    public int? MaxParallelism { get; set; }

    /// <summary>Parses zarrps-worker's arguments.</summary>
    public static WorkerOptions Parse(string[] args)
    {
        var o = new WorkerOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--silo-port": o.SiloPort = NextInt(); break;
                case "--gateway-port": o.GatewayPort = NextInt(); break;
                case "--primary-port": o.PrimarySiloPort = NextInt(); break;
                case "--membership": o.Membership = Next(); break;
                case "--cluster-id": o.ClusterId = Next(); break;
                case "--service-id": o.ServiceId = Next(); break;
                case "--advertise": o.AdvertisedAddress = Next(); break;
                case "--parent-pid": o.ParentProcessId = NextInt(); break;
                case "--drill-delay-ms": o.DrillDelayMilliseconds = NextInt(); break;
                case "--max-parallelism": o.MaxParallelism = NextInt(); break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'. Known: --silo-port --gateway-port --primary-port --membership --cluster-id --service-id --advertise --parent-pid --drill-delay-ms --max-parallelism.");
            }
        }
        return o;
    }
}
