using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using ZarrPS.Cluster.Worker;

// zarrps-worker: one Orleans silo running ZarrPS chunk tasks. Prints "ready <silo address>" once it has joined.
WorkerOptions options;
try
{
    options = WorkerOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"zarrps-worker: {e.Message}");
    return 2;
}

using var host = WorkerHost.Build(options);
await host.StartAsync();
var silo = (ILocalSiloDetails)host.Services.GetService(typeof(ILocalSiloDetails))!;
Console.Out.WriteLine($"ready {silo.SiloAddress.ToParsableString()}");
Console.Out.Flush();

using var stop = new CancellationTokenSource();
// SIGTERM and Ctrl+C reach the host's lifetime (it cancels the default exit): stop with it.
host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stop.Cancel());
if (options.ParentProcessId is { } parent)
{
    // A worker started by a session ends with it: no silo outlives the shell that started it.
    _ = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var p = Process.GetProcessById(parent);
                if (p.HasExited) break;
            }
            catch (ArgumentException)
            {
                break;
            }
            await Task.Delay(1000);
        }
        stop.Cancel();
    });
}
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException) { }
// Leave within seconds whatever shutdown does: a worker that hangs in its exit holds its ports.
_ = Task.Delay(TimeSpan.FromSeconds(10)).ContinueWith(_ => Environment.Exit(0), TaskScheduler.Default);
try
{
    await host.StopAsync(TimeSpan.FromSeconds(5));
}
catch (Exception e) when (e is OperationCanceledException or TimeoutException)
{
}
Environment.Exit(0);
return 0;
