using System.Diagnostics;
using static Workbook.Engine.Tests.RobustnessKit;
using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Tests;

/// <summary>Issue 11, runner crashes: a cell that kills its process fails its notebook only (each notebook runs in a
/// child process), and Ctrl-C stops the running cell, writes what is done and says so.</summary>
public sealed class RunnerCrashTests
{
    [Fact]
    public async Task CellsThatKillTheirProcessAreReportedWithNotebookCellAndLineAndTheRunGoesOn()
    {
        var dir = TestPaths.NewTempDir("crash");
        const string first = "var kept = 1;\nConsole.Write(\"cell 1 ran\");";
        var sources = new[]
        {
            WriteNotebook(dir, "a-exit.ipynb", first, "var code = 3;\nEnvironment.Exit(code);", "kept"),
            WriteNotebook(dir, "b-failfast.ipynb", first, "var why = \"gave up\";\nEnvironment.FailFast(why);"),
            WriteNotebook(dir, "c-stack.ipynb", first, "int Deeper(int n) => Deeper(n + 1) + 1;\nDeeper(0)"),
            WriteNotebook(dir, "d-thread.ipynb", first,
                "using System.Threading;\nvar t = new Thread(() => throw new InvalidOperationException(\"from the background\"));\nt.Start();\nt.Join();"),
            WriteNotebook(dir, "e-fine.ipynb", "Console.Write(\"after the crashes\");"),
        };
        var before = Hashes(sources);
        var artifacts = Path.Combine(dir, "out");

        Assert.Equal(1, await InProcess("run", dir, "--out", artifacts, "--no-build"));

        var failures = Report(artifacts).ToDictionary(r => (string)r!["notebook"]!, r => (string?)r!["failure"]);
        Assert.Equal("a-exit.ipynb, cell 2, line 2: the process exited with code 3: the cell called Environment.Exit(3)", failures["a-exit.ipynb"]);
        Assert.Equal("b-failfast.ipynb, cell 2, line 2: the process exited with code 134 (SIGABRT): Environment.FailFast: gave up", failures["b-failfast.ipynb"]);
        Assert.Equal("c-stack.ipynb, cell 2, line 1: the process exited with code 134 (SIGABRT): stack overflow in Deeper (unbounded recursion?)", failures["c-stack.ipynb"]);
        Assert.Equal("d-thread.ipynb, cell 2, line 2: the process exited with code 134 (SIGABRT) after an unhandled exception on a background thread: " +
                     "System.InvalidOperationException: from the background", failures["d-thread.ipynb"]);
        Assert.Null(failures["e-fine.ipynb"]);

        foreach (var name in new[] { "a-exit.ipynb", "b-failfast.ipynb", "c-stack.ipynb", "d-thread.ipynb" })
        {
            var executed = NotebookFile.Read(Path.Combine(artifacts, "notebooks", name)).CodeCells.ToList();
            Assert.Equal("cell 1 ran", executed[0].Outputs.Single().Text); // the cell before the crash keeps its output
            Assert.Equal(failures[name], executed[1].Outputs.Single(o => o.OutputType == "error").EValue);
            Assert.True(File.Exists(Path.Combine(artifacts, "site", Path.ChangeExtension(name, ".html"))));
        }
        Assert.Null(NotebookFile.Read(Path.Combine(artifacts, "notebooks", "a-exit.ipynb")).CodeCells.Last().ExecutionCount);
        Assert.Contains("failed: a-exit.ipynb, cell 2, line 2: the process exited with code 3", File.ReadAllText(Path.Combine(artifacts, "site", "index.html")));
        AssertUnchanged(before);
        AssertArtifactsComplete(artifacts);
    }

    [Fact]
    public async Task CtrlCStopsTheRunningCellWritesWhatIsDoneAndSaysSo()
    {
        var dir = TestPaths.NewTempDir("sigint");
        var sources = new[]
        {
            WriteNotebook(dir, "a-loop.ipynb", "Console.Write(\"cell 1 ran\");", "Console.WriteLine(\"looping\");\nwhile (true) { }", "3"),
            WriteNotebook(dir, "b-never.ipynb", "1"),
        };
        var before = Hashes(sources);
        var artifacts = Path.Combine(dir, "out");
        using var cli = StartCli(["run", dir, "--out", artifacts, "--no-build"]);
        var output = new System.Text.StringBuilder();
        var started = new TaskCompletionSource();
        cli.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.Contains("cell 1/3 ok", StringComparison.Ordinal)) started.TrySetResult();
        };
        cli.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        cli.BeginOutputReadLine();
        cli.BeginErrorReadLine();
        await started.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(1500); // cell 2 is in its loop

        var sw = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-INT", cli.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        await cli.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(130, cli.ExitCode);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), $"took {sw.Elapsed} to stop");
        string text;
        lock (output) text = output.ToString();
        Assert.Contains("interrupted; stopping the running cell and writing what is done", text);
        Assert.Contains("interrupted: stopped in a-loop.ipynb, cell 2; wrote the 1 notebook(s) run so far", text);

        var executed = NotebookFile.Read(Path.Combine(artifacts, "notebooks", "a-loop.ipynb")).CodeCells.ToList();
        Assert.Equal("cell 1 ran", executed[0].Outputs.Single().Text);
        Assert.Contains("the cell was interrupted", executed[1].Outputs.Single(o => o.OutputType == "error").EValue);
        Assert.Empty(executed[2].Outputs);
        Assert.Equal(["a-loop.ipynb"], Report(artifacts).Select(r => (string)r!["notebook"]!));
        Assert.False(File.Exists(Path.Combine(artifacts, "notebooks", "b-never.ipynb")));
        Assert.True(File.Exists(Path.Combine(artifacts, "site", "index.html")));
        AssertUnchanged(before);
        AssertArtifactsComplete(artifacts);
    }
}
