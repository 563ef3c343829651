using System.Management.Automation;
using ZarrPS.Engine;

namespace ZarrPS.Module;

/// <summary>
/// The base of ZarrPS cmdlets: engine errors become ErrorRecords with the engine's error id, a category and the
/// target object, never a .NET stack trace.
/// </summary>
public abstract class XCmdlet : PSCmdlet
{
    /// <summary>Maps an engine error kind to a PowerShell category.</summary>
    protected static ErrorCategory CategoryOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ErrorKind.InvalidData => ErrorCategory.InvalidData,
        ErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        ErrorKind.NotImplemented => ErrorCategory.NotImplemented,
        ErrorKind.ReadError => ErrorCategory.ReadError,
        ErrorKind.WriteError => ErrorCategory.WriteError,
        ErrorKind.Cancelled => ErrorCategory.OperationStopped,
        ErrorKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
        _ => ErrorCategory.NotSpecified,
    };

    /// <summary>An ErrorRecord for an engine error.</summary>
    protected static ErrorRecord RecordOf(ZarrPSException e, object? target = null) =>
        new(e, e.ErrorId + ",ZarrPS", CategoryOf(e.Kind), e.Target ?? target);

    /// <summary>Runs engine work; an engine error stops the cmdlet with a terminating ErrorRecord.</summary>
    protected void Terminating(Action work, object? target = null)
    {
        try
        {
            work();
        }
        catch (ZarrPSException e)
        {
            ThrowTerminatingError(RecordOf(e, target));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(e, "IOError,ZarrPS", ErrorCategory.ReadError, target));
        }
    }

    /// <summary>Runs engine work for one input; an engine error is written as a non-terminating error and the pipeline goes on.</summary>
    protected void NonTerminating(Action work, object? target = null)
    {
        try
        {
            work();
        }
        catch (ZarrPSException e)
        {
            WriteError(RecordOf(e, target));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(e, "IOError,ZarrPS", ErrorCategory.ReadError, target));
        }
    }

    /// <summary>
    /// Runs engine work on a worker thread while this (pipeline) thread writes progress reported through
    /// <see cref="ReportProgress"/>; Write-Progress may only be called from the pipeline thread.
    /// </summary>
    protected T RunWithProgress<T>(Func<T> work, ProgressRecord record)
    {
        var task = Task.Run(work);
        while (!task.Wait(200))
        {
            var (done, total, bytes) = Volatile.Read(ref _progress) ?? new ProgressState(0, 0, 0);
            if (total > 0)
            {
                record.PercentComplete = (int)Math.Min(100, done * 100 / total);
                record.StatusDescription = $"{done}/{total} chunks, {bytes / (1 << 20)} MiB";
                WriteProgress(record);
            }
        }
        record.RecordType = ProgressRecordType.Completed;
        WriteProgress(record);
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new ZarrPSException(ErrorKind.Cancelled, "Cancelled", "The operation was stopped.");
        }
    }

    private sealed record ProgressState(long Done, long Total, long Bytes);

    private ProgressState? _progress;

    /// <summary>Records progress from any thread; <see cref="RunWithProgress"/> shows it.</summary>
    protected void ReportProgress(long done, long total, long bytes) => Volatile.Write(ref _progress, new ProgressState(done, total, bytes));

    /// <summary>PowerShell's current file system directory (relative paths resolve against it, not the process's).</summary>
    protected string CurrentDirectory => SessionState.Path.CurrentFileSystemLocation.ProviderPath;
}
