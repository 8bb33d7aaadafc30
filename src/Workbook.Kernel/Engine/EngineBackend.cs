using System.Text.Json;
using System.Text.Json.Nodes;
using Workbook.Engine.Html;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;
using Workbook.Engine.Scripting;
using Workbook.Kernel.Backend;

namespace Workbook.Kernel.Engine;

/// <summary>
/// Adapter from the workbook engine's <see cref="ScriptSession"/> to <see cref="IKernelBackend"/>: the kernel adds
/// no execution code of its own, so outputs are the headless runner's (same session, formatters and errors).
/// </summary>
internal sealed class EngineBackend : IKernelBackend
{
    /// <summary>Unique to this kernel process: the prefix of its chart element ids (<c>nb-&lt;token&gt;-&lt;cell&gt;-&lt;n&gt;</c>).</summary>
    internal static readonly string ProcessElementIdPrefix = "nb-" + Guid.NewGuid().ToString("N")[..8];

    private readonly Lazy<ScriptSession> _lazySession;
    private readonly Action<string> _log;
    private bool _libraryChecked;

    public EngineBackend(ScriptSession session, Action<string>? log = null)
        : this(() => session, log)
    {
    }

    /// <summary>A backend whose session is created on first use (so the notebook's name can be found by then).</summary>
    public EngineBackend(Func<ScriptSession> createSession, Action<string>? log = null)
    {
        _lazySession = new Lazy<ScriptSession>(createSession, LazyThreadSafetyMode.ExecutionAndPublication);
        _log = log ?? (_ => { });
    }

    private ScriptSession Session => _lazySession.Value;

    /// <summary>
    /// A session rooted at the kernel's working directory (Jupyter starts kernels in the notebook's folder), naming the
    /// notebook as <see cref="NotebookNameResolver.Resolve"/> finds it when the session is first used, with chart element
    /// ids unique to this kernel process (after a restart, a new chart must not be drawn into an old output's element).
    /// </summary>
    public static IKernelBackend Create(Action<string> log, string? connectionFile = null) => new EngineBackend(() =>
    {
        var directory = Directory.GetCurrentDirectory();
        var name = NotebookNameResolver.Resolve(Environment.GetEnvironmentVariable("JPY_SESSION_NAME"), connectionFile, directory, NotebookNameResolver.HttpGet);
        log($"notebook name in messages: {name}");
        var session = new ScriptSession(new ScriptSessionOptions { WorkingDirectory = directory, NotebookName = name, Log = log });
        session.Formatter.ElementIdPrefix = ProcessElementIdPrefix;
        return session;
    }, log);

    public string Banner => "C# (Workbook): Roslyn scripting with the workbook's engine and formatters. " +
                            "display(x), #r \"nuget: Id, Version\" and #r \"path.dll\" work as in .NET Interactive.";

    public async Task<KernelExecutionResult> ExecuteAsync(string code, int executionCount, Action<KernelOutput> onOutput,
        CancellationToken cancellationToken)
    {
        if (await EnsureLibraryAsync(code, executionCount).ConfigureAwait(false) is { } failed)
        {
            return failed;
        }

        if (Session.RunningAbandonedCells is > 0 and var stillRunning)
        {
            onOutput(new KernelStreamOutput("stderr",
                $"warning: {stillRunning} abandoned cell(s) still running in the background (they ignored the interrupt); they use the CPU " +
                "and may still change variables until the kernel is restarted.\n"));
        }

        var abandonedBefore = Session.AbandonedCells;
        var result = await Session.ExecuteAsync(code, executionCount, output =>
        {
            if (ToKernelOutput(output) is { } converted)
            {
                onOutput(converted);
            }
        }, cancellationToken).ConfigureAwait(false);
        if (Session.AbandonedCells > abandonedBefore)
        {
            // Visible, not silent: the reply says the cell was abandoned and a warning says its thread still runs.
            var message = $"{Session.Options.NotebookName}, cell {executionCount}: the cell did not stop when interrupted (it never reached " +
                          "a loop check, e.g. it blocks in Thread.Sleep or native code), so it was abandoned: its thread is still running; " +
                          "restart the kernel to stop it";
            onOutput(new KernelStreamOutput("stderr", "warning: " + message + "\n"));
            return new KernelExecutionResult(KernelExecutionStatus.Error, new KernelError("CellAbandoned", message, [$"CellAbandoned: {message}"]));
        }

        return result.Status switch
        {
            CellStatus.Ok => KernelExecutionResult.Ok,
            CellStatus.Cancelled => new KernelExecutionResult(KernelExecutionStatus.Interrupted, ToKernelError(result.Error)),
            _ => new KernelExecutionResult(KernelExecutionStatus.Error, ToKernelError(result.Error)
                ?? new KernelError(result.Status.ToString(), $"cell {executionCount} failed ({result.Status})", [])),
        };
    }

    /// <summary>
    /// The notebooks' opening cell loads <c>src/Regularization/bin/Release/net10.0/Regularization.dll</c> and
    /// <c>src/Workbook.Charts/bin/Release/net10.0/Workbook.Charts.dll</c> (<see cref="LibraryBuild.Markers"/>): as
    /// <c>workbook run</c> does, build each first (once per session) when the cell references it, the kernel runs inside
    /// the repository, and the dll is missing or older than its sources. Progress goes to the kernel's log, not to the
    /// cell's outputs, so outputs stay those of the headless runner.
    /// </summary>
    private async Task<KernelExecutionResult?> EnsureLibraryAsync(string code, int executionCount)
    {
        if (_libraryChecked || !LibraryBuild.References(code))
        {
            return null;
        }

        var root = RepositoryRoot(Session.Options.WorkingDirectory);
        if (root is null)
        {
            return null;
        }

        var cell = Path.Combine(Path.GetTempPath(), $"workbook-kernel-cell-{Environment.ProcessId}-{executionCount}.cs");
        try
        {
            await File.WriteAllTextAsync(cell, code).ConfigureAwait(false);
            var (ok, message) = await LibraryBuild.EnsureAsync(root, [cell], force: false, _log).ConfigureAwait(false);
            if (!ok)
            {
                return new KernelExecutionResult(KernelExecutionStatus.Error,
                    new KernelError("LibraryBuildFailed", $"{Session.Options.NotebookName}, cell {executionCount}: {message}", [message]));
            }
        }
        finally
        {
            File.Delete(cell);
        }

        _libraryChecked = true;
        return null;
    }

    /// <summary>The first folder at or above <paramref name="start"/> holding <c>Workbook.sln</c>, or null.</summary>
    internal static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workbook.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>Engine output to kernel output; errors are null here (the server publishes the result's error).</summary>
    internal static KernelOutput? ToKernelOutput(NotebookOutput output) => output.OutputType switch
    {
        "stream" when string.IsNullOrEmpty(output.Text) => null,
        "stream" => new KernelStreamOutput(output.Name ?? "stdout", output.Text),
        "display_data" => new KernelDisplayOutput(ToBundle(output.Data), output.Metadata?.DeepClone().AsObject() ?? []),
        "execute_result" => new KernelDisplayOutput(ToBundle(output.Data), output.Metadata?.DeepClone().AsObject() ?? [], IsExecuteResult: true),
        _ => null,
    };

    private static KernelError? ToKernelError(NotebookOutput? error) =>
        error is null ? null : new KernelError(error.EName ?? "Error", error.EValue ?? "", error.Traceback ?? []);

    /// <summary>
    /// A mime bundle as Jupyter sends it: JSON mime types (<c>application/json</c>, <c>*+json</c>) as JSON values,
    /// everything else as strings, with the export's rules (<see cref="OutputSanitizer"/>): raster images only when
    /// their data is base64, JSON types only when they parse, <c>text/markdown</c> with unsafe raw HTML shown as text.
    /// <c>text/html</c> and SVG stay as they are (trusted, as in Jupyter).
    /// </summary>
    internal static JsonObject ToBundle(IReadOnlyDictionary<string, string>? data)
    {
        var bundle = new JsonObject();
        foreach (var (mime, content) in data ?? new Dictionary<string, string>())
        {
            if (IsJsonMime(mime))
            {
                if (TryParse(content) is { } json)
                {
                    bundle[mime] = json;
                }
            }
            else if (OutputSanitizer.Base64ImageTypes.Contains(mime))
            {
                if (OutputSanitizer.CanonicalBase64(content) is { } b64)
                {
                    bundle[mime] = b64;
                }
            }
            else
            {
                bundle[mime] = mime == "text/markdown" ? OutputSanitizer.SanitizeMarkdown(content) : content;
            }
        }

        return bundle;
    }

    private static bool IsJsonMime(string mime) =>
        mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task<KernelCompletions> CompleteAsync(string code, int position, CancellationToken cancellationToken)
    {
        var result = await Session.GetCompletionsAsync(code, position, cancellationToken).ConfigureAwait(false);
        return new KernelCompletions(
            result.Items.Select(i => i.Text).ToArray(),
            result.CursorStart,
            result.CursorEnd,
            result.Items.Select(i => JupyterKind(i.Kind)).ToArray());
    }

    private static string JupyterKind(string roslynKind) => roslynKind switch
    {
        "Method" => "method",
        "Property" => "property",
        "Field" => "field",
        "Local" or "Parameter" => "variable",
        "NamedType" => "class",
        "Namespace" => "module",
        "Keyword" => "keyword",
        "Event" => "event",
        _ => roslynKind.ToLowerInvariant(),
    };

    public async Task<KernelInspection> InspectAsync(string code, int position, int detailLevel, CancellationToken cancellationToken)
    {
        var result = await Session.InspectAsync(code, position, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return KernelInspection.NotFound;
        }

        var plain = result.Documentation is null ? result.Signature : $"{result.Signature}\n\n{result.Documentation}";
        var markdown = $"```csharp\n{result.Signature}\n```" + (result.Documentation is null ? "" : $"\n\n{result.Documentation}");
        return new KernelInspection(true, plain, markdown);
    }

    public Task<KernelCodeCompleteness> IsCompleteAsync(string code, CancellationToken cancellationToken) =>
        Task.FromResult(Session.IsComplete(code) switch
        {
            CodeCompleteness.Complete => new KernelCodeCompleteness("complete"),
            CodeCompleteness.Invalid => new KernelCodeCompleteness("invalid"),
            _ => new KernelCodeCompleteness("incomplete", NextIndent(code)),
        });

    /// <summary>The indentation of the last non-blank line, one level deeper when it opens a block.</summary>
    internal static string NextIndent(string code)
    {
        var last = code.Split('\n').LastOrDefault(l => l.Trim().Length > 0) ?? "";
        var indent = last[..(last.Length - last.TrimStart().Length)];
        return last.TrimEnd().EndsWith('{') ? indent + "    " : indent;
    }

    public ValueTask DisposeAsync()
    {
        if (_lazySession.IsValueCreated) Session.Dispose();
        return ValueTask.CompletedTask;
    }
}
