namespace ZarrPS.Engine.Tests.Pester;

/// <summary>Every It of tests/Pester/*.Tests.ps1 as its own xunit test, named by its Describe path.</summary>
public class PesterTests
{
    /// <summary>One row per It: (file name, "Describe > Context > It"), with its tags as traits.</summary>
    public static IEnumerable<TheoryDataRow<string, string>> Its()
    {
        foreach (string file in PesterRunner.Files())
        {
            string name = Path.GetFileName(file);
            foreach (PesterItResult it in PesterRunner.Discover(file))
            {
                var row = new TheoryDataRow<string, string>(name, it.Id) { TestDisplayName = "Pester" };
                foreach (string tag in it.Tags)
                {
                    // Pester's -Tag becomes an xunit trait: ./zarrps test -trait "Tag=slow" runs those Its.
                    row.WithTrait("Tag", tag);
                }

                yield return row;
            }
        }
    }

    /// <summary>Runs the It's file once (cached) and asserts this It's own result.</summary>
    [Theory]
    [MemberData(nameof(Its))]
    public void It(string file, string it)
    {
        string path = Path.Combine(RepoPaths.PesterTests, file);
        IReadOnlyList<PesterItResult> discovered = PesterRunner.Discover(path);
        PesterItResult? failedFile = discovered.FirstOrDefault(r => r.Id == PesterRunner.FileFailureId);
        if (failedFile is not null)
        {
            Assert.Fail(failedFile.Message);
        }

        PesterItResult? result = PesterRunner.Run(path).FirstOrDefault(r => r.Id == it);
        if (result is null)
        {
            PesterItResult? runFailure = PesterRunner.Run(path).FirstOrDefault(r => r.Id == PesterRunner.FileFailureId);
            Assert.Fail(runFailure?.Message ?? $"'{it}' was discovered in {file} but not found when the file ran (is its name computed from changing data?).");
        }

        switch (result.Outcome)
        {
            case "Passed":
                return;
            case "Skipped":
                Assert.Skip(result.Message);
                break;
            default:
                Assert.Fail($"{it}\n{result.Message}");
                break;
        }
    }
}
