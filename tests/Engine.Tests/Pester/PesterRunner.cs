using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;

namespace ZarrPS.Engine.Tests.Pester;

/// <summary>
/// Runs tests/Pester/*.Tests.ps1 through the Pester-compatible shim (PesterShim.psm1, embedded) in a hosted
/// runspace with the built ZarrPS module imported. Discovery and runs are cached per file: the first It of a
/// file that xunit runs executes the whole file once, the others read its cached results.
/// </summary>
public static class PesterRunner
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, IReadOnlyList<PesterItResult>> Discoveries = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, IReadOnlyList<PesterItResult>> Runs = new(StringComparer.Ordinal);
    private static readonly Lazy<string> ShimText = new(LoadShim);

    /// <summary>The Id a file gets when discovering or running it failed as a whole.</summary>
    public const string FileFailureId = "(file)";

    /// <summary>The test files, sorted by name.</summary>
    public static IReadOnlyList<string> Files()
    {
        if (!Directory.Exists(RepoPaths.PesterTests))
        {
            return [];
        }

        var files = Directory.GetFiles(RepoPaths.PesterTests, "*.Tests.ps1");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>The Its of <paramref name="file"/> (discovery only: no BeforeAll or It body runs).</summary>
    public static IReadOnlyList<PesterItResult> Discover(string file) => Cached(Discoveries, file, discoveryOnly: true);

    /// <summary>The results of running <paramref name="file"/> (run once, then cached).</summary>
    public static IReadOnlyList<PesterItResult> Run(string file) => Cached(Runs, file, discoveryOnly: false);

    private static IReadOnlyList<PesterItResult> Cached(Dictionary<string, IReadOnlyList<PesterItResult>> cache, string file, bool discoveryOnly)
    {
        lock (Gate)
        {
            if (!cache.TryGetValue(file, out var results))
            {
                results = Invoke(file, discoveryOnly);
                cache[file] = results;
            }

            return results;
        }
    }

    private static List<PesterItResult> Invoke(string file, bool discoveryOnly)
    {
        try
        {
            using Runspace runspace = OpenRunspace();
            using PowerShell ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddCommand("Invoke-PesterShimFile").AddParameter("Path", file);
            if (discoveryOnly)
            {
                ps.AddParameter("DiscoveryOnly");
            }

            var results = new List<PesterItResult>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (PSObject item in ps.Invoke())
            {
                results.Add(ToResult(item, seen, file));
            }

            if (results.Count == 0 && ps.Streams.Error.Count > 0)
            {
                // Nothing was discovered and the file reported errors: they are the reason, so show them.
                string errors = string.Join('\n', ps.Streams.Error.Select(e => $"{e}\n{e.InvocationInfo?.PositionMessage}"));
                return [new PesterItResult(FileFailureId, "Failed", $"{Path.GetFileName(file)} found no tests and reported errors:\n{errors}", file, 0, [])];
            }

            return results;
        }
        catch (Exception e) when (e is RuntimeException or PSInvalidOperationException)
        {
            return [new PesterItResult(FileFailureId, "Failed", DescribeFileFailure(e, file), file, 0, [])];
        }
    }

    private static Runspace OpenRunspace()
    {
        InitialSessionState state = InitialSessionState.CreateDefault2();
        state.ThreadOptions = PSThreadOptions.UseCurrentThread;
        if (File.Exists(RepoPaths.ModuleManifest))
        {
            state.ImportPSModule(RepoPaths.ModuleManifest);
        }

        Runspace runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        using PowerShell ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddCommand("New-Module")
            .AddParameter("Name", "Pester")
            .AddParameter("ScriptBlock", ScriptBlock.Create(ShimText.Value))
            .AddCommand("Import-Module");
        ps.Invoke();
        return runspace;
    }

    private static PesterItResult ToResult(PSObject item, Dictionary<string, int> seen, string file)
    {
        string id = string.Join(" > ", (string[])item.Properties["Path"].Value);
        // Pester allows two Its of the same name in one block; xunit rows need distinct ids.
        int count = seen.TryGetValue(id, out int n) ? n + 1 : 1;
        seen[id] = count;
        if (count > 1)
        {
            id += $" ({count})";
        }

        string outcome = (string)item.Properties["Result"].Value;
        string itFile = item.Properties["File"].Value as string ?? file;
        int line = item.Properties["Line"].Value is int l ? l : 0;
        string message = outcome switch
        {
            "Skipped" => item.Properties["SkipReason"].Value as string ?? "skipped",
            "Failed" => DescribeFailures(item.Properties["Failures"].Value, itFile, line),
            _ => string.Empty,
        };
        var tags = new List<string>();
        foreach (object? tag in item.Properties["Tag"].Value as IEnumerable ?? Array.Empty<object>())
        {
            if (tag?.ToString() is { Length: > 0 } text && !tags.Contains(text))
            {
                tags.Add(text);
            }
        }

        return new PesterItResult(id, outcome, message, itFile, line, tags);
    }

    private static string DescribeFailures(object? failures, string file, int line)
    {
        var text = new StringBuilder();
        foreach (object? entry in failures as IEnumerable ?? Array.Empty<object>())
        {
            if (entry is not PSObject failure)
            {
                continue;
            }

            string? where = failure.Properties["File"]?.Value as string;
            int at = failure.Properties["Line"]?.Value is int fl ? fl : 0;
            text.AppendLine(failure.Properties["Message"]?.Value as string);
            text.Append("   at ").Append(string.IsNullOrEmpty(where) ? file : where).Append(':').Append(at > 0 ? at : line).AppendLine();
            if (failure.Properties["StackTrace"]?.Value is string { Length: > 0 } stack && failure.Properties["ErrorId"]?.Value as string != "PesterAssertionFailed")
            {
                // Frames of the shim itself (loaded from text, so "<No file>") say nothing about the test.
                foreach (string frame in stack.Split('\n'))
                {
                    if (!frame.Contains("<No file>", StringComparison.Ordinal))
                    {
                        text.Append("   ").AppendLine(frame.TrimEnd());
                    }
                }
            }
        }

        return text.Length > 0 ? text.ToString().TrimEnd() : $"failed without a recorded reason\n   at {file}:{line}";
    }

    private static string DescribeFileFailure(Exception e, string file)
    {
        var text = new StringBuilder($"{Path.GetFileName(file)} could not be discovered or run: {e.Message}");
        if (e is IContainsErrorRecord { ErrorRecord.InvocationInfo.PositionMessage: { Length: > 0 } position })
        {
            text.AppendLine().Append(position);
        }

        if (!File.Exists(RepoPaths.ModuleManifest))
        {
            text.AppendLine().Append($"(the ZarrPS module is not built at {RepoPaths.ModuleManifest}: ./zarrps test builds it)");
        }

        return text.ToString();
    }

    private static string LoadShim()
    {
        using Stream stream = typeof(PesterRunner).Assembly.GetManifestResourceStream("PesterShim.psm1")
            ?? throw new InvalidOperationException("the embedded resource PesterShim.psm1 is missing from the test assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
