using Xunit.Abstractions;

namespace Workbook.Kernel.Tests;

/// <summary>
/// The protocol proofs against the real engine (C# cells), through Debian's jupyter_client: forged
/// messages not executed, interrupt of <c>while (true) { }</c> with state kept, clean shutdown, restart clearing
/// state, a throwing cell not killing the kernel.
/// </summary>
public sealed class EngineProtocolTests(ITestOutputHelper output)
{
    internal static readonly Dictionary<string, string> Snippets = new()
    {
        ["set_x"] = "var x = 41;",
        ["get_x"] = "x + 1",
        ["get_x_text"] = "42",
        ["print"] = "Console.WriteLine(\"hello\");",
        ["print_text"] = "hello\n",
        ["display"] = "display(\"shown\");",
        ["loop"] = "while (true) { }",
        // Sleeps first so a request sent right after it is surely queued behind it (stop_on_error check).
        ["throw"] = "System.Threading.Thread.Sleep(300);\nthrow new InvalidOperationException(\"boom\");",
        ["throw_text"] = "boom",
        ["touch"] = "System.IO.File.WriteAllText(@\"{path}\", \"executed\");",
        ["complete_code"] = "Console.Wri",
        ["complete_match"] = "WriteLine",
        ["inspect_code"] = "Console.WriteLine",
        ["inspect_text"] = "WriteLine",
        ["incomplete_code"] = "if (x > 1) {",
        ["trivial"] = "x",
        ["read_line"] = "var name = Console.ReadLine();\nConsole.WriteLine($\"hello {name}\");",
        ["read_line_text"] = "hello Ada\n",
        ["read_line_eof"] = "Console.ReadLine() is null",
        ["read_line_eof_text"] = "True",
        ["chart"] = "#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\n" +
                    "Plotly.NET.CSharp.Chart.Point<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 4.0 })",
    };

    [JupyterFact]
    public void Basics_ExecuteDisplayStreamCompleteInspectIsComplete()
    {
        using var jupyter = new JupyterHarness("cli", output);
        jupyter.RunScenario("basics", Snippets);
    }

    [JupyterFact]
    public void ListensOnlyOnTheConnectionFilesFivePortsAtLoopback()
    {
        using var jupyter = new JupyterHarness("cli", output);
        var result = jupyter.RunScenario("listeners", Snippets);
        Assert.Equal(5, result["listening"]!.AsArray().Count);
        Assert.All(result["listening"]!.AsArray(), a => Assert.StartsWith("127.0.0.1:", a!.GetValue<string>()));
    }

    [JupyterFact]
    public void ForgedUnsignedAndReplayedExecuteRequests_AreNotExecuted()
    {
        using var jupyter = new JupyterHarness("cli", output);
        jupyter.RunScenario("bad_signature", Snippets);
    }

    [JupyterFact]
    public void Interrupt_StopsWhileTrue_NextCellRunsWithStateIntact()
    {
        using var jupyter = new JupyterHarness("cli", output);
        var result = jupyter.RunScenario("interrupt", Snippets);
        Assert.True((double)result["interrupt_to_reply_ms"]! < 10_000, result.ToJsonString());
    }

    /// <summary>
    /// After a restart, the execution count starts again at 1, so ids <c>nb-{count}-{index}</c> repeated those of the old
    /// process's outputs still on the page, and the new chart was drawn into an old cell's element. Ids carry a token
    /// unique to the kernel process now.
    /// </summary>
    [JupyterFact]
    public void ChartIds_AreUniquePerKernelProcess_SoARestartNeverReusesAnOldOutputsElement()
    {
        using var jupyter = new JupyterHarness("cli", output);
        var charts = jupyter.RunScenario("chart_ids", Snippets)["charts"]!.AsArray();
        var ids = charts.Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(charts[0]!["count"]!.GetValue<int>(), charts[1]!["count"]!.GetValue<int>());
        Assert.All(ids, id => Assert.Matches("^nb-[0-9a-f]{8}-1-1$", id));
        Assert.NotEqual(ids[0], ids[1]);
        Assert.All(charts, c => Assert.True(c!["inlined"]!.GetValue<bool>(), "each kernel process inlines plotly.js with its first chart"));
    }

    [JupyterFact]
    public void ThrowingCell_DoesNotKillKernel()
    {
        using var jupyter = new JupyterHarness("cli", output);
        jupyter.RunScenario("crash", Snippets);
    }

    [JupyterFact]
    public void Shutdown_ExitsCleanly_NoProcessLeft()
    {
        using var jupyter = new JupyterHarness("cli", output);
        var result = jupyter.RunScenario("shutdown", Snippets);
        Assert.Equal(0, (int)result["exit_code"]!);
    }

    [JupyterFact]
    public void ShutdownWhileACellLoops_ExitsCleanly()
    {
        using var jupyter = new JupyterHarness("cli", output);
        var result = jupyter.RunScenario("shutdown_busy", Snippets);
        Assert.Equal(0, (int)result["exit_code"]!);
    }

    [JupyterFact]
    public void KernelExits_WhenItsClientIsKilled()
    {
        using var jupyter = new JupyterHarness("cli", output);
        jupyter.RunScenario("orphan", Snippets);
        Assert.Contains("the process that started the kernel is gone", jupyter.ReadKernelLog());
    }

    [JupyterFact]
    public void Sigint_InterruptsLikeTheMessage_KernelSurvives()
    {
        using var jupyter = new JupyterHarness("cli", output);
        jupyter.RunScenario("interrupt_signal", Snippets);
    }

    [JupyterFact]
    public void Interrupt_StopsACellBlockedInSleep_NextCellRuns()
    {
        using var jupyter = new JupyterHarness("cli", output);
        var snippets = new Dictionary<string, string>(Snippets) { ["loop"] = "System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);" };
        var result = jupyter.RunScenario("interrupt", snippets);
        Assert.True((double)result["interrupt_to_reply_ms"]! < 10_000, result.ToJsonString());
    }

    [JupyterFact]
    public void ConsoleReadLine_AsksTheFrontEnd_OrGetsEndOfInputWithoutStdin()
    {
        using var jupyter = new JupyterHarness("cli", output);
        jupyter.RunScenario("stdin", Snippets);
    }

    [JupyterFact]
    public void Restart_ClearsState()
    {
        using var jupyter = new JupyterHarness("cli", output);
        jupyter.RunScenario("restart", Snippets);
    }
}
