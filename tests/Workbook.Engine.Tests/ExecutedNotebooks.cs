using Workbook.Engine.Html;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;

namespace Workbook.Engine.Tests;

/// <summary>Runs the test notebooks once (basics, charts) and exports their pages; shared by several test classes.</summary>
public sealed class ExecutedNotebooks : IAsyncLifetime
{
    public static readonly string[] Names = ["basics.ipynb", "charts.ipynb"];

    public Dictionary<string, NotebookRunResult> Results { get; } = [];

    /// <summary>artifacts/test-site under the repository (gitignored).</summary>
    public string SiteDir { get; } = Path.Combine(TestPaths.Root, "artifacts", "test-site");

    public string Page(string notebook) => Path.Combine(SiteDir, Path.GetFileNameWithoutExtension(notebook) + ".html");

    /// <summary>The same page as a site writes it: plotly.js and KaTeX linked from the shared assets/ beside it.</summary>
    public string SharedPage(string notebook) => Path.Combine(SiteDir, "shared", Path.GetFileNameWithoutExtension(notebook) + ".html");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(SiteDir);
        foreach (var name in Names)
        {
            var path = TestPaths.Notebook(name);
            var result = await NotebookRunner.RunAsync(NotebookFile.Read(path), path, new RunOptions { SetCurrentDirectory = false });
            Results[name] = result;
            NotebookFile.WriteAllTextAtomic(Page(name), HtmlExporter.ExportPage(result.Executed, HtmlExporter.TitleOf(result.Executed, name)));
            SharedAssets.Write(Path.GetDirectoryName(SharedPage(name))!);
            NotebookFile.WriteAllTextAtomic(SharedPage(name), HtmlExporter.ExportPage(result.Executed, HtmlExporter.TitleOf(result.Executed, name),
                assetsHref: SharedAssets.Folder + "/"));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class ExecutedNotebooksCollection : ICollectionFixture<ExecutedNotebooks>
{
    public const string Name = "executed notebooks";
}
