using Orleans.Placement;
using ZarrPS.Cluster.Contracts;
using ZarrPS.Engine;

namespace ZarrPS.Cluster.Worker;

/// <summary>
/// The grain a chunk task runs in. Random placement honours the client's placement hint (the silo it chose by
/// load); each activation runs one task, off the grain scheduler, and goes away after it.
/// </summary>
[RandomPlacement]
internal sealed class ChunkTaskGrain(ILocalSiloDetails silo, TaskExecutor executor) : Grain, IChunkTaskGrain
{
    public Task<TaskResult> Reduce(ReduceTask task) => Run(() => executor.Reduce(task, Silo));

    public Task<TaskResult> Write(WriteTask task) => Run(() => executor.Write(task, Silo));

    public Task<string> Describe() => Task.FromResult($"{Silo} {Environment.ProcessorCount}");

    private string Silo => silo.SiloAddress.ToParsableString();

    private async Task<TaskResult> Run(Func<TaskResult> work)
    {
        try
        {
            return await Task.Run(work);
        }
        catch (ZarrPSException e)
        {
            // Bad input fails the same way on every silo: report it, do not let the client retry it.
            return new TaskResult { Silo = Silo, Error = e.Message, ErrorId = e.ErrorId };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or FormatException or NotSupportedException)
        {
            return new TaskResult { Silo = Silo, Error = e.Message, ErrorId = e.GetType().Name };
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
