using System.Diagnostics;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Scripting;

namespace Workbook.Engine.Running;

/// <summary>
/// Runs a notebook top to bottom in a fresh <see cref="ScriptSession"/>: code cells in order (execution counts 1, 2, ...),
/// each in its kernel (magic commands first, then the cell's <c>polyglot_notebook.kernelName</c>, then the notebook's
/// <c>polyglot_notebook.kernelInfo.defaultKernelName</c>, then C#),
/// markdown and raw cells kept, consecutive stream outputs merged. Stops at the first failing cell unless
/// <see cref="RunOptions.ContinueOnError"/>; cells after a stop are left without outputs or execution count.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Runs a notebook file's content. <paramref name="notebookPath"/> gives the working folder and the name in messages.</summary>
    public static async Task<NotebookRunResult> RunAsync(Notebook notebook, string notebookPath, RunOptions? options = null,
        IProgress<CellProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new RunOptions();
        var full = Path.GetFullPath(notebookPath);
        var executed = notebook.Clone();
        var code = executed.Cells.Select((c, i) => (c, i)).Where(x => x.c.IsCode).ToList();
        var runs = new List<CellRun>();
        var total = Stopwatch.StartNew();
        var previousDir = Directory.GetCurrentDirectory();
        using var session = new ScriptSession(new ScriptSessionOptions
        {
            WorkingDirectory = Path.GetDirectoryName(full)!,
            NotebookName = Path.GetFileName(full),
            CellTimeout = options.CellTimeout,
            SetCurrentDirectory = options.SetCurrentDirectory,
            Log = options.Log,
        });
        try
        {
            var stop = false;
            for (var k = 0; k < code.Count; k++)
            {
                var (cell, index) = code[k];
                cell.Outputs.Clear();
                cell.ExecutionCount = null;
                if (stop) continue;
                var number = k + 1;
                progress?.Report(new CellProgress(number, code.Count, null, TimeSpan.Zero));
                TimeSpan? first = null;
                var result = await session.ExecuteAsync(cell.Source, number, executed.KernelNameFor(cell), _ => first ??= total.Elapsed, cancellationToken).ConfigureAwait(false);
                cell.ExecutionCount = number;
                cell.Outputs.AddRange(MergeStreams(result.Outputs));
                runs.Add(new CellRun(index, number, result.Status, result.Elapsed, result.Error, first));
                options.CellCompleted?.Invoke(runs[^1], cell);
                progress?.Report(new CellProgress(number, code.Count, result.Status, result.Elapsed));
                if (!result.IsOk && (!options.ContinueOnError || result.Status == CellStatus.Cancelled)) stop = true;
            }
        }
        finally
        {
            if (options.SetCurrentDirectory && Directory.Exists(previousDir)) Directory.SetCurrentDirectory(previousDir);
        }
        return new NotebookRunResult(executed, runs, total.Elapsed);
    }

    /// <summary>Merges consecutive stream outputs of the same stream and drops empty ones.</summary>
    public static List<NotebookOutput> MergeStreams(IEnumerable<NotebookOutput> outputs)
    {
        var list = new List<NotebookOutput>();
        foreach (var o in outputs)
        {
            if (o.OutputType == "stream")
            {
                if (string.IsNullOrEmpty(o.Text)) continue;
                if (list.Count > 0 && list[^1] is { OutputType: "stream" } prev && prev.Name == o.Name)
                {
                    list[^1] = prev with { Text = prev.Text + o.Text };
                    continue;
                }
            }
            list.Add(o);
        }
        return list;
    }
}
