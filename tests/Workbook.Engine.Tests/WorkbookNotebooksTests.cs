using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Tests;

/// <summary>
/// Every notebook under notebooks/ (the workbook itself) runs without error with the engine, through the same
/// <c>workbook run</c> command as README's main job, and its page passes the browser checks (screenshots in
/// artifacts/test-screenshots/notebooks/). Passes trivially while notebooks/ is empty; WORKBOOK_SKIP_NOTEBOOKS=1 skips it.
/// </summary>
public sealed class WorkbookNotebooksTests
{
    [Fact]
    public async Task EveryWorkbookNotebookRunsAndItsPageRenders()
    {
        if (Environment.GetEnvironmentVariable("WORKBOOK_SKIP_NOTEBOOKS") == "1") return;
        var folder = Path.Combine(TestPaths.Root, "notebooks");
        var notebooks = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToList() : [];
        if (notebooks.Count == 0) return;

        var artifacts = Path.Combine(TestPaths.Root, "artifacts", "test-workbook");
        var code = await Cli.Program.BuildRoot().Parse(["run", folder, "--out", artifacts]).InvokeAsync();
        var failures = notebooks
            .Select(n => NotebookFile.Read(Path.Combine(artifacts, "notebooks", Path.GetFileName(n))))
            .SelectMany(nb => nb.CodeCells.SelectMany(c => c.Outputs).Where(o => o.OutputType == "error").Select(o => o.EValue))
            .ToList();
        Assert.True(code == 0 && failures.Count == 0, $"workbook run exited {code}: {string.Join("\n", failures)}");

        if (PageChecker.Unavailable() is bool skip)
        {
            if (skip) return;
            Assert.Fail(PageChecker.MissingMessage);
        }
        var (playwright, browser) = await PageChecker.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var problems = new List<string>();
            foreach (var n in notebooks)
            {
                var stem = Path.GetFileNameWithoutExtension(n);
                var report = await PageChecker.CheckAsync(browser, Path.Combine(artifacts, "site", stem + ".html"),
                    Path.Combine(TestPaths.Root, "artifacts", "test-screenshots", "notebooks", stem + ".png"));
                problems.AddRange(report.Problems.Select(p => $"{stem}: {p}"));
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }
}
