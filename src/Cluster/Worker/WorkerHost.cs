using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using ZarrPS.Cluster.Contracts;
using ZarrPS.Engine.Compute;

namespace ZarrPS.Cluster.Worker;

/// <summary>Builds the silo host of zarrps-worker.</summary>
public static class WorkerHost
{
    /// <summary>A host running one silo with the chunk-task grain.</summary>
    public static IHost Build(WorkerOptions o)
    {
        if (o.MaxParallelism is { } p) ComputeSession.MaxParallelism = p;
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        // Logs go to stderr: stdout carries only the "ready" line the launcher waits for.
        builder.Logging.AddSimpleConsole(c => c.SingleLine = true);
        builder.Logging.AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new TaskExecutor { DrillDelayMilliseconds = o.DrillDelayMilliseconds });
        builder.Services.AddSerializer(s => s.AddAssembly(typeof(IChunkTaskGrain).Assembly));
        var membership = Membership.Parse(o.Membership);
        builder.UseOrleans(silo =>
        {
            switch (membership.Kind)
            {
                case "dev":
                    silo.UseLocalhostClustering(o.SiloPort, o.GatewayPort,
                        o.PrimarySiloPort is { } primary ? new IPEndPoint(IPAddress.Loopback, primary) : null, o.ServiceId, o.ClusterId);
                    break;
                case "redis":
                    silo.UseRedisClustering(membership.ConnectionString!);
                    break;
                default:
                    silo.UseAdoNetClustering(a =>
                    {
                        a.Invariant = membership.Invariant!;
                        a.ConnectionString = membership.ConnectionString!;
                    });
                    break;
            }
            if (membership.Kind != "dev")
            {
                silo.Configure<ClusterOptions>(c =>
                {
                    c.ClusterId = o.ClusterId;
                    c.ServiceId = o.ServiceId;
                });
                silo.ConfigureEndpoints(o.AdvertisedAddress is { } a ? IPAddress.Parse(a) : ClusterAddress.Default(), o.SiloPort, o.GatewayPort, listenOnAnyHostAddress: true);
            }
            // A lost silo is declared dead in seconds, so its tasks move to the others quickly.
            silo.Configure<ClusterMembershipOptions>(m =>
            {
                m.ProbeTimeout = TimeSpan.FromSeconds(1);
                m.NumMissedProbesLimit = 2;
                m.NumVotesForDeathDeclaration = 1;
                m.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                m.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            });
            silo.Configure<SiloMessagingOptions>(m => m.ResponseTimeout = TimeSpan.FromMinutes(10));
        });
        return builder.Build();
    }
}
