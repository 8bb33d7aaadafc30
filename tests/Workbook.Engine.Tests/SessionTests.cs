using Workbook.Engine.Notebooks;
using Workbook.Engine.Scripting;

namespace Workbook.Engine.Tests;

public sealed class SessionTests
{
    private static async Task<(CellResult R, List<NotebookOutput> Streamed)> Run(ScriptSession s, string code, int n)
    {
        var streamed = new List<NotebookOutput>();
        var r = await s.ExecuteAsync(code, n, streamed.Add);
        return (r, streamed);
    }

    [Fact]
    public async Task StateDisplayConsoleAndErrors()
    {
        using var s = new ScriptSession(new ScriptSessionOptions { NotebookName = "t.ipynb" });
        var (r1, _) = await Run(s, "var x = 20;\nConsole.WriteLine(\"hello\");\ndisplay(x + 1);\nx * 2 + 2", 1);
        Assert.Equal(CellStatus.Ok, r1.Status);
        Assert.Equal(3, r1.Outputs.Count);
        Assert.Equal("stream", r1.Outputs[0].OutputType);
        Assert.Equal("hello\n", r1.Outputs[0].Text);
        Assert.Equal("display_data", r1.Outputs[1].OutputType);
        Assert.Equal("21", r1.Outputs[1].Data!["text/plain"]);
        Assert.Equal("execute_result", r1.Outputs[2].OutputType);
        Assert.Equal("42", r1.Outputs[2].Data!["text/plain"]);
        Assert.Equal(1, r1.Outputs[2].ExecutionCount);

        var (r2, _) = await Run(s, "int y = x;\n\ny += undefinedName;", 2);
        Assert.Equal(CellStatus.Error, r2.Status);
        Assert.Equal(3, r2.ErrorLine);
        Assert.Contains("t.ipynb, cell 2, line 3", r2.Error!.EValue);
        Assert.Contains("CS0103", r2.Error.EValue);

        var (r3, _) = await Run(s, "var a = x;\nif (a == 20)\n    throw new InvalidOperationException(\"boom\");", 3);
        Assert.Equal(CellStatus.Error, r3.Status);
        Assert.Equal(3, r3.ErrorLine);
        Assert.Contains("t.ipynb, cell 3, line 3", r3.Error!.EValue);
        Assert.Contains("boom", r3.Error.EValue);

        var (r4, _) = await Run(s, "x", 4);
        Assert.Equal("20", r4.Outputs.Single().Data!["text/plain"]);
    }
}
