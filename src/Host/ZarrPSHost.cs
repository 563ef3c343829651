using System.Globalization;
using System.Management.Automation.Host;

namespace ZarrPS.Host;

/// <summary>The zarrps PowerShell host: names itself, owns the console UI and records <c>exit</c>.</summary>
public sealed class ZarrPSHost : PSHost
{
    private static readonly Version HostVersion =
        typeof(ZarrPSHost).Assembly.GetName().Version ?? new Version(0, 1, 0);

    private readonly HostUserInterface _ui;

    /// <summary>Creates the host over <paramref name="terminal"/>.</summary>
    public ZarrPSHost(Terminal terminal) => _ui = new HostUserInterface(terminal);

    /// <summary>The exit code given to <c>exit</c>, once a script or command called it.</summary>
    public int? ExitCode { get; private set; }

    /// <inheritdoc />
    public override string Name => "zarrps";

    /// <inheritdoc />
    public override Version Version => HostVersion;

    /// <inheritdoc />
    public override Guid InstanceId { get; } = Guid.NewGuid();

    /// <inheritdoc />
    public override PSHostUserInterface UI => _ui;

    /// <summary>The concrete UI, for the runner.</summary>
    public HostUserInterface Console => _ui;

    /// <inheritdoc />
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    /// <inheritdoc />
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    /// <inheritdoc />
    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    /// <summary>Nested prompts (debugger, $host.EnterNestedPrompt) are not offered by zarrps.</summary>
    public override void EnterNestedPrompt() =>
        throw new NotSupportedException("The zarrps host has no nested prompt.");

    /// <inheritdoc />
    public override void ExitNestedPrompt() =>
        throw new NotSupportedException("The zarrps host has no nested prompt.");

    /// <inheritdoc />
    public override void NotifyBeginApplication()
    {
    }

    /// <inheritdoc />
    public override void NotifyEndApplication()
    {
    }
}
