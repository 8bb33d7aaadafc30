using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;
using Workbook.Engine.Scripting;

namespace Workbook.Cli;

/// <summary><c>workbook run [paths]</c>: execute notebooks, write the executed copies and the HTML site under artifacts/.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.ZeroOrMore, Description = "Notebooks or folders (default: every notebook in notebooks/)." };
        var output = new Option<string?>("--out", "-o") { Description = "Artifacts folder (default: artifacts/ at the repository root)." };
        var continueOnError = new Option<bool>("--continue-on-error") { Description = "Run the remaining cells after a failing cell." };
        var timeout = new Option<double>("--timeout") { Description = "Per-cell time limit in seconds (0: none).", DefaultValueFactory = _ => 600 };
        var noBuild = new Option<bool>("--no-build") { Description = "Do not build src/Regularization before running." };
        var cmd = new Command("run", "Execute notebooks; write the executed notebooks and an HTML site (one page per notebook plus an index) under artifacts/.")
        {
            paths, output, continueOnError, timeout, noBuild,
        };
        cmd.SetAction((pr, ct) => RunAsync(pr.GetValue(paths) ?? [], pr.GetValue(output), pr.GetValue(continueOnError), pr.GetValue(timeout), pr.GetValue(noBuild), ct));
        return cmd;
    }

    private static async Task<int> RunAsync(string[] paths, string? output, bool continueOnError, double timeoutSeconds, bool noBuild, CancellationToken ct)
    {
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
        var artifacts = layout.Artifacts(output);
        if (!noBuild)
        {
            var (ok, message) = await LibraryBuild.EnsureAsync(layout.Root, notebooks, force: false, m => AnsiConsole.MarkupLineInterpolated($"[grey]{m}[/]"));
            if (!ok)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {message}");
                return 1;
            }
        }

        var options = new RunOptions
        {
            ContinueOnError = continueOnError,
            CellTimeout = timeoutSeconds > 0 ? TimeSpan.FromSeconds(timeoutSeconds) : null,
            Log = m => AnsiConsole.MarkupLineInterpolated($"[grey]  {m}[/]"),
        };
        var results = new List<(string Path, NotebookRunResult? Result, string? Failure)>();
        var interactive = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
        foreach (var path in notebooks)
        {
            var name = Path.GetFileName(path);
            Notebook nb;
            try { nb = NotebookFile.Read(path); }
            catch (NotebookFormatException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]✗ {name}[/]: {e.Message}");
                results.Add((path, null, e.Message));
                continue;
            }
            var result = interactive
                ? await RunWithProgressBar(nb, path, options, ct)
                : await RunWithLines(nb, path, options, ct);
            var executedPath = Path.Combine(artifacts, "notebooks", name);
            NotebookFile.Write(result.Executed, executedPath);
            Site.WritePage(artifacts, name, result.Executed);
            string? failure = null;
            if (result.FirstFailure is { } f)
                failure = f.Error?.EValue ?? $"{name}, cell {f.CodeCellNumber}: {f.Status}";
            var summary = failure is null
                ? $"[green]✓[/] {Markup.Escape(name)}: {result.Cells.Count} cells in {result.Elapsed.TotalSeconds:0.0} s"
                : $"[red]✗[/] {Markup.Escape(name)}: {Markup.Escape(failure)}";
            AnsiConsole.MarkupLine(summary);
            results.Add((path, result, failure));
            if (ct.IsCancellationRequested) break;
        }
        Site.WriteLinkedPages(artifacts, [.. results.Where(r => r.Result is not null).Select(r => (Path.GetFileName(r.Path), r.Result!.Executed))]);
        Site.WriteIndex(artifacts, results.ToDictionary(r => Path.GetFileName(r.Path), r => (r.Result, r.Failure)));
        WriteReport(artifacts, results);
        AnsiConsole.MarkupLineInterpolated($"Executed notebooks: {Path.Combine(artifacts, "notebooks")}");
        AnsiConsole.MarkupLineInterpolated($"HTML site: {Path.Combine(artifacts, "site", "index.html")}");
        var failed = results.Where(r => r.Failure is not null).ToList();
        if (failed.Count == 0) return 0;
        AnsiConsole.MarkupLineInterpolated($"[red]{failed.Count} of {results.Count} notebook(s) failed:[/]");
        foreach (var f in failed) AnsiConsole.MarkupLineInterpolated($"  [red]{f.Failure}[/]");
        return 1;
    }

    private static async Task<NotebookRunResult> RunWithLines(Notebook nb, string path, RunOptions options, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        AnsiConsole.MarkupLineInterpolated($"[bold]{name}[/]");
        var progress = new SyncProgress<CellProgress>(p =>
        {
            if (p.Status is null) return;
            var mark = p.Status == CellStatus.Ok ? "[green]ok[/]" : $"[red]{p.Status.ToString()!.ToLowerInvariant()}[/]";
            AnsiConsole.MarkupLine($"  cell {p.CodeCellNumber}/{p.CodeCellCount} {mark} {p.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        });
        return await NotebookRunner.RunAsync(nb, path, options, progress, ct);
    }

    private static async Task<NotebookRunResult> RunWithProgressBar(Notebook nb, string path, RunOptions options, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        NotebookRunResult? result = null;
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
                result = await NotebookRunner.RunAsync(nb, path, options, progress, ct);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static void WriteReport(string artifacts, List<(string Path, NotebookRunResult? Result, string? Failure)> results)
    {
        var arr = new JsonArray();
        foreach (var (path, r, failure) in results)
        {
            arr.Add(new JsonObject
            {
                ["notebook"] = Path.GetFileName(path),
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
