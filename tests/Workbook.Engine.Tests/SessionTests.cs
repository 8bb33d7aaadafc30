using Workbook.Engine.Notebooks;
using Workbook.Engine.Scripting;

namespace Workbook.Engine.Tests;

public sealed class SessionTests
{
    [Fact]
    public async Task StateDisplayConsoleTrailingExpressionAndErrorsWithCellAndLine()
    {
        using var s = new ScriptSession(new ScriptSessionOptions { NotebookName = "t.ipynb" });
        var streamed = new List<NotebookOutput>();
        var r1 = await s.ExecuteAsync("var x = 20;\nConsole.WriteLine(\"hello\");\ndisplay(x + 1);\nx * 2 + 2", 1, streamed.Add);
        Assert.Equal(CellStatus.Ok, r1.Status);
        Assert.Equal(r1.Outputs, streamed);
        Assert.Equal(["stream", "display_data", "execute_result"], r1.Outputs.Select(o => o.OutputType));
        Assert.Equal("hello\n", r1.Outputs[0].Text);
        Assert.Equal("21", r1.Outputs[1].Data!["text/plain"]);
        Assert.Equal("42", r1.Outputs[2].Data!["text/plain"]);
        Assert.Equal(1, r1.Outputs[2].ExecutionCount);

        // compile error: line within the cell
        var r2 = await s.ExecuteAsync("int y = x;\n\ny += undefinedName;", 2);
        Assert.Equal(CellStatus.Error, r2.Status);
        Assert.Equal(3, r2.ErrorLine);
        Assert.StartsWith("t.ipynb, cell 2, line 3: error CS0103", r2.Error!.EValue);
        Assert.Equal("CompilationError", r2.Error.EName);
        // the message is shown once: the traceback's headline, with no detail line repeating it
        Assert.Equal([$"CompilationError: {r2.Error.EValue}"], r2.Error.Traceback);
        var two = await s.ExecuteAsync("int p = missing1;\nint q = missing2;", 2);
        Assert.Equal(2, two.Error!.Traceback!.Count);
        Assert.Contains("missing1", two.Error.Traceback[0]);
        Assert.StartsWith("line 2, column 9: error CS0103", two.Error.Traceback[1]);
        Assert.DoesNotContain("missing1", two.Error.Traceback[1]);

        // runtime exception: the submission's stack frame maps to the cell line
        var r3 = await s.ExecuteAsync("var a = x;\nif (a == 20)\n    throw new InvalidOperationException(\"boom\");", 3);
        Assert.Equal(CellStatus.Error, r3.Status);
        Assert.Equal(3, r3.ErrorLine);
        Assert.Equal("t.ipynb, cell 3, line 3: System.InvalidOperationException: boom", r3.Error!.EValue);
        // frames name the cell (Roslyn's class of cell 3 is Submission#2) and its location
        var frames = string.Join("\n", r3.Error.Traceback!);
        Assert.DoesNotContain("Submission#", frames);
        Assert.Contains("at Cell3.", frames);
        Assert.Contains("in t.ipynb, cell 3, line 3", frames);

        // state survives errors; statements without a trailing expression give no result
        var r4 = await s.ExecuteAsync("x", 4);
        Assert.Equal("20", r4.Outputs.Single().Data!["text/plain"]);
        var r5 = await s.ExecuteAsync("x += 1;", 5);
        Assert.Empty(r5.Outputs);
        var r6 = await s.ExecuteAsync("string? n = null;\nn", 6);
        Assert.Equal("<null>", r6.Outputs.Single().Data!["text/plain"]);

        // an exception thrown in a method defined in an earlier cell names that cell
        await s.ExecuteAsync("void Fail(int k)\n{\n    if (k > 0) throw new ArgumentException(\"bad k\");\n}", 7);
        var r8 = await s.ExecuteAsync("Fail(1);", 8);
        Assert.Contains("cell 8", r8.Error!.EValue);
        Assert.Contains("raised in code from cell 7, line 3", r8.Error.EValue);
        var frames8 = string.Join("\n", r8.Error.Traceback!);
        Assert.Contains("at Cell7.Fail(Int32 k) in t.ipynb, cell 7, line 3", frames8);
        Assert.Contains("at Cell8.", frames8);
    }

    [Fact]
    public async Task TimeoutStopsARunawayLoopAndTheSessionKeepsItsState()
    {
        using var s = new ScriptSession(new ScriptSessionOptions { NotebookName = "t.ipynb", CellTimeout = TimeSpan.FromSeconds(1) });
        Assert.True((await s.ExecuteAsync("var kept = 41;", 1)).IsOk);
        var r = await s.ExecuteAsync("long i = 0;\nwhile (true) { i++; }", 2);
        Assert.Equal(CellStatus.Timeout, r.Status);
        Assert.Contains("t.ipynb, cell 2: the cell exceeded the time limit of 1 s", r.Error!.EValue);
        Assert.Equal(0, s.AbandonedCells);
        var after = await s.ExecuteAsync("kept + 1", 3);
        Assert.Equal("42", after.Outputs.Single().Data!["text/plain"]);
    }

    [Fact]
    public async Task CancellationInterruptsTheCellAndKeepsTheSession()
    {
        using var s = new ScriptSession(new ScriptSessionOptions { NotebookName = "t.ipynb" });
        Assert.True((await s.ExecuteAsync("var kept = 1;", 1)).IsOk);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        var r = await s.ExecuteAsync("long i = 0;\nwhile (i >= 0) { i++; }", 2, null, cts.Token);
        Assert.Equal(CellStatus.Cancelled, r.Status);
        Assert.Equal("Interrupted", r.Error!.EName);
        Assert.Equal("2", (await s.ExecuteAsync("kept + 1", 3)).Outputs.Single().Data!["text/plain"]);
        var early = await s.ExecuteAsync("kept", 4, null, new CancellationToken(canceled: true));
        Assert.Equal(CellStatus.Cancelled, early.Status);
    }

    [Fact]
    public async Task StreamsArriveWhileTheCellRuns()
    {
        using var s = new ScriptSession();
        var chunks = new List<string>();
        var r = await s.ExecuteAsync("Console.WriteLine(\"early\");\nSystem.Threading.Thread.Sleep(1500);\nConsole.WriteLine(\"late\");", 1,
            o => { if (o.OutputType == "stream") chunks.Add(o.Text ?? ""); });
        Assert.True(r.IsOk);
        // "early" was flushed as its own chunk while the cell slept, before "late" was written.
        Assert.Equal(["early\n", "late\n"], chunks);
    }

    [Fact]
    public async Task AwaitBackgroundOutputAndFailingFormatters()
    {
        using var s = new ScriptSession(new ScriptSessionOptions { NotebookName = "t.ipynb" });
        var r1 = await s.ExecuteAsync("await Task.Delay(20);\nConsole.WriteLine(\"after await\");\nawait Task.Run(() => Console.WriteLine(\"from the pool\"));\n5", 1);
        Assert.True(r1.IsOk, r1.Error?.EValue);
        Assert.Equal("after await\nfrom the pool\n", string.Concat(r1.Outputs.Where(o => o.OutputType == "stream").Select(o => o.Text)));
        Assert.Equal("5", r1.Outputs[^1].Data!["text/plain"]);

        var r2 = await s.ExecuteAsync("class Bad { public string ToHtml() => throw new InvalidOperationException(\"no html\"); }\nnew Bad()", 2);
        Assert.Equal(CellStatus.Error, r2.Status);
        Assert.Contains("t.ipynb, cell 2: displaying the cell's value failed", r2.Error!.EValue);
        Assert.Contains("no html", r2.Error.EValue);
        var r3 = await s.ExecuteAsync("display(new Bad());", 3);
        Assert.Equal(CellStatus.Error, r3.Status);
        Assert.Equal(1, r3.ErrorLine);
    }

    [Fact]
    public async Task EditorServices()
    {
        using var s = new ScriptSession();
        await s.ExecuteAsync("var numbers = new List<int> { 1, 2 };\nint Twice(int v) => 2 * v;", 1);
        var c1 = await s.GetCompletionsAsync("numbers.Ad", 10);
        Assert.Contains(c1.Items, i => i.Text == "Add");
        Assert.Contains(c1.Items, i => i.Text == "AddRange");
        Assert.Equal(8, c1.CursorStart);
        var c2 = await s.GetCompletionsAsync("Tw", 2);
        Assert.Contains(c2.Items, i => i.Text == "Twice");
        var c3 = await s.GetCompletionsAsync("numbers.Whe", 11);
        Assert.Contains(c3.Items, i => i.Text == "Where");
        var c4 = await s.GetCompletionsAsync("Math.Sq", 7);
        Assert.Equal("Sqrt", Assert.Single(c4.Items).Text);

        Assert.Equal(CodeCompleteness.Complete, s.IsComplete("var a = 1;"));
        Assert.Equal(CodeCompleteness.Incomplete, s.IsComplete("if (true) {"));
        Assert.Equal(CodeCompleteness.Complete, s.IsComplete("#r \"nuget: X, 1.0\"\nvar b = 2;"));

        var info = await s.InspectAsync("Twice(3)", 2);
        Assert.NotNull(info);
        Assert.Contains("Twice(int v)", info!.Signature);
    }
}
