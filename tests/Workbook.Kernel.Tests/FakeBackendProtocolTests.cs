using Xunit.Abstractions;

namespace Workbook.Kernel.Tests;

/// <summary>
/// The wire protocol through Debian's jupyter_client, against the scripted <see cref="FakeBackend"/> (independent
/// of the engine): signatures, busy/idle, counts, interrupt, abort on error, shutdown and restart.
/// </summary>
public sealed class FakeBackendProtocolTests(ITestOutputHelper output)
{
    internal static readonly Dictionary<string, string> Snippets = new()
    {
        ["set_x"] = "set x 42",
        ["get_x"] = "get x",
        ["get_x_text"] = "42",
        ["print"] = "print hello",
        ["print_text"] = "hello\n",
        ["display"] = "display shown",
        ["loop"] = "loop",
        ["throw"] = "throw boom",
        ["throw_text"] = "boom",
        ["touch"] = "touch {path}",
        ["complete_code"] = "set y 1",
        ["complete_match"] = "set",
        ["inspect_code"] = "get x",
        ["inspect_text"] = "get NAME",
        ["incomplete_code"] = "print a \\",
        ["trivial"] = "",
    };

    [JupyterFact]
    public void Basics_KernelInfoExecuteCompleteInspectIsCompleteCommInfo()
    {
        using var jupyter = new JupyterHarness("fake", output);
        var result = jupyter.RunScenario("basics", Snippets);
        Assert.Equal(1, (int)result["first_count"]!);
    }

    [JupyterFact]
    public void ForgedUnsignedAndReplayedMessages_AreRejectedAndNotExecuted()
    {
        using var jupyter = new JupyterHarness("fake", output);
        var result = jupyter.RunScenario("bad_signature", Snippets);
        Assert.True((int)result["rejections_logged"]! >= 5, jupyter.ReadKernelLog());
    }

    [JupyterFact]
    public void Interrupt_StopsRunningCell_StateKept()
    {
        using var jupyter = new JupyterHarness("fake", output);
        jupyter.RunScenario("interrupt", Snippets);
    }

    [JupyterFact]
    public void ThrowingCell_DoesNotKillKernel_QueuedCellAborted()
    {
        using var jupyter = new JupyterHarness("fake", output);
        jupyter.RunScenario("crash", Snippets);
    }

    [JupyterFact]
    public void Shutdown_ExitsCleanly_NoProcessLeft()
    {
        using var jupyter = new JupyterHarness("fake", output);
        var result = jupyter.RunScenario("shutdown", Snippets);
        Assert.Equal(0, (int)result["exit_code"]!);
    }

    [JupyterFact]
    public void Restart_StartsFreshKernel_StateCleared()
    {
        using var jupyter = new JupyterHarness("fake", output);
        jupyter.RunScenario("restart", Snippets);
    }
}
