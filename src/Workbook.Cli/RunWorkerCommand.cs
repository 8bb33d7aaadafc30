using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;

namespace Workbook.Cli;

/// <summary>
/// <c>workbook run-worker</c> (hidden): the child process <c>workbook run</c> runs notebooks in. It reads
/// <c>run &lt;path&gt;</c> lines on stdin and runs each notebook in a fresh session, streaming each cell's record and
/// outputs to its parent as <see cref="ChildProtocol"/> lines on stdout; it writes no files, so a cell that kills this
/// process (<c>Environment.Exit</c>, <c>FailFast</c>, a stack overflow, an exception on a background thread) loses nothing
/// the parent has not received, and the parent starts a new worker for the next notebook. One worker serves many
/// notebooks, so the compiler warms up once per run, not once per notebook. A line <c>interrupt</c>, SIGINT, or the end
/// of stdin (the parent is gone) stops the running cell.
/// </summary>
internal static class RunWorkerCommand
{
    public static Command Create()
    {
        var timeout = new Option<double>("--timeout") { DefaultValueFactory = _ => 600 };
        var continueOnError = new Option<bool>("--continue-on-error");
        var cmd = new Command("run-worker", "Run notebooks for `workbook run` (internal).") { timeout, continueOnError };
        cmd.Hidden = true;
        cmd.SetAction((pr, _) => RunAsync(pr.GetValue(timeout), pr.GetValue(continueOnError)));
        return cmd;
    }

    private sealed class State
    {
        public CancellationTokenSource Current = new();
        public volatile bool Closed;
        public int Running; // the code cell number running now, 0 between cells
        public bool InNotebook;
    }

    private static async Task<int> RunAsync(double timeoutSeconds, bool continueOnError)
    {
        var wire = new ChildProtocol.Writer(Console.OpenStandardOutput());
        Console.SetIn(TextReader.Null); // cells read end of input, as in any headless run; stdin carries the parent's lines
        var state = new State();
        var queue = Channel.CreateUnbounded<string>();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; Interrupt(state); });
        new Thread(() => ReadControl(state, queue.Writer)) { IsBackground = true, Name = "run-worker-control" }.Start();
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
            wire.Send(new JsonObject { ["e"] = "unhandled", ["cell"] = Volatile.Read(ref state.Running), ["text"] = e.ExceptionObject.ToString() });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Volatile.Read(ref state.InNotebook))
                wire.Send(new JsonObject
                {
                    ["e"] = "exit",
                    ["cell"] = Volatile.Read(ref state.Running),
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
            Volatile.Write(ref state.Running, p.Status is null ? p.CodeCellNumber : 0);
            if (p.Status is null) wire.Send(new JsonObject { ["e"] = "start", ["number"] = p.CodeCellNumber, ["count"] = p.CodeCellCount });
        });

        await foreach (var path in queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            Notebook nb;
            try { nb = NotebookFile.Read(path); }
            catch (NotebookFormatException e)
            {
                wire.Send(new JsonObject { ["e"] = "format_error", ["text"] = e.Message });
                wire.Send(new JsonObject { ["e"] = "end", ["elapsed"] = 0.0 });
                continue;
            }
            CancellationToken token;
            lock (state) token = state.Current.Token;
            Volatile.Write(ref state.InNotebook, true);
            var result = await NotebookRunner.RunAsync(nb, path, options, progress, token).ConfigureAwait(false);
            Volatile.Write(ref state.InNotebook, false);
            wire.Send(new JsonObject { ["e"] = "end", ["elapsed"] = result.Elapsed.TotalSeconds });
            lock (state)
            {
                if (state.Current.IsCancellationRequested) state.Current = new CancellationTokenSource();
            }
        }
        return 0;
    }

    private static void Interrupt(State state)
    {
        lock (state) state.Current.Cancel();
    }

    private static void ReadControl(State state, ChannelWriter<string> queue)
    {
        try
        {
            using var reader = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
            while (reader.ReadLine() is { } line)
            {
                if (line.Trim() == ChildProtocol.Interrupt) Interrupt(state);
                else if (line.StartsWith(ChildProtocol.Run, StringComparison.Ordinal)) queue.TryWrite(line[ChildProtocol.Run.Length..]);
            }
        }
        catch (IOException) { }
        // end of input: the parent is gone, so stop the running cell and take no more notebooks
        state.Closed = true;
        Interrupt(state);
        queue.TryComplete();
    }

    private sealed class Progress(Action<CellProgress> action) : IProgress<CellProgress>
    {
        public void Report(CellProgress value) => action(value);
    }
}
