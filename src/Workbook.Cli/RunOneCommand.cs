using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;

namespace Workbook.Cli;

/// <summary>
/// <c>workbook run-one &lt;notebook&gt;</c> (hidden): the child process <c>workbook run</c> starts for each notebook. It runs
/// the notebook and streams each cell's record and outputs to its parent as <see cref="ChildProtocol"/> lines on stdout;
/// it writes no files, so a cell that kills this process (<c>Environment.Exit</c>, <c>FailFast</c>, a stack overflow, an
/// exception on a background thread) loses nothing the parent has not already received. A line <c>interrupt</c> on
/// stdin, SIGINT, or the end of stdin (the parent is gone) stops the running cell.
/// </summary>
internal static class RunOneCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("notebook");
        var timeout = new Option<double>("--timeout") { DefaultValueFactory = _ => 600 };
        var continueOnError = new Option<bool>("--continue-on-error");
        var cmd = new Command("run-one", "Run one notebook for `workbook run` (internal).") { path, timeout, continueOnError };
        cmd.Hidden = true;
        cmd.SetAction((pr, _) => RunAsync(pr.GetValue(path)!, pr.GetValue(timeout), pr.GetValue(continueOnError)));
        return cmd;
    }

    private static async Task<int> RunAsync(string path, double timeoutSeconds, bool continueOnError)
    {
        var wire = new ChildProtocol.Writer(Console.OpenStandardOutput());
        Console.SetIn(TextReader.Null); // cells read end of input, as in any headless run; stdin carries the parent's control lines
        Notebook nb;
        try { nb = NotebookFile.Read(path); }
        catch (NotebookFormatException e)
        {
            wire.Send(new JsonObject { ["e"] = "format_error", ["text"] = e.Message });
            return 2;
        }

        var cts = new CancellationTokenSource(); // never disposed: the control thread may cancel it until the process ends
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cts.Cancel(); });
        var control = new Thread(() => ReadControl(cts)) { IsBackground = true, Name = "run-one-control" };
        control.Start();

        var running = 0; // the code cell number running now, 0 between cells
        var finished = false;
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
            wire.Send(new JsonObject { ["e"] = "unhandled", ["cell"] = Volatile.Read(ref running), ["text"] = e.ExceptionObject.ToString() });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!Volatile.Read(ref finished))
                wire.Send(new JsonObject
                {
                    ["e"] = "exit",
                    ["cell"] = Volatile.Read(ref running),
                    ["code"] = Environment.ExitCode,
                    ["stack"] = new StackTrace(true).ToString(),
                });
        };

        var options = new RunOptions
        {
            ContinueOnError = continueOnError,
            CellTimeout = timeoutSeconds > 0 ? TimeSpan.FromSeconds(timeoutSeconds) : null,
            Log = m => wire.Send(new JsonObject { ["e"] = "log", ["text"] = m }),
            CellCompleted = (run, cell) => wire.Send(new JsonObject
            {
                ["e"] = "cell",
                ["index"] = run.CellIndex,
                ["number"] = run.CodeCellNumber,
                ["status"] = run.Status.ToString(),
                ["elapsed"] = run.Elapsed.TotalSeconds,
                ["first"] = run.TimeToFirstOutput?.TotalSeconds,
                ["execution_count"] = cell.ExecutionCount,
                ["outputs"] = NotebookFile.OutputsToJson(cell.Outputs),
            }),
        };
        var progress = new Progress(p =>
        {
            Volatile.Write(ref running, p.Status is null ? p.CodeCellNumber : 0);
            if (p.Status is null) wire.Send(new JsonObject { ["e"] = "start", ["number"] = p.CodeCellNumber, ["count"] = p.CodeCellCount });
        });
        var result = await NotebookRunner.RunAsync(nb, path, options, progress, cts.Token).ConfigureAwait(false);
        Volatile.Write(ref finished, true);
        wire.Send(new JsonObject { ["e"] = "end", ["elapsed"] = result.Elapsed.TotalSeconds });
        return 0;
    }

    private static void ReadControl(CancellationTokenSource cts)
    {
        try
        {
            using var reader = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
            while (reader.ReadLine() is { } line)
                if (line.Trim() == ChildProtocol.Interrupt) cts.Cancel();
        }
        catch (IOException) { }
        cts.Cancel(); // end of input: the parent is gone, so stop
    }

    private sealed class Progress(Action<CellProgress> action) : IProgress<CellProgress>
    {
        public void Report(CellProgress value) => action(value);
    }
}
