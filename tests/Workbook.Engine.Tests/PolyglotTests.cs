using System.Text.Json.Nodes;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;
using Workbook.Engine.Scripting;

namespace Workbook.Engine.Tests;

/// <summary>Cells in other kernels, chosen by magic command and by metadata; .NET Interactive's magic commands; value sharing.</summary>
public sealed class PolyglotTests
{
    private static IReadOnlyDictionary<string, string> OnlyDisplay(CellResult r) =>
        Assert.Single(r.Outputs, o => o.OutputType is "display_data" or "execute_result").Data!;

    /// <summary>Runs a cell and asserts it succeeded (the error's text is the failure message).</summary>
    private static async Task<CellResult> RunOk(ScriptSession session, string code, int cell)
    {
        var r = await session.ExecuteAsync(code, cell);
        Assert.True(r.IsOk, r.Error?.EValue);
        return r;
    }

    [Fact]
    public async Task KernelsChosenByMagicCommand()
    {
        using var s = new ScriptSession(new ScriptSessionOptions { NotebookName = "p.ipynb" });
        var html = await RunOk(s, "#!html\n<b id=\"x\">bold</b>", 1);
        Assert.Equal("<b id=\"x\">bold</b>", OnlyDisplay(html)["text/html"].Trim());
        Assert.Equal("bold", OnlyDisplay(html)["text/plain"]);

        var md = await RunOk(s, "#!markdown\n# Title\n\nThe penalty $\\lambda$.", 2);
        Assert.Equal("# Title\n\nThe penalty $\\lambda$.", OnlyDisplay(md)["text/markdown"]);
        Assert.Contains("<h1", OnlyDisplay(md)["text/html"]);

        var js = await RunOk(s, "#!javascript\ndocument.title = 'from js';", 3);
        Assert.Equal("document.title = 'from js';", OnlyDisplay(js)["application/javascript"].Trim());
        Assert.StartsWith("<script type=\"text/javascript\">", OnlyDisplay(js)["text/html"]);

        var value = await RunOk(s, "#!value --name notes\nline one\nline two", 4);
        Assert.Equal("line one\nline two", OnlyDisplay(value)["text/plain"]);

        var cs = await s.ExecuteAsync("#!csharp\n6 * 7", 5);
        Assert.Equal("42", OnlyDisplay(cs)["text/plain"]);

        // one cell, two kernels: C# then HTML, outputs in order
        var mixed = await RunOk(s, "var n = 3;\ndisplay(n);\n#!html\n<i>after</i>", 6);
        Assert.Equal(["3", "after"], mixed.Outputs.Select(o => o.Data!["text/plain"]));
    }

    [Fact]
    public async Task KernelsChosenByCellMetadataAndNotebookDefault()
    {
        var nb = Notebook.CreateCSharp();
        var html = NotebookCell.Code("<p>from metadata</p>");
        html.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = "html" };
        var js = NotebookCell.Code("console.log('js by metadata');");
        js.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = "javascript" };
        var md = NotebookCell.Code("**bold** by metadata");
        md.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = "markdown" };
        var cs = NotebookCell.Code("1 + 1");
        nb.Cells.AddRange([html, js, md, cs]);
        var r = await NotebookRunner.RunAsync(nb, "/tmp/m.ipynb", new RunOptions { SetCurrentDirectory = false });
        Assert.True(r.Succeeded, r.FirstFailure?.Error?.EValue);
        var cells = r.Executed.Cells;
        Assert.Equal("<p>from metadata</p>", cells[0].Outputs.Single().Data!["text/html"].Trim());
        Assert.Equal("console.log('js by metadata');", cells[1].Outputs.Single().Data!["application/javascript"].Trim());
        Assert.Contains("<strong>bold</strong>", cells[2].Outputs.Single().Data!["text/html"]);
        Assert.Equal("2", cells[3].Outputs.Single().Data!["text/plain"]);

        // the notebook's default kernel (polyglot_notebook.kernelInfo) applies to cells without their own, aliases resolve
        var htmlBook = Notebook.CreateCSharp();
        htmlBook.Metadata["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "html",
                ["items"] = new JsonArray(new JsonObject { ["name"] = "javascript", ["aliases"] = new JsonArray("js") }),
            },
        };
        var plain = new NotebookCell { CellType = "code", Source = "<em>default html</em>" };
        var alias = new NotebookCell { CellType = "code", Source = "var k = 1;" };
        alias.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = "js" };
        htmlBook.Cells.AddRange([plain, alias]);
        var r2 = await NotebookRunner.RunAsync(htmlBook, "/tmp/h.ipynb", new RunOptions { SetCurrentDirectory = false });
        Assert.True(r2.Succeeded, r2.FirstFailure?.Error?.EValue);
        Assert.Equal("<em>default html</em>", r2.Executed.Cells[0].Outputs.Single().Data!["text/html"].Trim());
        Assert.Equal("javascript", htmlBook.KernelNameFor(alias));
        Assert.Equal("var k = 1;", r2.Executed.Cells[1].Outputs.Single().Data!["application/javascript"].Trim());
    }

    [Fact]
    public async Task ValueSharingCSharpToJavaScriptAndBack()
    {
        using var s = new ScriptSession(new ScriptSessionOptions { NotebookName = "v.ipynb" });
        Assert.True((await s.ExecuteAsync("var budget = 1.25;\nvar weights = new[] { 0.5, -2.0 };", 1)).IsOk);

        // C# to JavaScript: #!set in a javascript cell becomes a global the cell's script sees
        var js = await RunOk(s, "#!javascript\n#!set --name weights --value @csharp:weights\nconsole.log(weights.length);", 2);
        Assert.Equal(2, js.Outputs.Count);
        Assert.Equal("globalThis[\"weights\"] = [0.5,-2];", js.Outputs[0].Data!["application/javascript"]);
        Assert.Equal("console.log(weights.length);", js.Outputs[1].Data!["application/javascript"].Trim());

        // ... and #!share from the C# side into javascript
        var share = await RunOk(s, "#!javascript\n#!share --from csharp budget\nconsole.log(budget);", 3);
        Assert.Equal("globalThis[\"budget\"] = 1.25;", share.Outputs[0].Data!["application/javascript"]);

        // back: JavaScript's values read from C# (#!set gives the JSON, #!share the value), like .NET Interactive
        var back = await RunOk(s, "#!set --name fromJs --value @javascript:weights\nfromJs.RootElement[1].GetDouble()", 4);
        Assert.Equal("-2", OnlyDisplay(back)["text/plain"]);
        var back2 = await RunOk(s, "#!share --from javascript budget --as jsBudget\njsBudget * 2", 5);
        Assert.Equal("2.5", OnlyDisplay(back2)["text/plain"]);

        // a value only the browser computes cannot be read headless: a clear error naming cell and line
        var missing = await s.ExecuteAsync("#!set --name z --value @javascript:onlyInBrowser", 6);
        Assert.Equal(CellStatus.Error, missing.Status);
        Assert.StartsWith("v.ipynb, cell 6, line 1: ", missing.Error!.EValue);
        Assert.Contains("JavaScript runs only in the page", missing.Error.EValue);

        // the value kernel: text stored by #!value, read by C#
        Assert.True((await s.ExecuteAsync("#!value --name csv\na,b\n1,2", 7)).IsOk);
        var csv = await s.ExecuteAsync("#!set --name text --value @value:csv\ntext.Split('\\n').Length", 8);
        Assert.Equal("2", OnlyDisplay(csv)["text/plain"]);
    }

    [Fact]
    public async Task MagicCommands()
    {
        using var s = new ScriptSession(new ScriptSessionOptions { NotebookName = "m.ipynb" });
        Assert.True((await s.ExecuteAsync("var alpha = 0.5;\nint count = 3;", 1)).IsOk);

        var who = await RunOk(s, "#!who", 2);
        Assert.Contains("alpha", OnlyDisplay(who)["text/plain"]);
        Assert.Contains("count", OnlyDisplay(who)["text/plain"]);

        var whos = await RunOk(s, "#!whos", 3);
        Assert.Contains("System.Double", OnlyDisplay(whos)["text/html"]);
        Assert.Contains("System.Int32", OnlyDisplay(whos)["text/html"]);

        var lsmagic = await RunOk(s, "#!lsmagic", 4);
        var list = OnlyDisplay(lsmagic)["text/plain"];
        foreach (var magic in new[] { "#!csharp", "#!html", "#!javascript", "#!markdown", "#!value", "#!time", "#!lsmagic", "#!set", "#!share", "#!who", "#!whos", "#r" })
            Assert.Contains(magic + " ", list.Replace('\n', ' ') + " ");

        var time = await RunOk(s, "#!time\nSystem.Threading.Thread.Sleep(120);\nalpha * 2", 5);
        Assert.Equal("1", time.Outputs.Single(o => o.OutputType == "execute_result").Data!["text/plain"]);
        var wall = time.Outputs.Single(o => o.OutputType == "display_data").Data!["text/plain"];
        Assert.Matches("^Wall time: [0-9.]+ms$", wall);
        Assert.InRange(double.Parse(wall[11..^2], System.Globalization.CultureInfo.InvariantCulture), 120, 60_000);

        var set = await s.ExecuteAsync("#!set --name copy --value @csharp:alpha\ncopy + 1", 6);
        Assert.Equal("1.5", OnlyDisplay(set)["text/plain"]);
        var share = await s.ExecuteAsync("#!share --from csharp count --as n\nn * 10", 7);
        Assert.Equal("30", OnlyDisplay(share)["text/plain"]);

        // line numbers after a stripped magic line are the cell's own lines
        var err = await s.ExecuteAsync("#!time\n\nint bad = \"s\";", 8);
        Assert.Equal(3, err.ErrorLine);
        Assert.StartsWith("m.ipynb, cell 8, line 3: error CS0029", err.Error!.EValue);
        var thrown = await s.ExecuteAsync("#!csharp\nvar k = 1;\nthrow new InvalidOperationException(\"after magic\");", 9);
        Assert.Equal(3, thrown.ErrorLine);
        Assert.Equal("m.ipynb, cell 9, line 3: System.InvalidOperationException: after magic", thrown.Error!.EValue);
    }

    [Fact]
    public async Task TightLoopIsInterruptedAndTheSessionKeepsItsKernels()
    {
        using var s = new ScriptSession(new ScriptSessionOptions { NotebookName = "t.ipynb" });
        Assert.True((await s.ExecuteAsync("var kept = 41;", 1)).IsOk);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(800));
        var r = await s.ExecuteAsync("while (true) {}", 2, null, cts.Token);
        Assert.Equal(CellStatus.Cancelled, r.Status);
        Assert.Equal("t.ipynb, cell 2: the cell was interrupted", r.Error!.EValue);
        Assert.Equal(0, s.AbandonedCells);
        Assert.Equal("42", OnlyDisplay(await s.ExecuteAsync("kept + 1", 3))["text/plain"]);
        Assert.True((await s.ExecuteAsync("#!html\n<b>still here</b>", 4)).IsOk);
    }

    [Fact]
    public async Task DibNotebookRuns()
    {
        var dir = TestPaths.NewTempDir("dib");
        var path = Path.Combine(dir, "polyglot.dib");
        File.WriteAllText(path, "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"name\":\"csharp\"},{\"name\":\"html\"}]}}\n\n" +
            "#!markdown\n\n# A .dib notebook\n\n#!csharp\n\nvar total = Enumerable.Range(1, 4).Sum();\ntotal\n\n#!html\n\n<p>html cell</p>\n\n" +
            "#!javascript\n\n#!set --name total --value @csharp:total\nconsole.log(total);\n");
        var nb = NotebookFile.Read(path);
        Assert.Equal(["markdown", "code", "code", "code"], nb.Cells.Select(c => c.CellType));
        Assert.Equal(["csharp", "html", "javascript"], nb.CodeCells.Select(c => c.Language));
        var r = await NotebookRunner.RunAsync(nb, path, new RunOptions { SetCurrentDirectory = false });
        Assert.True(r.Succeeded, r.FirstFailure?.Error?.EValue);
        var cells = r.Executed.CodeCells.ToList();
        Assert.Equal("10", cells[0].Outputs.Single().Data!["text/plain"]);
        Assert.Equal("<p>html cell</p>", cells[1].Outputs.Single().Data!["text/html"].Trim());
        Assert.Equal("globalThis[\"total\"] = 10;", cells[2].Outputs[0].Data!["application/javascript"]);
    }

    [Fact]
    public async Task PolyglotNotebookRunsTwiceToIdenticalFiles()
    {
        var nb = Notebook.CreateCSharp();
        nb.Cells.Add(NotebookCell.Code("var xs = new[] { 1.0, 2.0, 3.0 };\nConsole.WriteLine(\"sum\");\nxs.Sum()"));
        nb.Cells.Add(NotebookCell.Code("#!javascript\n#!set --name xs --value @csharp:xs\nconsole.log(xs);"));
        nb.Cells.Add(NotebookCell.Code("#!html\n<p>three values</p>"));
        nb.Cells.Add(NotebookCell.Code("#!markdown\nThe mean is **2**."));
        nb.Cells.Add(NotebookCell.Code("#!who"));
        var a = await NotebookRunner.RunAsync(nb, "/tmp/twice.ipynb", new RunOptions { SetCurrentDirectory = false });
        var b = await NotebookRunner.RunAsync(nb, "/tmp/twice.ipynb", new RunOptions { SetCurrentDirectory = false });
        Assert.True(a.Succeeded, a.FirstFailure?.Error?.EValue);
        Assert.Equal(NotebookFile.Serialize(a.Executed), NotebookFile.Serialize(b.Executed));
        Assert.Equal(5, a.Executed.CodeCells.Count(c => c.Outputs.Count > 0));
    }
}
