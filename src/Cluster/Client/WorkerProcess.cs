using System.Diagnostics;

namespace ZarrPS.Cluster.Client;

/// <summary>A zarrps-worker process this session started (Start-XCluster).</summary>
public sealed class WorkerProcess
{
    internal WorkerProcess(int index, Process process, int siloPort, int gatewayPort, string log)
    {
        Index = index;
        Process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        LogPath = log;
    }

    /// <summary>0 for the primary silo (which keeps the development membership table).</summary>
    public int Index { get; }

    internal Process Process { get; }

    /// <summary>The process id.</summary>
    public int Id => Process.Id;

    /// <summary>Silo-to-silo port on loopback.</summary>
    public int SiloPort { get; }

    /// <summary>Client gateway port on loopback.</summary>
    public int GatewayPort { get; }

    /// <summary>Its log (warnings and errors of the silo).</summary>
    public string LogPath { get; }

    /// <summary>True while the process runs.</summary>
    public bool Running
    {
        get
        {
            try { return !Process.HasExited; }
            catch (InvalidOperationException) { return false; }
        }
    }

    /// <summary>Ends the process at once (what a lost machine looks like to the cluster).</summary>
    public void Kill()
    {
        try
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { }
    }
}
