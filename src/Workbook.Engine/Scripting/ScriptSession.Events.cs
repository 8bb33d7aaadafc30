using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Workbook.Engine.Display;
using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Scripting;

public sealed partial class ScriptSession
{
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<= in )[^ ]*/(?=[^/ ]+#cell\d+:line )")]
    private static partial System.Text.RegularExpressions.Regex CellFrameFolder();

    /// <summary>What the kernel reported about the running cell.</summary>
    private sealed class CellOutcome(int cell, CancellationToken token)
    {
        public int Cell { get; } = cell;
        public CancellationToken Token { get; } = token;
        public bool Failed { get; set; }
        public Exception? Exception { get; set; }
        public string? Message { get; set; }
        public List<Microsoft.DotNet.Interactive.Diagnostic> Diagnostics { get; } = [];
        public Exception? FormatError { get; set; }
        public int LineOffset { get; set; }
        public bool Abandoned { get; set; }
        /// <summary>The C# pipeline has taken this cell's code.</summary>
        public bool Entered { get; set; }
        /// <summary>Completed when the C# pipeline is done with the cell: it finished, or it was abandoned.</summary>
        public TaskCompletionSource Settled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Kernel events to notebook outputs of the running cell.</summary>
    private void OnEvent(KernelEvent e)
    {
        if (_current is not { } ctx || _outcome is not { } outcome) return;
        switch (e)
        {
            case StandardOutputValueProduced o:
                ctx.Write("stdout", Plain(o));
                break;
            case StandardErrorValueProduced o:
                ctx.Write("stderr", Plain(o));
                break;
            case ReturnValueProduced r when IsCSharp(r):
                try
                {
                    ctx.Emit(NotebookOutput.Result(ctx.FormatResult(r.Value), outcome.Cell));
                }
                catch (Exception x)
                {
                    while (x is TargetInvocationException { InnerException: { } inner }) x = inner;
                    outcome.FormatError ??= x;
                }
                break;
            case ReturnValueProduced r:
                ctx.Emit(NotebookOutput.Result(Bundle(r), outcome.Cell));
                break;
            case DisplayedValueUpdated u when u.ValueId is { } id:
                ctx.Update(id, NotebookOutput.Display(Bundle(u)));
                break;
            case DisplayedValueProduced d when d.ValueId is { } id:
                ctx.Hold(id, NotebookOutput.Display(Bundle(d)));
                break;
            case DisplayedValueProduced d:
                ctx.Emit(NotebookOutput.Display(Bundle(d)));
                break;
            case DiagnosticsProduced d:
                lock (outcome.Diagnostics)
                    outcome.Diagnostics.AddRange(d.Diagnostics.Where(x => x.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
                break;
            case CommandFailed f when !outcome.Failed:
                outcome.Failed = true;
                outcome.Exception = f.Exception;
                outcome.Message = f.Message;
                break;
        }
    }

    private static bool IsCSharp(KernelEvent e) =>
        e.Command.TargetKernelName is null or "csharp" or "c#" or "C#" or "cs";

    private static string Plain(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? e.Value?.ToString() ?? "";

    private const string ScriptOpen = "<script type=\"text/javascript\">";

    private static Dictionary<string, string> Bundle(DisplayEvent e)
    {
        var bundle = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in e.FormattedValues) bundle.TryAdd(v.MimeType, v.Value);
        // The javascript kernel's output: the script, also as application/javascript (a trusted output type: Jupyter runs it,
        // the HTML export writes it as a script element).
        if (e.Command.TargetKernelName is "javascript" or "js" && bundle.TryGetValue("text/html", out var script)
            && script.StartsWith(ScriptOpen, StringComparison.Ordinal) && script.EndsWith("</script>", StringComparison.Ordinal))
        {
            bundle["application/javascript"] = script[ScriptOpen.Length..^"</script>".Length];
            bundle["text/plain"] = "";
        }
        if (!bundle.ContainsKey("text/plain"))
            bundle["text/plain"] = bundle.TryGetValue("text/html", out var h) ? DisplayFormatter.PlainFromHtml(h) : e.Value?.ToString() ?? "";
        return bundle;
    }

    private (CellStatus, NotebookOutput?, int?) Failure(CellContext ctx, CellOutcome outcome)
    {
        if (outcome.Exception is CodeSubmissionCompilationErrorException { InnerException: Microsoft.CodeAnalysis.Scripting.CompilationErrorException ce }
            && ce.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList() is { Count: > 0 } errors)
        {
            // Roslyn's own positions are relative to the C# part: add the magic lines before it.
            int LineOf(Microsoft.CodeAnalysis.Diagnostic d) => d.Location.GetLineSpan().StartLinePosition.Line + 1 + outcome.LineOffset;
            var detail = errors.Skip(1).Select(d => string.Create(CultureInfo.InvariantCulture,
                $"line {LineOf(d)}, column {d.Location.GetLineSpan().StartLinePosition.Character + 1}: error {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}"));
            return Fail(ctx, CellStatus.Error, "CompilationError", $"error {errors[0].Id}: {errors[0].GetMessage(CultureInfo.InvariantCulture)}", LineOf(errors[0]), detail);
        }
        List<Microsoft.DotNet.Interactive.Diagnostic> diagnostics;
        lock (outcome.Diagnostics) diagnostics = [.. outcome.Diagnostics];
        if (outcome.Exception is null or CodeSubmissionCompilationErrorException && diagnostics.Count > 0)
        {
            var first = diagnostics[0];
            var line = first.LinePositionSpan.Start.Line + 1;
            var ename = first.Code.StartsWith("CS", StringComparison.Ordinal) ? "CompilationError" : "DirectiveError";
            var detail = diagnostics.Skip(1).Select(d => string.Create(CultureInfo.InvariantCulture,
                $"line {d.LinePositionSpan.Start.Line + 1}, column {d.LinePositionSpan.Start.Character + 1}: error {d.Code}: {d.Message}"));
            return Fail(ctx, CellStatus.Error, ename, $"error {first.Code}: {first.Message}", line, detail);
        }
        if (outcome.Exception is { } e and not CodeSubmissionCompilationErrorException)
            return RuntimeError(ctx, e);
        var message = outcome.Message ?? "the kernel reported a failure";
        if (message.Contains("nuget", StringComparison.OrdinalIgnoreCase) || message.Contains("package", StringComparison.OrdinalIgnoreCase))
        {
            var nugetLine = ctx.Code?.Split('\n').Select((l, i) => (l, i)).FirstOrDefault(x => x.l.TrimStart().StartsWith("#r \"nuget:", StringComparison.Ordinal)).i + 1;
            return Fail(ctx, CellStatus.Error, "NuGetRestoreError", message, nugetLine);
        }
        return Fail(ctx, CellStatus.Error, "KernelError", message, null);
    }

    private (CellStatus, NotebookOutput?, int?) RuntimeError(CellContext ctx, Exception e)
    {
        var chain = new List<Exception>();
        for (var x = e; x is not null; x = x is TargetInvocationException or AggregateException ? x.InnerException : null) chain.Add(x);
        e = chain[^1];
        // Where it was raised: the innermost frame in any cell's code. Where the current cell was: its own innermost frame.
        (int Cell, int Line)? raised = null, here = null;
        foreach (var ex in Enumerable.Reverse(chain))
        {
            foreach (var frame in new StackTrace(ex, true).GetFrames())
            {
                var f = frame.GetFileName();
                if (f is null || !_cellOfFile.TryGetValue(Path.GetFileName(f), out var at) || frame.GetFileLineNumber() <= 0) continue;
                var (c, line) = (at.Cell, frame.GetFileLineNumber() + at.LineOffset);
                raised ??= (c, line);
                if (c == ctx.CellNumber) { here ??= (c, line); break; }
            }
        }
        var where = raised is { } r && r.Cell != ctx.CellNumber ? $" (raised in code from cell {r.Cell}, line {r.Line})" : "";
        // frames of cell code name the cell's file as "<notebook>#cell<n>" without a folder, so tracebacks do not depend on the
        // process's current directory (the kernel and the headless runner give the same text)
        var lines = (e.StackTrace ?? "").Split('\n').Select(l => CellFrameFolder().Replace(l.TrimEnd('\r'), "")).ToList();
        var lastSubmission = lines.FindLastIndex(l => l.Contains("Submission#", StringComparison.Ordinal));
        if (lastSubmission >= 0) lines = lines.Take(lastSubmission + 1).ToList();
        var message = $"{e.GetType().FullName}: {e.Message}{where}";
        var frames = lines.Where(l => l.Length > 0).ToList();
        return Fail(ctx, CellStatus.Error, e.GetType().Name, message, here?.Line, TracebackText.Frames(frames, TracebackText.SubmissionCells(frames)));
    }
}
