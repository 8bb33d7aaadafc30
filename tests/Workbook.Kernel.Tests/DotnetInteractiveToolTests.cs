using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;
using Xunit.Abstractions;

namespace Workbook.Kernel.Tests;

/// <summary>
/// Every notebook of <c>notebooks/</c> and <c>notebooks/solutions/</c>, unchanged, through the real .NET Interactive tool's
/// <c>.net-csharp</c> kernel with <c>jupyter nbconvert --execute</c>: no error output, and every chart the workbook's own
/// engine draws for the notebook is drawn there too, as a chart (text/html with a <c>div.workbook-plotly</c> and its
/// script, from <c>Workbook.Charts.ChartDisplay</c>, not the tool's object tree), with the same figure; the exercises'
/// feedback is shown with the engine's HTML too.
/// </summary>
public sealed partial class DotnetInteractiveToolTests(ITestOutputHelper output)
{
    public static TheoryData<string> Notebooks() => JupyterHarness.NotebooksIn("notebooks", Path.Combine("notebooks", "solutions"));

    [DotnetInteractiveTheory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_RunsUnchangedInTheRealTool_WithNoErrorAndEveryChartDrawn(string notebookPath)
    {
        var tool = DotnetInteractiveTool.FindFolder();
        Assert.True(tool is not null, $"the .NET Interactive tool (dotnet-interactive) is not installed: {DotnetInteractiveTool.InstallHint}");
        using var jupyter = new JupyterHarness("cli", output);
        DotnetInteractiveTool.InstallKernelSpecs(tool!, Path.Combine(jupyter.Prefix, "share", "jupyter"));

        var root = JupyterHarness.RepositoryRoot();
        var source = Path.Combine(root, notebookPath);
        // The tool does not build the two assemblies the opening cell loads; the workbook's front ends do.
        var (built, message) = await LibraryBuild.EnsureAsync(root, [source], force: false, output.WriteLine);
        Assert.True(built, message);

        var outDir = Path.Combine(jupyter.WorkDir, "out");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (code, stdout, stderr) = jupyter.Run(JupyterHarness.Python,
        [
            "-m", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
            "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=1800",
            "--output-dir", outDir, "--output", "executed", source,
        ], TimeSpan.FromSeconds(2400), new Dictionary<string, string>
        {
            ["PATH"] = DotnetInteractiveTool.SearchPath(tool!),
            ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
        }, workingDirectory: Path.GetDirectoryName(source));
        var toolSeconds = started.Elapsed.TotalSeconds;
        Assert.True(code == 0, $"nbconvert through .net-csharp failed (exit {code})\n{stdout}\n{stderr}");
        var inTool = NotebookFile.Read(Path.Combine(outDir, "executed.ipynb"));

        var errors = inTool.Cells.Select((c, i) => (c, i))
            .SelectMany(x => x.c.Outputs.Where(o => o.OutputType == "error").Select(o => $"cell {x.i}: {o.EName}: {o.EValue}"))
            .ToList();
        Assert.True(errors.Count == 0, $"{notebookPath} in the real tool: {errors.Count} error output(s)\n{string.Join("\n", errors)}");

        // The charts the workbook's own engine draws for this notebook, cell by cell, against the tool's.
        var headless = await HeadlessRuns.OfAsync(source);
        Assert.True(headless.Succeeded, $"the headless run of {notebookPath} failed at {headless.FirstFailure?.CellIndex}");
        Assert.Equal(headless.Executed.Cells.Count, inTool.Cells.Count);
        var charts = 0;
        var selfRendered = 0;
        for (var i = 0; i < inTool.Cells.Count; i++)
        {
            var want = headless.Executed.Cells[i].Outputs
                .Where(o => o.Data?.ContainsKey("application/vnd.plotly.v1+json") == true)
                .Select(o => CanonicalJson.Of(JsonNode.Parse(o.Data!["application/vnd.plotly.v1+json"])))
                .ToList();
            var got = inTool.Cells[i].Outputs
                .Where(o => o.Data?.TryGetValue("text/html", out var h) == true && h.Contains("class=\"workbook-plotly\"", StringComparison.Ordinal))
                .Select(o => CanonicalJson.Of(FigureOf(o.Data!["text/html"])))
                .ToList();
            var trees = inTool.Cells[i].Outputs.Count(o => o.Data?.TryGetValue("text/html", out var h) == true && h.Contains("Plotly.NET.GenericChart", StringComparison.Ordinal));
            Assert.True(trees == 0, $"{notebookPath}, cell {i}: the tool shows a chart as an object tree");
            Assert.True(want.Count == got.Count, $"{notebookPath}, cell {i}: the engine draws {want.Count} chart(s), the tool {got.Count}");
            for (var k = 0; k < want.Count; k++)
            {
                Assert.True(want[k] == got[k], $"{notebookPath}, cell {i}, chart {k}: the tool's figure differs from the engine's");
            }

            charts += got.Count;

            // the library's self-rendering results (exercise feedback, tables) as the engine shows them, not object trees
            var rendered = headless.Executed.Cells[i].Outputs
                .Select(o => o.Data?.GetValueOrDefault("text/html"))
                .Where(h => h is not null && h.Contains("class=\"exercise-check\"", StringComparison.Ordinal))
                .ToList();
            var toolHtml = inTool.Cells[i].Outputs.Select(o => o.Data?.GetValueOrDefault("text/html")).ToList();
            Assert.All(rendered, h => Assert.True(toolHtml.Contains(h), $"{notebookPath}, cell {i}: the tool does not show {h}"));
            selfRendered += rendered.Count;
        }

        var inlined = inTool.Cells.SelectMany(c => c.Outputs).Count(o => o.Data?.TryGetValue("text/html", out var h) == true
            && h.Contains("inlined by the workbook engine", StringComparison.Ordinal));
        Assert.True(charts == 0 || inlined == 1, $"{notebookPath}: plotly.js is inlined {inlined} times in the tool's notebook; expected once");
        output.WriteLine($"{notebookPath}: {charts} chart(s) drawn in the real tool and {selfRendered} exercise check(s) shown as in the engine, no error; nbconvert {toolSeconds:F1} s, headless {headless.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The figure a chart output draws: the JSON its script assigns to <c>fig</c>.</summary>
    private static JsonNode FigureOf(string html)
    {
        var m = FigureScript().Match(html);
        Assert.True(m.Success, $"no figure in the chart output:\n{html[..Math.Min(html.Length, 400)]}");
        return JsonNode.Parse(m.Groups["fig"].Value)!;
    }

    [GeneratedRegex(@"var fig=(?<fig>\{.*\});var id=""", RegexOptions.Singleline)]
    private static partial Regex FigureScript();
}
