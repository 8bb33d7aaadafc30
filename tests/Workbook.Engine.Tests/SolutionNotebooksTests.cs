using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Tests;

/// <summary>
/// The instructors' solutions under notebooks/solutions/ run without error: each ends with
/// <c>ExerciseLog.RequireAllPassed(...)</c>, so a check that rejects a correct solution fails this test.
/// WORKBOOK_SKIP_NOTEBOOKS=1 skips it, like the workbook test.
/// </summary>
public sealed class SolutionNotebooksTests
{
    [Fact]
    public async Task EverySolutionNotebookPassesItsChecks()
    {
        if (Environment.GetEnvironmentVariable("WORKBOOK_SKIP_NOTEBOOKS") == "1") return;
        var folder = Path.Combine(TestPaths.Root, "notebooks", "solutions");
        var notebooks = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToList() : [];
        var workbook = Directory.GetFiles(Path.Combine(TestPaths.Root, "notebooks"), "*.ipynb");
        // Every workbook notebook with exercises has its solutions.
        foreach (var nb in workbook)
        {
            var stem = Path.GetFileNameWithoutExtension(nb);
            Assert.True(File.Exists(Path.Combine(folder, stem + "-solutions.ipynb")), $"notebooks/solutions/{stem}-solutions.ipynb is missing");
        }
        if (notebooks.Count == 0) return;

        var artifacts = Path.Combine(TestPaths.Root, "artifacts", "test-solutions");
        var code = await Cli.Program.BuildRoot().Parse(["run", folder, "--out", artifacts]).InvokeAsync();
        var failures = notebooks
            .Select(n => (Name: Path.GetFileName(n), Nb: NotebookFile.Read(Path.Combine(artifacts, "notebooks", Path.GetFileName(n)))))
            .SelectMany(x => x.Nb.CodeCells.SelectMany(c => c.Outputs).Where(o => o.OutputType == "error").Select(o => $"{x.Name}: {o.EValue}"))
            .ToList();
        Assert.True(code == 0 && failures.Count == 0, $"workbook run exited {code}: {string.Join("\n", failures)}");
        // Each solution notebook really requires its checks to pass.
        foreach (var n in notebooks)
            Assert.Contains("ExerciseLog.RequireAllPassed(", File.ReadAllText(n));
    }
}
