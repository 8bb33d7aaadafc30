using Workbook.Engine.Scripting;

namespace Workbook.Engine.Tests;

/// <summary>Issue 11, the kernel's loop check: a backward <c>goto</c> is a loop too, so a timeout or an interrupt stops it
/// at a check instead of abandoning a thread that keeps burning a core.</summary>
public sealed class LoopCheckTests
{
    [Theory]
    [InlineData("long i = 0;\nagain: i++;\ngoto again;")]
    [InlineData("long i = 0;\nswitch (1)\n{\n    case 1: i++; goto case 2;\n    case 2: i++; goto case 1;\n}")]
    [InlineData("void Spin() { long i = 0; top: if (i >= 0) { i++; goto top; } }\nSpin();")]
    public async Task BackwardGotoLoopsStopAtTheTimeoutWithoutAbandoningTheThread(string cell)
    {
        using var s = new ScriptSession(new ScriptSessionOptions { NotebookName = "g.ipynb", CellTimeout = TimeSpan.FromSeconds(1) });
        Assert.True((await s.ExecuteAsync("var kept = 41;", 1)).IsOk);
        var r = await s.ExecuteAsync(cell, 2);
        Assert.Equal(CellStatus.Timeout, r.Status);
        Assert.DoesNotContain("abandoned", r.Error!.EValue);
        Assert.Equal(0, s.AbandonedCells);
        Assert.Equal(0, s.RunningAbandonedCells);
        Assert.Equal("42", (await s.ExecuteAsync("kept + 1", 3)).Outputs.Single().Data!["text/plain"]);
    }

    [Fact]
    public async Task LineNumbersStayThoseOfTheCellAfterTheGotoRewrite()
    {
        using var s = new ScriptSession(new ScriptSessionOptions { NotebookName = "g.ipynb" });
        var r = await s.ExecuteAsync("int i = 0;\nagain: i++;\nif (i < 3) goto again;\nthrow new InvalidOperationException(\"at line 4\");", 1);
        Assert.Equal(CellStatus.Error, r.Status);
        Assert.StartsWith("g.ipynb, cell 1, line 4:", r.Error!.EValue);
    }

    [Fact]
    public async Task AnAbandonedCellIsCountedWhileItsThreadRuns()
    {
        using var s = new ScriptSession(new ScriptSessionOptions { NotebookName = "g.ipynb", CellTimeout = TimeSpan.FromMilliseconds(300) });
        var r = await s.ExecuteAsync("System.Threading.Thread.Sleep(4000);", 1);
        Assert.Equal(CellStatus.Timeout, r.Status);
        Assert.Contains("its thread was abandoned", r.Error!.EValue);
        Assert.Equal(r.Error, r.Outputs.Single(o => o.OutputType == "error")); // the error reaches the notebook
        Assert.Equal(1, s.RunningAbandonedCells);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (s.RunningAbandonedCells > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(0, s.RunningAbandonedCells); // the sleep ended: no longer reported as running
        Assert.Equal(1, s.AbandonedCells);
    }
}
