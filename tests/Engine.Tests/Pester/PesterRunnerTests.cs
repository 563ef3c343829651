namespace ZarrPS.Engine.Tests.Pester;

/// <summary>
/// The runner's failure paths, which a file under tests/Pester cannot show (it would fail): each test writes
/// a small Pester file to a temp folder, runs it through <see cref="PesterRunner"/> and checks every outcome.
/// </summary>
public sealed class PesterRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zarrps-pester-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Dictionary<string, PesterItResult> Run(string script)
    {
        string file = Path.Combine(_dir, $"Case{Guid.NewGuid():N}.Tests.ps1");
        File.WriteAllText(file, script);
        var results = PesterRunner.Run(file);
        return results.ToDictionary(r => r.Id);
    }

    [Fact]
    public void FailedShouldFailsTheItWithMessageAndLine()
    {
        var r = Run("""
            Describe 'D' {
                It 'passes' { 1 | Should -Be 1 }
                It 'fails' {
                    4 | Should -Be 3
                }
            }
            """);
        Assert.Equal("Passed", r["D > passes"].Outcome);
        Assert.Equal("Failed", r["D > fails"].Outcome);
        Assert.Contains("Expected 3, but got 4.", r["D > fails"].Message);
        Assert.Contains(".Tests.ps1:4", r["D > fails"].Message);
    }

    [Fact]
    public void ShouldFailureCaughtByTheTestStillFailsIt()
    {
        var r = Run("""
            Describe 'D' {
                It 'swallows' { try { 1 | Should -Be 2 } catch { } }
                It 'expects the failure' { { 1 | Should -Be 2 } | Should -Throw }
            }
            """);
        Assert.Equal("Failed", r["D > swallows"].Outcome);
        Assert.Contains("Expected 2, but got 1.", r["D > swallows"].Message);
        Assert.Equal("Passed", r["D > expects the failure"].Outcome);
    }

    [Fact]
    public void ExceptionInItFailsWithItsMessage()
    {
        var r = Run("""
            Describe 'D' {
                It 'throws' { throw 'chunk 7 is corrupt' }
                It 'after' { $true | Should -BeTrue }
            }
            """);
        Assert.Equal("Failed", r["D > throws"].Outcome);
        Assert.Contains("chunk 7 is corrupt", r["D > throws"].Message);
        Assert.Equal("Passed", r["D > after"].Outcome);
    }

    [Fact]
    public void BeforeAllFailureFailsEveryItOfTheBlockOnly()
    {
        var r = Run("""
            Describe 'Broken' {
                BeforeAll { throw 'no store' }
                It 'a' { 1 | Should -Be 1 }
                Context 'inner' { It 'b' { 1 | Should -Be 1 } }
            }
            Describe 'Fine' { It 'c' { 1 | Should -Be 1 } }
            """);
        Assert.Equal("Failed", r["Broken > a"].Outcome);
        Assert.Contains("BeforeAll failed: no store", r["Broken > a"].Message);
        Assert.Equal("Failed", r["Broken > inner > b"].Outcome);
        Assert.Equal("Passed", r["Fine > c"].Outcome);
    }

    [Fact]
    public void AfterAllAndAfterEachFailuresAreReported()
    {
        var r = Run("""
            Describe 'A' {
                AfterAll { throw 'cleanup broke' }
                It 'a' { 1 | Should -Be 1 }
            }
            Describe 'E' {
                AfterEach { throw 'each cleanup broke' }
                It 'e' { 1 | Should -Be 1 }
            }
            """);
        Assert.Equal("Failed", r["A > a"].Outcome);
        Assert.Contains("AfterAll failed: cleanup broke", r["A > a"].Message);
        Assert.Equal("Failed", r["E > e"].Outcome);
        Assert.Contains("AfterEach failed: each cleanup broke", r["E > e"].Message);
    }

    [Fact]
    public void BeforeEachFailureFailsTheItAndAfterEachStillRuns()
    {
        var r = Run("""
            Describe 'D' {
                BeforeAll { $log = [System.Collections.Generic.List[string]]::new() }
                BeforeEach { throw 'setup each' }
                AfterEach { $log.Add('after') }
                It 'a' { $log.Add('body') }
                It 'b' { }
                AfterAll { if ($log -join ',' -ne 'after,after') { throw "log was $($log -join ',')" } }
            }
            """);
        Assert.Equal("Failed", r["D > a"].Outcome);
        Assert.Contains("BeforeEach failed: setup each", r["D > a"].Message);
        Assert.DoesNotContain("AfterAll", r["D > b"].Message);
    }

    [Fact]
    public void SkipsAreReportedWithReasons()
    {
        var r = Run("""
            Describe 'D' {
                It 'skip' -Skip { throw 'no' }
                It 'set' { Set-ItResult -Skipped -Because 'no python' }
                It 'empty'
            }
            """);
        Assert.Equal("Skipped", r["D > skip"].Outcome);
        Assert.Equal("Skipped", r["D > set"].Outcome);
        Assert.Contains("no python", r["D > set"].Message);
        Assert.Equal("Skipped", r["D > empty"].Outcome);
    }

    [Fact]
    public void DuplicateNamesGetDistinctIds()
    {
        var r = Run("""
            Describe 'D' {
                It 'same' -ForEach 1, 2 { $_ | Should -BeGreaterThan 0 }
            }
            """);
        Assert.Equal("Passed", r["D > same"].Outcome);
        Assert.Equal("Passed", r["D > same (2)"].Outcome);
    }

    [Fact]
    public void DiscoveryErrorFailsTheFileAsAWhole()
    {
        var r = Run("""
            Describe 'D' {
                throw 'discovery broke'
                It 'a' { }
            }
            """);
        var failure = Assert.Single(r.Values);
        Assert.Equal(PesterRunner.FileFailureId, failure.Id);
        Assert.Contains("discovery broke", failure.Message);
    }

    [Fact]
    public void DiscoveryDoesNotRunBeforeAllOrItBodies()
    {
        string marker = Path.Combine(_dir, "ran.txt");
        string file = Path.Combine(_dir, "Discovery.Tests.ps1");
        File.WriteAllText(file, $$"""
            Describe 'D' {
                BeforeAll { [System.IO.File]::AppendAllText('{{marker}}', 'beforeall;') }
                It 'a' { [System.IO.File]::AppendAllText('{{marker}}', 'it;') }
            }
            """);
        var discovered = PesterRunner.Discover(file);
        Assert.Equal("D > a", Assert.Single(discovered).Id);
        Assert.False(File.Exists(marker));
        Assert.Equal("Passed", Assert.Single(PesterRunner.Run(file)).Outcome);
        Assert.Equal("beforeall;it;", File.ReadAllText(marker));
    }

    [Fact]
    public void EmptyForEachFailsDiscoveryUnlessAllowed()
    {
        var failing = Run("Describe 'D' { It 'a <x>' -ForEach @() { } }");
        Assert.Contains("null or empty -ForEach", Assert.Single(failing.Values).Message);
        var allowed = Run("""
            Describe 'D' {
                It 'none' -ForEach @() -AllowNullOrEmptyForEach { }
                It 'one' { }
            }
            """);
        Assert.Equal("D > one", Assert.Single(allowed.Values).Id);
    }

    [Fact]
    public void TagsOfBlocksAndItsAreCollected()
    {
        var r = Run("""
            Describe 'D' -Tag slow {
                Context 'C' -Tag python { It 'a' -Tag io { } }
            }
            """);
        Assert.Equal(["slow", "python", "io"], r["D > C > a"].Tags);
    }

    [Fact]
    public void ParseErrorFailsTheFile()
    {
        var r = Run("Describe 'D' { It 'a' { 1 + } }");
        Assert.Equal(PesterRunner.FileFailureId, Assert.Single(r.Values).Id);
    }
}
