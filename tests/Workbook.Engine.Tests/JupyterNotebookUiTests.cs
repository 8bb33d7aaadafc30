using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Workbook.Engine.Display;
using Workbook.Engine.Notebooks;
using Workbook.Kernel;

namespace Workbook.Engine.Tests;

/// <summary>
/// The real Jupyter Notebook 6.4 web UI (Debian's jupyter-notebook) in Chromium, with the workbook kernelspec installed.
/// A saved notebook whose chart outputs carry no plotly.js (what is left after a page reload of a running kernel: the
/// kernel inlines plotly.js only with the first chart it draws, and re-running that cell replaced the output that held
/// it) used to show "plotly.js is not loaded" on every chart; the charts now load the kernelspec's copy from the
/// server. An untrusted notebook shows a hint instead of blank charts. Skipped only with WORKBOOK_SKIP_JUPYTER=1 or
/// WORKBOOK_SKIP_BROWSER=1.
/// </summary>
[Collection(ExecutedNotebooksCollection.Name)]
public sealed class JupyterNotebookUiTests(ExecutedNotebooks executed)
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task AfterAReload_ChartsWithoutPlotlyJsInThePageLoadItFromTheKernelspec_AndUntrustedChartsSayWhy()
    {
        if (Environment.GetEnvironmentVariable("WORKBOOK_SKIP_JUPYTER") == "1" || PageChecker.Unavailable() == true) return;
        if (PageChecker.Unavailable() is false) Assert.Fail(PageChecker.MissingMessage);
        Assert.True(File.Exists(Python) && Run(Python, ["-c", "import notebook"], new Dictionary<string, string>()).Code == 0,
            "Jupyter Notebook is missing: apt-get install jupyter-notebook (or set WORKBOOK_SKIP_JUPYTER=1)");

        var root = TestPaths.NewTempDir("jupyter-ui");
        var notebooks = Directory.CreateDirectory(Path.Combine(root, "nb")).FullName;
        var env = new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = Path.Combine(root, "prefix", "share", "jupyter"),
            ["JUPYTER_DATA_DIR"] = Path.Combine(root, "data"),
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(root, "runtime"),
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(root, "config"),
            ["JUPYTER_PLATFORM_DIRS"] = "1",
            ["PYTHONDONTWRITEBYTECODE"] = "1",
        };
        KernelSpecInstaller.Install(Path.Combine(root, "prefix"), ["dotnet", Path.Combine(AppContext.BaseDirectory, "workbook.dll")]);

        // The executed charts notebook as Jupyter saves it after the reload: no output carries plotly.js any more.
        var saved = executed.Results["charts.ipynb"].Executed.Clone();
        foreach (var cell in saved.Cells)
        {
            for (var i = 0; i < cell.Outputs.Count; i++)
            {
                if (cell.Outputs[i].Data is not { } data || !data.TryGetValue("text/html", out var html)) continue;
                cell.Outputs[i] = cell.Outputs[i] with
                {
                    Data = new Dictionary<string, string>(data) { ["text/html"] = html.Replace(DisplayFormatter.PlotlyScriptElements(), "", StringComparison.Ordinal) },
                };
            }
        }
        Assert.DoesNotContain(saved.Cells.SelectMany(c => c.Outputs), o => o.Data?.GetValueOrDefault("text/html")?.Contains("inlined by the workbook engine") == true);
        saved.Metadata["kernelspec"] = new System.Text.Json.Nodes.JsonObject { ["name"] = KernelSpecInstaller.KernelName, ["display_name"] = KernelSpecInstaller.DisplayName, ["language"] = "C#" };
        NotebookFile.Write(saved, Path.Combine(notebooks, "reloaded.ipynb"));
        // signatures are of the content: the untrusted copy must differ from the trusted one
        var copy = saved.Clone();
        copy.Cells.Insert(0, NotebookCell.Markdown("An untrusted copy (say, from a classmate)."));
        NotebookFile.Write(copy, Path.Combine(notebooks, "untrusted.ipynb"));
        var trust = Run(Python, ["-c", "from nbformat.sign import TrustNotebookApp; TrustNotebookApp.launch_instance()", Path.Combine(notebooks, "reloaded.ipynb")], env);
        Assert.True(trust.Code == 0, $"jupyter trust failed: {trust.Output}");

        var port = FreePort();
        var start = new ProcessStartInfo(Python, ["-m", "notebook", "--no-browser", "--allow-root", $"--port={port}", "--ip=127.0.0.1",
            "--NotebookApp.token=", "--NotebookApp.password=", $"--notebook-dir={notebooks}"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in env) start.Environment[k] = v;
        using var server = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        server.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            await WaitForServerAsync($"http://127.0.0.1:{port}/api", server, log);
            var (playwright, browser) = await PageChecker.LaunchAsync();
            using (playwright)
            await using (browser)
            {
                var page = await browser.NewPageAsync();
                var requests = new List<string>();
                page.Request += (_, r) => requests.Add(r.Url);
                await page.GotoAsync($"http://127.0.0.1:{port}/notebooks/reloaded.ipynb");
                await page.Locator("#nb-1-1 svg.main-svg").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
                await page.Locator("#nb-2-1 svg.main-svg").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
                Assert.Equal(20, await page.Locator("#nb-1-1 path.point").CountAsync());
                Assert.Equal(0, await page.Locator(".workbook-chart-hint").CountAsync());
                Assert.Contains(requests, u => u.Contains("/kernelspecs/workbook-csharp/" + DisplayFormatter.PlotlyFileName, StringComparison.Ordinal));

                var untrusted = await browser.NewPageAsync();
                await untrusted.GotoAsync($"http://127.0.0.1:{port}/notebooks/untrusted.ipynb");
                var hint = untrusted.Locator(".workbook-chart-hint").First;
                await hint.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
                Assert.Contains("trust the notebook", await hint.TextContentAsync());
                Assert.Equal(0, await untrusted.Locator("svg.main-svg").CountAsync());
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task WaitForServerAsync(string url, Process server, System.Text.StringBuilder log)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited) Assert.Fail($"jupyter notebook exited ({server.ExitCode}):\n{log}");
            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        Assert.Fail($"jupyter notebook did not answer at {url} within 90 s:\n{log}");
    }

    private static (int Code, string Output) Run(string file, string[] args, IReadOnlyDictionary<string, string> env)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in env) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
