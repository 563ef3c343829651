namespace ZarrPS.Engine.Tests.Pester;

/// <summary>The outcome of one Pester It, as the shim reported it.</summary>
/// <param name="Id">The Describe path joined with " > " (made unique within its file).</param>
/// <param name="Outcome">Passed, Failed, Skipped or NotRun.</param>
/// <param name="Message">For a failure, every failure message with its file:line; for a skip, the reason.</param>
/// <param name="File">The test file.</param>
/// <param name="Line">The line of the It.</param>
/// <param name="Tags">The -Tag values of the It and of its enclosing blocks.</param>
public sealed record PesterItResult(string Id, string Outcome, string Message, string File, int Line, IReadOnlyList<string> Tags);
