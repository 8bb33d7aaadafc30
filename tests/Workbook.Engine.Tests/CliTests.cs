using System.Text.Json.Nodes;
using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Tests;

/// <summary>The <c>workbook</c> command, invoked in-process.</summary>
public sealed class CliTests
{
    private static Task<int> Workbook(params string[] args) => Cli.Program.BuildRoot().Parse(args).InvokeAsync();

    [Fact]
    public async Task RunWithNoNotebooksSaysSoAndSucceeds()
    {
        var empty = TestPaths.NewTempDir("empty");
        Assert.Equal(0, await Workbook("run", empty, "--out", Path.Combine(empty, "artifacts")));
        Assert.False(Directory.Exists(Path.Combine(empty, "artifacts")));
    }

    [Fact]
    public async Task RunWritesExecutedNotebooksSiteAndReportAndFailsNamingTheCell()
    {
        var artifacts = TestPaths.NewTempDir("cli-run");
        // library.ipynb loads the Release builds of src/Regularization and src/Workbook.Charts, which `run` builds when missing or stale.
        var code = await Workbook("run", TestPaths.Notebook("library.ipynb"), TestPaths.Notebook("failing.ipynb"), "--out", artifacts);
        Assert.Equal(1, code);

        var library = NotebookFile.Read(Path.Combine(artifacts, "notebooks", "library.ipynb"));
        Assert.Equal("442 rows, 10 features\n", library.Cells[2].Outputs[0].Text);
        Assert.Equal("6.5", library.Cells[3].Outputs.Single().Data!["text/plain"]);
        // the opening cell also loads the chart helpers (src/Workbook.Charts, built like the library)
        var chart = JsonNode.Parse(library.Cells[4].Outputs.Single().Data!["application/vnd.plotly.v1+json"])!;
        Assert.Equal("A chart from Workbook.Charts", chart["layout"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal(400, chart["layout"]!["width"]!.GetValue<int>());
        Assert.Equal(0.25, chart["data"]![0]!["error_y"]!["array"]![1]!.GetValue<double>());
        var failing = NotebookFile.Read(Path.Combine(artifacts, "notebooks", "failing.ipynb"));
        Assert.Equal("error", failing.Cells[1].Outputs.Single().OutputType);

        var index = File.ReadAllText(Path.Combine(artifacts, "site", "index.html"));
        Assert.Contains("href=\"library.html\"", index);
        Assert.Contains("failed: failing.ipynb, cell 2, line 3", index);
        Assert.True(File.Exists(Path.Combine(artifacts, "site", "library.html")));
        // the pages share one local plotly.js and KaTeX in site/assets/ and stay small
        Assert.True(File.Exists(Path.Combine(artifacts, "site", "assets", "plotly-2.28.0.min.js")));
        Assert.True(File.Exists(Path.Combine(artifacts, "site", "assets", "katex", "katex.min.css")));
        Assert.InRange(new FileInfo(Path.Combine(artifacts, "site", "library.html")).Length, 1_000, 200_000);
        // the executed notebook stays self-contained: plotly.js once, in its first chart's output
        Assert.Single(library.Cells.SelectMany(c => c.Outputs), o => o.Data?.GetValueOrDefault("text/html")?.Contains("inlined by the workbook engine") == true);
        Assert.Contains("<a class=\"prev\" href=\"library.html\">&larr; Loading the library</a>", File.ReadAllText(Path.Combine(artifacts, "site", "failing.html")));

        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(artifacts, "run-report.json")))!.AsArray();
        Assert.Equal(["library.ipynb", "failing.ipynb"], report.Select(r => r!["notebook"]!.GetValue<string>()));
        Assert.True(report[0]!["ok"]!.GetValue<bool>());
        Assert.StartsWith("failing.ipynb, cell 2, line 3", report[1]!["failure"]!.GetValue<string>());

        // strip --check finds outputs, strip removes them, then --check passes
        var executed = Path.Combine(artifacts, "notebooks");
        Assert.Equal(1, await Workbook("strip", executed, "--check"));
        Assert.Equal(0, await Workbook("strip", executed));
        Assert.Equal(0, await Workbook("strip", executed, "--check"));
        Assert.All(NotebookFile.Read(Path.Combine(executed, "library.ipynb")).CodeCells, c => Assert.Empty(c.Outputs));

        // export writes pages from notebooks without running them
        var site2 = TestPaths.NewTempDir("cli-export");
        Assert.Equal(0, await Workbook("export", executed, "--out", site2));
        Assert.Contains("<title>Loading the library</title>", File.ReadAllText(Path.Combine(site2, "site", "library.html")));
    }

    [Fact]
    public async Task StripRestoresTheMetadataJupyterRewritesWhenItSavesANotebookRunWithTheWorkbookKernel()
    {
        var dir = TestPaths.NewTempDir("strip-metadata");
        var path = Path.Combine(dir, "saved.ipynb");
        File.Copy(TestPaths.Notebook("basics.ipynb"), path);
        // What Jupyter Notebook 6.4 writes on autosave after running the notebook with `workbook kernel`.
        var saved = NotebookFile.Read(path);
        saved.Metadata["kernelspec"] = new JsonObject { ["display_name"] = "C# (Workbook)", ["language"] = "C#", ["name"] = "workbook-csharp" };
        saved.Metadata["language_info"] = new JsonObject { ["name"] = "C#", ["version"] = "14.0", ["mimetype"] = "text/x-csharp", ["codemirror_mode"] = "text/x-csharp" };
        NotebookFile.Write(saved, path);

        Assert.Equal(1, await Workbook("strip", path, "--check"));
        Assert.Equal(0, await Workbook("strip", path));
        Assert.Equal(0, await Workbook("strip", path, "--check"));
        var restored = NotebookFile.Read(path).Metadata;
        Assert.True(JsonNode.DeepEquals(NotebookFile.Read(TestPaths.Notebook("basics.ipynb")).Metadata, restored), restored.ToJsonString());
    }

    [Fact]
    public async Task MalformedNotebookFailsTheRunWithAClearMessage()
    {
        var dir = TestPaths.NewTempDir("cli-bad");
        File.WriteAllText(Path.Combine(dir, "bad.ipynb"), "{ not json");
        Assert.Equal(1, await Workbook("run", dir, "--out", Path.Combine(dir, "out")));
        Assert.Equal(2, await Workbook("run", Path.Combine(dir, "missing.ipynb")));
    }
}

public sealed class NewNotebookTests
{
    [Fact]
    public void OpeningCellForTheNotebooksFolder()
    {
        Assert.Equal(
            "#r \"nuget: MathNet.Numerics, 5.0.0\"\n#r \"nuget: System.Numerics.Tensors, 10.0.0\"\n#r \"nuget: Plotly.NET, 6.0.0\"\n" +
            "#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\n#r \"../src/Regularization/bin/Release/net10.0/Regularization.dll\"\n" +
            "#r \"../src/Workbook.Charts/bin/Release/net10.0/Workbook.Charts.dll\"\n" +
            "using Regularization;\nusing Regularization.Data;\nusing Workbook.Charts;\nChartDisplay.Register();",
            Engine.Running.OpeningCell.For(Path.Combine(TestPaths.Root, "notebooks"), TestPaths.Root));
    }

    [Fact]
    public void EveryWorkbookAndSolutionNotebookOpensWithTheSameCell()
    {
        foreach (var folder in new[] { "notebooks", Path.Combine("notebooks", "solutions") })
        {
            var dir = Path.Combine(TestPaths.Root, folder);
            var expected = Engine.Running.OpeningCell.For(dir, TestPaths.Root);
            foreach (var file in Directory.GetFiles(dir, "*.ipynb"))
            {
                var first = NotebookFile.Read(file).CodeCells.First();
                Assert.True(expected == first.Source, $"{folder}/{Path.GetFileName(file)}: the opening cell differs from `workbook new`'s:\n{first.Source}");
            }
        }
    }

    [Fact]
    public async Task NewCreatesANotebookWithMetadataAndTheOpeningCellAndNeverOverwrites()
    {
        var dir = TestPaths.NewTempDir("new");
        var path = Path.Combine(dir, "09-topic.ipynb");
        Assert.Equal(0, await Cli.Program.BuildRoot().Parse(["new", path, "--title", "A topic"]).InvokeAsync());
        var nb = NotebookFile.Read(path);
        Assert.Equal(".net-csharp", nb.Metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("# A topic\n", nb.Cells[0].Source);
        Assert.StartsWith("#r \"nuget: MathNet.Numerics, 5.0.0\"", nb.Cells[1].Source);
        Assert.Equal(2, await Cli.Program.BuildRoot().Parse(["new", path]).InvokeAsync());
    }
}
