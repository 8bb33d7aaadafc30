using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;
using Workbook.Engine.Scripting;

namespace Workbook.Cli;

/// <summary>
/// <c>workbook run [paths]</c>: execute notebooks, write the executed copies and the HTML site under artifacts/. Options
/// and the output folder are checked before anything runs (never an output that would write over a source notebook);
/// notebooks run in a child process (<see cref="NotebookProcess"/>), so a cell that kills its process fails that notebook
/// only; Ctrl-C stops the running cell and writes what is done.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.ZeroOrMore, Description = "Notebooks or folders (default: every notebook in notebooks/)." };
        var output = new Option<string?>("--out", "-o") { Description = "Artifacts folder (default: artifacts/ at the repository root)." };
        var continueOnError = new Option<bool>("--continue-on-error") { Description = "Run the remaining cells after a failing cell." };
        var timeout = new Option<double>("--timeout") { Description = $"Per-cell time limit in seconds, 0 (none) to {MaxTimeoutSeconds} (default 600).", DefaultValueFactory = _ => 600 };
        var noBuild = new Option<bool>("--no-build") { Description = "Do not build src/Regularization before running." };
        var cmd = new Command("run", "Execute notebooks; write the executed notebooks and an HTML site (one page per notebook plus an index) under artifacts/.")
        {
            paths, output, continueOnError, timeout, noBuild,
        };
        cmd.SetAction(async (pr, ct) =>
        {
            // Ctrl-C (SIGINT) or SIGTERM: stop the running cell, write what is done; a second Ctrl-C ends the process at once.
            using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(ct);
            void OnSignal(PosixSignalContext c)
            {
                if (interrupted.IsCancellationRequested) return;
                c.Cancel = true;
                Console.Error.WriteLine("workbook run: interrupted; stopping the running cell and writing what is done (Ctrl-C again to quit at once)");
                interrupted.Cancel();
            }
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            return await RunAsync(pr.GetValue(paths) ?? [], pr.GetValue(output), pr.GetValue(continueOnError), pr.GetValue(timeout), pr.GetValue(noBuild), interrupted.Token);
        });
        return cmd;
    }

    /// <summary>The largest <c>--timeout</c>: what a cancellation timer can wait (int.MaxValue ms, about 24.8 days).</summary>
    internal const double MaxTimeoutSeconds = 2147483;

    private static async Task<int> RunAsync(string[] paths, string? output, bool continueOnError, double timeoutSeconds, bool noBuild, CancellationToken ct)
    {
        if (!double.IsFinite(timeoutSeconds) || timeoutSeconds < 0 || timeoutSeconds > MaxTimeoutSeconds)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] --timeout {timeoutSeconds.ToString("R", CultureInfo.InvariantCulture)} is not allowed: give the per-cell time limit in seconds, a finite number from 0 (no limit) to {MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} (24.8 days).");
            return 2;
        }
        var layout = Layout.Find();
        List<string> notebooks;
        try
        {
            notebooks = paths.Length > 0 ? Layout.Expand(paths)
                : Directory.Exists(layout.Notebooks) ? Layout.Expand([layout.Notebooks]) : [];
        }
        catch (FileNotFoundException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }
        if (notebooks.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"No notebooks to run: {(paths.Length > 0 ? "the given paths hold no .ipynb files" : $"{layout.Notebooks} has no .ipynb files yet")}. Nothing to do.");
            return 0;
        }
        var names = Layout.RelativeNames(notebooks);
        var artifacts = layout.Artifacts(output);
        if (OutputChecks.Problem(artifacts, notebooks, names, layout.Notebooks) is { } problem)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {problem}");
            return 2;
        }
        using var worker = new NotebookProcess(timeoutSeconds, continueOnError);
        worker.Start();
        if (!noBuild)
        {
            var (ok, message) = await LibraryBuild.EnsureAsync(layout.Root, notebooks, force: false, m => AnsiConsole.MarkupLineInterpolated($"[grey]{m}[/]"));
            if (!ok)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {message}");
                return 1;
            }
        }

        var results = new List<(string Name, NotebookRunResult? Result, string? Failure)>();
        var interactive = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
        string? stoppedIn = null;
        for (var k = 0; k < notebooks.Count; k++)
        {
            var (path, name) = (notebooks[k], names[k]);
            Notebook nb;
            try { nb = NotebookFile.Read(path); }
            catch (NotebookFormatException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]✗ {name}[/]: {e.Message}");
                results.Add((name, null, e.Message));
                continue;
            }
            var (result, crash) = interactive
                ? await RunWithProgressBar(worker, nb, path, name, ct)
                : await RunWithLines(worker, nb, path, name, ct);
            NotebookFile.Write(result.Executed, Path.Combine(artifacts, "notebooks", name));
            Site.WritePage(artifacts, name, result.Executed);
            string? failure = crash;
            if (failure is null && result.FirstFailure is { } f)
                failure = f.Error?.EValue ?? $"{name}, cell {f.CodeCellNumber}: {f.Status}";
            var summary = failure is null
                ? $"[green]✓[/] {Markup.Escape(name)}: {result.Cells.Count} cells in {result.Elapsed.TotalSeconds:0.0} s"
                : $"[red]✗[/] {Markup.Escape(name)}: {Markup.Escape(failure)}";
            AnsiConsole.MarkupLine(summary);
            results.Add((name, result, failure));
            if (ct.IsCancellationRequested)
            {
                stoppedIn = result.FirstFailure is { } c ? $"{name}, cell {c.CodeCellNumber}" : name;
                break;
            }
        }
        Site.WriteLinkedPages(artifacts, [.. results.Where(r => r.Result is not null).Select(r => (r.Name, r.Result!.Executed))]);
        Site.WriteIndex(artifacts, results.ToDictionary(r => r.Name, r => (r.Result, r.Failure)));
        WriteReport(artifacts, results);
        AnsiConsole.MarkupLineInterpolated($"Executed notebooks: {Path.Combine(artifacts, "notebooks")}");
        AnsiConsole.MarkupLineInterpolated($"HTML site: {Path.Combine(artifacts, "site", "index.html")}");
        if (stoppedIn is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]interrupted:[/] stopped in {stoppedIn}; wrote the {results.Count} notebook(s) run so far (the rest did not run) with the run report and the index.");
            return 130;
        }
        var failed = results.Where(r => r.Failure is not null).ToList();
        if (failed.Count == 0) return 0;
        AnsiConsole.MarkupLineInterpolated($"[red]{failed.Count} of {results.Count} notebook(s) failed:[/]");
        foreach (var f in failed) AnsiConsole.MarkupLineInterpolated($"  [red]{f.Failure}[/]");
        return 1;
    }

    private static Task<(NotebookRunResult, string?)> RunWithLines(NotebookProcess worker, Notebook nb, string path, string name, CancellationToken ct)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{name}[/]");
        var progress = new SyncProgress<CellProgress>(p =>
        {
            if (p.Status is null) return;
            var mark = p.Status == CellStatus.Ok ? "[green]ok[/]" : $"[red]{p.Status.ToString()!.ToLowerInvariant()}[/]";
            AnsiConsole.MarkupLine($"  cell {p.CodeCellNumber}/{p.CodeCellCount} {mark} {p.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        });
        return worker.RunAsync(nb, path, progress, Log, ct);
    }

    private static async Task<(NotebookRunResult, string?)> RunWithProgressBar(NotebookProcess worker, Notebook nb, string path, string name, CancellationToken ct)
    {
        (NotebookRunResult, string?) result = default;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var count = nb.Cells.Count(c => c.IsCode);
                var task = ctx.AddTask(Markup.Escape(name), maxValue: Math.Max(1, count));
                var progress = new SyncProgress<CellProgress>(p =>
                {
                    if (p.Status is null) task.Description = Markup.Escape($"{name}: cell {p.CodeCellNumber}/{p.CodeCellCount}");
                    else task.Value = p.CodeCellNumber;
                });
                result = await worker.RunAsync(nb, path, progress, Log, ct);
                task.Value = task.MaxValue;
            });
        return result;
    }

    private static void Log(string m) => AnsiConsole.MarkupLineInterpolated($"[grey]  {m}[/]");

    private static void WriteReport(string artifacts, List<(string Name, NotebookRunResult? Result, string? Failure)> results)
    {
        var arr = new JsonArray();
        foreach (var (name, r, failure) in results)
        {
            arr.Add(new JsonObject
            {
                ["notebook"] = name,
                ["ok"] = failure is null,
                ["failure"] = failure,
                ["cells"] = r?.Cells.Count ?? 0,
                ["seconds"] = r is null ? null : Math.Round(r.Elapsed.TotalSeconds, 2),
                ["first_output_seconds"] = r?.TimeToFirstOutput is TimeSpan t ? Math.Round(t.TotalSeconds, 3) : null,
                ["cell_seconds"] = r is null ? null : new JsonArray([.. r.Cells.Select(c => (JsonNode?)JsonValue.Create(Math.Round(c.Elapsed.TotalSeconds, 4)))]),
            });
        }
        Directory.CreateDirectory(artifacts);
        NotebookFile.WriteAllTextAtomic(Path.Combine(artifacts, "run-report.json"), arr.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports synchronously (no synchronization context hop).</summary>
    private sealed class SyncProgress<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
