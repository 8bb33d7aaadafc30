using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbook.Engine.Display;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;
using Workbook.Engine.Scripting;

namespace Workbook.Engine.Tests;

[Collection(ExecutedNotebooksCollection.Name)]
public sealed partial class RunnerTests(ExecutedNotebooks executed)
{
    [Fact]
    public void BasicsNotebookRunsWithCountsOutputsAndMarkdownKept()
    {
        var r = executed.Results["basics.ipynb"];
        Assert.True(r.Succeeded, r.FirstFailure?.Error?.EValue);
        var nb = r.Executed;
        Assert.Equal("markdown", nb.Cells[0].CellType);
        Assert.Equal([1, 2, 3, 4, 5], nb.CodeCells.Select(c => c.ExecutionCount!.Value));
        var c1 = nb.Cells[1].Outputs;
        Assert.Equal("n = 5\n", c1[0].Text);
        Assert.Equal("15", c1[1].Data!["text/plain"]);
        // a #r "nuget:" cell first shows .NET Interactive's package report, then its own outputs
        Assert.Equal(2, nb.Cells[3].Outputs.Count);
        Assert.Contains("<strong>Installed Packages</strong>", nb.Cells[3].Outputs[0].Data!["text/html"]);
        Assert.Contains("MathNet.Numerics, 5.0.0", nb.Cells[3].Outputs[0].Data!["text/html"]);
        var c3 = nb.Cells[3].Outputs[1];
        Assert.Equal("Vector[5] [1, 2, 3, 4, 5]", c3.Data!["text/plain"]);
        Assert.Contains("<table class=\"workbook-vector\">", c3.Data["text/html"]);
        Assert.StartsWith("Matrix[3x3]\n2.5    0    0", nb.Cells[4].Outputs.Single().Data!["text/plain"]);
        // the ToHtml() convention: a library type provides its own HTML
        Assert.StartsWith("<table><tr><th>alpha</th><td>0.5</td>", nb.Cells[5].Outputs.Single().Data!["text/html"]);
        Assert.Equal("Fit { Alpha = 0.5, NonZeros = 3 }", nb.Cells[5].Outputs.Single().Data!["text/plain"]);
        Assert.NotNull(r.TimeToFirstOutput);
    }

    [Fact]
    public void ChartsHavePlotlyJsInlinedOnceDeterministicIdsAndPlotlyJson()
    {
        var nb = executed.Results["charts.ipynb"].Executed;
        var first = nb.Cells[1].Outputs.Single(o => o.OutputType == "execute_result");
        var second = nb.Cells[2].Outputs.Single();
        Assert.Equal("execute_result", first.OutputType);
        Assert.Equal("display_data", second.OutputType);
        var text = NotebookFile.Serialize(nb);
        Assert.Single(Regex.Matches(text, "plotly.js 2.28.0 \\(MIT\\), inlined"));
        Assert.Contains("plotly.js 2.28.0", first.Data!["text/html"]);
        Assert.DoesNotContain("plotly.js 2.28.0", second.Data!["text/html"]);
        Assert.Contains("<div id=\"nb-1-1\" class=\"workbook-plotly\">", first.Data["text/html"]);
        Assert.Contains("<div id=\"nb-2-1\" class=\"workbook-plotly\">", second.Data["text/html"]);
        var fig = JsonNode.Parse(first.Data["application/vnd.plotly.v1+json"])!;
        Assert.Equal("scatter", fig["data"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(20, fig["data"]![0]!["x"]!.AsArray().Count);
        Assert.Equal("Plotly chart \"Sine samples\": 1 trace(s) [scatter \"sin\"]", first.Data["text/plain"]);
        Assert.DoesNotContain("<script src", text, StringComparison.OrdinalIgnoreCase);
        Assert.False(Guid().IsMatch(text), "no random GUIDs in outputs");
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();

    [Fact]
    public async Task RunningTwiceGivesIdenticalFiles()
    {
        foreach (var name in ExecutedNotebooks.Names)
        {
            var path = TestPaths.Notebook(name);
            var again = await NotebookRunner.RunAsync(NotebookFile.Read(path), path, new RunOptions { SetCurrentDirectory = false });
            Assert.Equal(NotebookFile.Serialize(executed.Results[name].Executed), NotebookFile.Serialize(again.Executed));
        }
    }

    [Fact]
    public async Task AFailingCellStopsTheRunNamesCellAndLineAndLeavesTheSourceUntouched()
    {
        var path = TestPaths.Notebook("failing.ipynb");
        var before = File.ReadAllBytes(path);
        var r = await NotebookRunner.RunAsync(NotebookFile.Read(path), path, new RunOptions { SetCurrentDirectory = false });
        Assert.False(r.Succeeded);
        Assert.Equal(2, r.FirstFailure!.CodeCellNumber);
        Assert.Equal(1, r.FirstFailure.CellIndex);
        Assert.Equal("failing.ipynb, cell 2, line 3: System.InvalidOperationException: deliberate failure", r.FirstFailure.Error!.EValue);
        var cells = r.Executed.Cells;
        Assert.Equal("before\n", cells[0].Outputs.Single().Text);
        Assert.Equal("error", cells[1].Outputs.Single().OutputType);
        Assert.Empty(cells[2].Outputs);
        Assert.Null(cells[2].ExecutionCount);

        // the executed copy is written atomically elsewhere; the source is byte-for-byte unchanged
        var outDir = TestPaths.NewTempDir("failing");
        NotebookFile.Write(r.Executed, Path.Combine(outDir, "failing.ipynb"));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(3, NotebookFile.Read(Path.Combine(outDir, "failing.ipynb")).Cells.Count);

        var cont = await NotebookRunner.RunAsync(NotebookFile.Read(path), path, new RunOptions { SetCurrentDirectory = false, ContinueOnError = true });
        Assert.Equal("never runs\n", cont.Executed.Cells[2].Outputs.Single().Text);
        Assert.Equal(3, cont.Executed.Cells[2].ExecutionCount);
    }

    [Fact]
    public async Task CellsInUnknownKernelsAreReportedNotRun()
    {
        var nb = Notebook.CreateCSharp();
        var cell = NotebookCell.Code("let x = 1");
        cell.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = "fsharp" };
        nb.Cells.Add(cell);
        var r = await NotebookRunner.RunAsync(nb, "/tmp/x.ipynb", new RunOptions { SetCurrentDirectory = false });
        Assert.Equal(CellStatus.Error, r.FirstFailure!.Status);
        Assert.Equal("UnknownKernel", r.FirstFailure.Error!.EName);
        Assert.StartsWith("x.ipynb, cell 1: no kernel \"fsharp\" (this engine has csharp, html, javascript, markdown, value)", r.FirstFailure.Error.EValue);
    }

    [Fact]
    public void StreamsAreMerged()
    {
        var merged = NotebookRunner.MergeStreams([
            NotebookOutput.Stream("stdout", "a"), NotebookOutput.Stream("stdout", "b"), NotebookOutput.Stream("stderr", ""),
            NotebookOutput.Stream("stderr", "c"), NotebookOutput.Display(new Dictionary<string, string> { ["text/plain"] = "d" }),
            NotebookOutput.Stream("stdout", "e"),
        ]);
        Assert.Equal(["ab", "c", null, "e"], merged.Select(o => o.Text));
    }

    [Fact]
    public void PlainTextOfDoublesRoundTrips()
    {
        Assert.Equal("0.1", DisplayFormatter.PlainText(0.1));
        Assert.Equal("<null>", DisplayFormatter.PlainText(null));
    }
}
