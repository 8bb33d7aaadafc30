using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;
using Workbook.Engine.Scripting;

namespace Workbook.Cli;

/// <summary>
/// Runs notebooks in a child process (<see cref="RunWorkerCommand"/>) and rebuilds each executed copy from the cells the
/// child streams back. One worker serves notebook after notebook (the compiler warms up once); when it dies in a cell,
/// that cell gets an error output naming notebook, cell and line ("the process exited with code 3 ..."), the cells
/// before it keep their outputs, and the next notebook gets a new worker. Cancelling the token asks the worker to stop
/// the running cell (and kills it if it has not ended <see cref="InterruptGrace"/> later).
/// </summary>
internal sealed partial class NotebookProcess(double timeoutSeconds, bool continueOnError) : IDisposable
{
    /// <summary>How long an interrupted worker may take to stop its cell before it is killed.</summary>
    public static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(10);

    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private Task _stderrTask = Task.CompletedTask;

    /// <summary>Runs one notebook. Returns the result, and a failure message when the worker ended without a cell to blame.</summary>
    public async Task<(NotebookRunResult Result, string? Crash)> RunAsync(Notebook notebook, string path,
        IProgress<CellProgress>? progress, Action<string> log, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        var executed = notebook.Clone();
        var code = executed.Cells.Select((c, i) => (c, i)).Where(x => x.c.IsCode).ToList();
        foreach (var (c, _) in code)
        {
            c.Outputs.Clear();
            c.ExecutionCount = null;
        }
        var runs = new List<CellRun>();
        var total = Stopwatch.StartNew();
        lock (_stderr) _stderr.Clear();
        var process = Worker();
        if (!TrySend(process, ChildProtocol.Run + Path.GetFullPath(path)))
        {
            // the worker ended between notebooks: a fresh one takes this notebook
            Dispose();
            process = Worker();
            TrySend(process, ChildProtocol.Run + Path.GetFullPath(path));
        }
        using var onCancel = ct.Register(() =>
        {
            TrySend(process, ChildProtocol.Interrupt);
            _ = Task.Delay(InterruptGrace, CancellationToken.None).ContinueWith(_ => Kill(process), TaskScheduler.Default);
        });

        JsonObject? exitEvent = null, unhandled = null;
        string? formatError = null;
        var ended = false;
        var running = 0;
        var cellStart = TimeSpan.Zero;
        while (!ended && await process.StandardOutput.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            if (ChildProtocol.Parse(line) is not { } ev)
            {
                if (line.Length > 0) log(line);
                continue;
            }
            switch ((string?)ev["e"])
            {
                case "start":
                    running = (int)ev["number"]!;
                    cellStart = total.Elapsed;
                    progress?.Report(new CellProgress(running, code.Count, null, TimeSpan.Zero));
                    break;
                case "cell":
                    var run = ReadCell(ev, executed, name);
                    runs.Add(run);
                    running = 0;
                    progress?.Report(new CellProgress(run.CodeCellNumber, code.Count, run.Status, run.Elapsed));
                    break;
                case "log": log((string?)ev["text"] ?? ""); break;
                case "exit": exitEvent = ev; break;
                case "unhandled": unhandled = ev; break;
                case "format_error": formatError = (string?)ev["text"]; break;
                case "end": ended = true; break;
            }
        }
        if (ended) return (new NotebookRunResult(executed, runs, total.Elapsed), formatError);

        // the worker died: everything it printed is in, then it is replaced for the next notebook
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await _stderrTask.ConfigureAwait(false);
        var exitCode = process.ExitCode;
        process.Dispose();
        _process = null;
        string errText;
        lock (_stderr) errText = _stderr.ToString();
        var number = running != 0 ? running : runs.Count + 1;
        var source = number <= code.Count ? code[number - 1].c.Source : "";
        var (message, cellLine) = Diagnose(exitCode, exitEvent, unhandled, errText, name, number, source);
        if (ct.IsCancellationRequested) message += " (after an interrupt)";
        if (number > code.Count)
            return (new NotebookRunResult(executed, runs, total.Elapsed), $"{name}: {message}");
        var evalue = $"{name}, cell {number}{(cellLine is int l ? $", line {l}" : "")}: {message}";
        var error = NotebookOutput.Error("ProcessExited", evalue, [$"ProcessExited: {evalue}", .. Tail(errText, 40)]);
        var (cell, index) = code[number - 1];
        cell.ExecutionCount = number;
        cell.Outputs.Add(error);
        runs.Add(new CellRun(index, number, CellStatus.Error, total.Elapsed - cellStart, error, null));
        progress?.Report(new CellProgress(number, code.Count, CellStatus.Error, total.Elapsed - cellStart));
        return (new NotebookRunResult(executed, runs, total.Elapsed), null);
    }

    /// <summary>The running worker, started when there is none.</summary>
    private Process Worker()
    {
        if (_process is not null) return _process;
        var process = Process.Start(StartInfo(timeoutSeconds, continueOnError))!;
        _stderrTask = Task.Run(async () =>
        {
            var buffer = new char[8192];
            int n;
            while ((n = await process.StandardError.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                lock (_stderr)
                {
                    _stderr.Append(buffer, 0, n);
                    if (_stderr.Length > 256 * 1024) _stderr.Remove(0, _stderr.Length - 128 * 1024);
                }
        }, CancellationToken.None);
        return _process = process;
    }

    private static bool TrySend(Process process, string line)
    {
        try
        {
            process.StandardInput.WriteLine(line);
            process.StandardInput.Flush();
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            return false;
        }
    }

    private static void Kill(Process process)
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }

    /// <summary>Starts the worker ahead of the first notebook, so its start-up overlaps the parent's own work.</summary>
    public void Start() => Worker();

    /// <summary>Ends the worker. Between notebooks it holds nothing the parent has not received, so it is killed at
    /// once rather than waited for.</summary>
    public void Dispose()
    {
        if (_process is not { } process) return;
        _process = null;
        try { process.StandardInput.Close(); }
        catch (IOException) { }
        Kill(process);
        process.WaitForExit(TimeSpan.FromSeconds(5));
        process.Dispose();
    }

    private static CellRun ReadCell(JsonObject ev, Notebook executed, string name)
    {
        var index = (int)ev["index"]!;
        var number = (int)ev["number"]!;
        var cell = executed.Cells[index];
        cell.ExecutionCount = (int?)ev["execution_count"];
        cell.Outputs.Clear();
        cell.Outputs.AddRange(NotebookFile.OutputsFromJson(ev["outputs"]!.AsArray(), $"{name}: cell {index + 1}"));
        var status = Enum.Parse<CellStatus>((string)ev["status"]!);
        TimeSpan? first = ev["first"] is JsonValue f ? TimeSpan.FromSeconds((double)f) : null;
        return new CellRun(index, number, status, TimeSpan.FromSeconds((double)ev["elapsed"]!), cell.Outputs.FirstOrDefault(o => o.OutputType == "error"), first);
    }

    /// <summary>What took the child down, and the line of the cell it was at when that can be told: from the managed stack
    /// trace when there is one, else (the runtime prints native traces without lines for FailFast and stack overflows, and
    /// none for Environment.Exit) the cell's line that makes the call or holds the recursive function.</summary>
    internal static (string Message, int? Line) Diagnose(int exitCode, JsonObject? exitEvent, JsonObject? unhandled, string stderr,
        string name, int cell, string source)
    {
        var exited = $"the process exited with code {exitCode}{SignalName(exitCode)}";
        if (exitEvent is not null)
            return ($"{exited}: the cell called Environment.Exit({(int?)exitEvent["code"] ?? exitCode})", LineIn((string?)exitEvent["stack"], name, cell) ?? LineOf(source, "Environment.Exit"));
        if (unhandled is not null)
        {
            var text = (string?)unhandled["text"] ?? "";
            return ($"{exited} after an unhandled exception on a background thread: {FirstLine(text)}", LineIn(text, name, cell));
        }
        if (stderr.Contains("Stack overflow", StringComparison.Ordinal))
        {
            var method = RecursiveFrame().Match(stderr) is { Success: true } m ? m.Groups["name"].Value : null;
            return ($"{exited}: stack overflow{(method is null ? "" : $" in {method}")} (unbounded recursion?)",
                LineIn(stderr, name, cell) ?? (method is null ? null : LineOf(source, method + "(")));
        }
        var terminated = stderr.IndexOf("Process terminated.", StringComparison.Ordinal);
        if (terminated >= 0)
        {
            var why = Tail(stderr[(terminated + "Process terminated.".Length)..], int.MaxValue).FirstOrDefault(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
            return ($"{exited}: Environment.FailFast: {why?.Trim()}", LineIn(stderr, name, cell) ?? LineOf(source, "FailFast("));
        }
        var last = Tail(stderr, 1).FirstOrDefault();
        return (last is null ? exited : $"{exited}: {last}", LineIn(stderr, name, cell));
    }

    /// <summary>The 1-based line of the first occurrence of <paramref name="text"/> in the cell, or null.</summary>
    private static int? LineOf(string source, string text)
    {
        var at = source.IndexOf(text, StringComparison.Ordinal);
        return at < 0 ? null : source[..at].Count(ch => ch == '\n') + 1;
    }

    /// <summary>The first frame of the repeated block of a stack-overflow trace: <c>at Submission#0.F(Int32)</c> or a local
    /// function <c>g__F|0_0</c>.</summary>
    [GeneratedRegex(@"Repeated \d+ times:\s*-+\s*at Submission#\d+[.+](?:[^\r\n(]*g__(?<name>[A-Za-z_][A-Za-z0-9_]*)\||(?<name>[A-Za-z_][A-Za-z0-9_]*)\()")]
    private static partial Regex RecursiveFrame();

    private static string SignalName(int exitCode) => exitCode switch
    {
        128 + 2 => " (SIGINT)",
        128 + 6 => " (SIGABRT)",
        128 + 9 => " (SIGKILL)",
        128 + 11 => " (SIGSEGV)",
        128 + 15 => " (SIGTERM)",
        _ => "",
    };

    /// <summary>The innermost stack frame line in this cell (<c>... in 03.ipynb#cell4:line 7</c>), or null.</summary>
    private static int? LineIn(string? text, string name, int cell)
    {
        if (text is null) return null;
        foreach (Match m in CellFrame().Matches(text))
            if (m.Groups["file"].Value.EndsWith(name, StringComparison.Ordinal) && int.Parse(m.Groups["cell"].Value, System.Globalization.CultureInfo.InvariantCulture) == cell)
                return int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return null;
    }

    [GeneratedRegex(@" in (?<file>[^\r\n]*)#cell(?<cell>\d+):line (?<line>\d+)")]
    private static partial Regex CellFrame();

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');

    private static IEnumerable<string> Tail(string text, int lines) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).TakeLast(lines);

    /// <summary>The child: this CLI again (its apphost, or <c>dotnet workbook.dll</c> when the CLI runs in another host).</summary>
    private static ProcessStartInfo StartInfo(double timeoutSeconds, bool continueOnError)
    {
        var dll = typeof(NotebookProcess).Assembly.Location;
        var self = Environment.ProcessPath;
        ProcessStartInfo psi;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == Path.GetFileNameWithoutExtension(dll))
            psi = new ProcessStartInfo(self);
        else
        {
            var host = self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
                : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
            psi = new ProcessStartInfo(host);
            psi.ArgumentList.Add(dll);
        }
        foreach (var a in new[] { "run-worker", "--timeout", timeoutSeconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        if (continueOnError) psi.ArgumentList.Add("--continue-on-error");
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.StandardOutputEncoding = Encoding.UTF8;
        psi.StandardErrorEncoding = Encoding.UTF8;
        psi.UseShellExecute = false;
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_DbgEnableMiniDump"] = "0"; // a crashing cell is reported, not dumped
        return psi;
    }
}
