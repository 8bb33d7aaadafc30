using System.Globalization;
using Workbook.Engine.Html;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;

namespace Workbook.Engine.Tests;

/// <summary>
/// Notebook 01's live constraint widget (a C# cell shares the problem, an <c>#!html</c> cell's script recomputes the
/// constrained minimizer) in the exported page, in a real browser: the slider and the L1/L2 toggle change the drawn
/// solution, the solution is the library's, and the page logs no console error.
/// </summary>
public sealed class WidgetBrowserTests
{
    [Fact]
    public async Task ConstraintWidgetRecomputesTheSolutionInTheExportedPage()
    {
        if (PageChecker.Unavailable() is not null) return; // reported by BrowserTests
        var source = Path.Combine(TestPaths.Root, "notebooks", "01-penalties-geometry.ipynb");
        var (built, message) = await LibraryBuild.EnsureAsync(TestPaths.Root, [source], force: false, _ => { });
        Assert.True(built, message);

        // the notebook up to its widget cell, run from the notebooks folder (relative #r paths)
        var nb = NotebookFile.Read(source);
        var widget = nb.Cells.FindIndex(c => c.IsCode && c.Source.StartsWith("#!html", StringComparison.Ordinal) && c.Source.Contains("nb01-widget", StringComparison.Ordinal));
        Assert.True(widget > 0, "notebook 01 has no #!html widget cell");
        Assert.Equal("html", nb.KernelNameFor(nb.Cells[widget]));
        nb.Cells.RemoveRange(widget + 1, nb.Cells.Count - widget - 1);
        var run = await NotebookRunner.RunAsync(nb, source, new RunOptions());
        Assert.True(run.Succeeded, run.FirstFailure?.Error?.EValue);
        var page = Path.Combine(TestPaths.NewTempDir("widget"), "01-widget.html");
        File.WriteAllText(page, HtmlExporter.ExportPage(run.Executed, "widget"));

        var loss = Regularization.Exercises.AnswerKeys.Notebook01.Loss;
        var (playwright, browser) = await PageChecker.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var report = await PageChecker.CheckAsync(browser, page, Path.Combine(TestPaths.Root, "artifacts", "test-screenshots", "01-widget.png"));
            Assert.True(report.Problems.Count == 0, string.Join("; ", report.Problems));

            var p = await browser.NewPageAsync();
            var errors = new List<string>();
            p.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
            p.PageError += (_, e) => errors.Add(e);
            await p.GotoAsync(new Uri(page).AbsoluteUri);
            var root = p.Locator(".nb01-widget");
            async Task<(double W1, double W2, string Readout)> Drawn()
            {
                var dot = root.Locator("circle.solution");
                Assert.Equal(1, await dot.CountAsync());
                return (double.Parse((await dot.GetAttributeAsync("data-w1"))!, CultureInfo.InvariantCulture),
                    double.Parse((await dot.GetAttributeAsync("data-w2"))!, CultureInfo.InvariantCulture),
                    (await root.Locator(".readout").TextContentAsync())!);
            }

            // t = 1, L1: the library's corner solution, w2 = 0 exactly
            var l1At1 = await Drawn();
            var lib = Regularization.Teaching.ConstrainedMinimizer.L1Ball(loss, 1.0).W;
            Assert.Equal(lib[0], l1At1.W1, 12);
            Assert.Equal(0.0, l1At1.W2);
            Assert.Contains("w\u2082 = 0 exactly", l1At1.Readout);
            Assert.Contains("agrees with the C# library", await root.Locator(".check").TextContentAsync());

            // the slider moves the solution off the axis past t* (about 1.6)
            await root.Locator("input.budget").FillAsync("2.5");
            var l1At25 = await Drawn();
            var lib25 = Regularization.Teaching.ConstrainedMinimizer.L1Ball(loss, 2.5).W;
            Assert.Equal(lib25[0], l1At25.W1, 12);
            Assert.Equal(lib25[1], l1At25.W2, 12);
            Assert.NotEqual(0.0, l1At25.W2);
            Assert.Equal("2.5", await root.Locator(".t-value").TextContentAsync());

            // the toggle switches to the L2 ball: the ridge-like solution, both coordinates non-zero
            await root.Locator("button[data-norm=l2]").ClickAsync();
            var l2At25 = await Drawn();
            var libL2 = Regularization.Teaching.ConstrainedMinimizer.L2Ball(loss, 2.5).W;
            Assert.Equal(libL2[0], l2At25.W1, 10);
            Assert.Equal(libL2[1], l2At25.W2, 10);
            Assert.NotEqual((l1At25.W1, l1At25.W2), (l2At25.W1, l2At25.W2));
            Assert.Equal("true", await root.Locator("button[data-norm=l2]").GetAttributeAsync("aria-pressed"));
            Assert.Equal(1, await root.Locator("svg.plane path.ball").CountAsync());
            Assert.Empty(errors);
        }
    }
}
