using Workbook.Engine.Scripting;
using Workbook.Kernel.Backend;
using Workbook.Kernel.Engine;
using Xunit.Abstractions;

namespace Workbook.Kernel.Tests;

/// <summary>Issue 11's kernel items: goto loops interruptible, abandoned cells visible, control serves only control
/// messages, a huge unsigned message is not buffered, and outputs follow the export's rules.</summary>
public sealed class KernelRobustnessTests(ITestOutputHelper output)
{
    [JupyterFact]
    public void GotoLoop_InterruptStopsIt_NoThreadAbandoned()
    {
        var snippets = new Dictionary<string, string>(EngineProtocolTests.Snippets)
        {
            ["loop"] = "long i = 0;\nagain: i++;\ngoto again;",
        };
        using var jupyter = new JupyterHarness("cli", output);
        var result = jupyter.RunScenario("interrupt", snippets);
        // stopped at a loop check: "Interrupted", not abandoned (CellAbandoned) with a thread burning a core
        Assert.Equal("Interrupted", (string?)result["ename"]);
        Assert.True((double)result["interrupt_to_reply_ms"]! < 10_000, result.ToJsonString());
    }

    [Fact]
    public async Task AbandonedCell_IsAnErrorWithAWarning_AndLaterCellsWarnWhileItRuns()
    {
        await using var backend = new EngineBackend(new ScriptSession(new ScriptSessionOptions { NotebookName = "k.ipynb" }));
        var outputs = new List<KernelOutput>();
        Assert.Equal(KernelExecutionStatus.Ok, (await backend.ExecuteAsync("var warm = 1;", 1, outputs.Add, CancellationToken.None)).Status);
        outputs.Clear();
        using var cts = new CancellationTokenSource();
        var running = backend.ExecuteAsync("Console.WriteLine(\"sleeping\");\nSystem.Threading.Thread.Sleep(8000);", 2, o =>
        {
            lock (outputs) outputs.Add(o);
            cts.Cancel(); // interrupt once the cell has started (its first output)
        }, cts.Token);
        var r = await running;
        Assert.Equal(KernelExecutionStatus.Error, r.Status);
        Assert.Equal("CellAbandoned", r.Error!.Name);
        Assert.Contains("k.ipynb, cell 2: the cell did not stop when interrupted", r.Error.Value);
        Assert.Contains(outputs.OfType<KernelStreamOutput>(), o => o.Name == "stderr" && o.Text.Contains("its thread is still running", StringComparison.Ordinal));

        outputs.Clear();
        var next = await backend.ExecuteAsync("1 + 1", 3, outputs.Add, CancellationToken.None);
        Assert.Equal(KernelExecutionStatus.Ok, next.Status);
        var warning = Assert.IsType<KernelStreamOutput>(outputs[0]);
        Assert.Equal("stderr", warning.Name);
        Assert.StartsWith("warning: 1 abandoned cell(s) still running", warning.Text);
    }

    [JupyterFact]
    public void ControlChannel_ExecuteRequestThere_IsRefusedAndDoesNotBlockALaterInterrupt()
    {
        using var jupyter = new JupyterHarness("cli", output);
        var result = jupyter.RunScenario("control_execute", EngineProtocolTests.Snippets);
        Assert.Equal("WrongChannel", (string?)result["wrong_channel_ename"]);
        Assert.Equal("Interrupted", (string?)result["ename"]);
        Assert.True((double)result["interrupt_to_reply_ms"]! < 10_000, result.ToJsonString());
    }

    [JupyterFact]
    public void UnsignedHugeMessage_IsRefusedBeforeItIsBuffered()
    {
        using var jupyter = new JupyterHarness("cli", output);
        var result = jupyter.RunScenario("huge_message", EngineProtocolTests.Snippets);
        var growth = (double)result["peak_after_mb"]! - (double)result["rss_before_mb"]!;
        // 200 MB buffered would raise the peak by at least 200 MB; refused at the frame's size header it moves by noise only
        Assert.True(growth < 60, $"peak RSS grew by {growth} MB: {result.ToJsonString()}");
    }

    [Fact]
    public void KernelOutputs_FollowTheExportRules()
    {
        var bundle = EngineBackend.ToBundle(new Dictionary<string, string>
        {
            ["text/plain"] = "shown",
            ["image/png"] = "\"><script>document.documentElement.dataset.pwned=1</script>",
            ["image/jpeg"] = "/9j/\n4AAQ",
            ["application/vnd.plotly.v1+json"] = "alert(1)",
            ["text/markdown"] = "**bold** <img src=x onerror=\"alert(1)\"> and <b>kept</b>\n\n<script>alert(2)</script>\n",
        });
        Assert.Equal("shown", (string?)bundle["text/plain"]);
        Assert.False(bundle.ContainsKey("image/png"));          // not base64: dropped
        Assert.Equal("/9j/4AAQ", (string?)bundle["image/jpeg"]); // base64: canonical form
        Assert.False(bundle.ContainsKey("application/vnd.plotly.v1+json")); // not JSON: dropped
        var md = (string)bundle["text/markdown"]!;
        Assert.Contains("**bold** &lt;img src=x onerror=&quot;alert(1)&quot;&gt; and <b>kept</b>", md);
        Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt;", md);
    }
}
