using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;
using Workbook.Engine.Display;
using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Scripting;

/// <summary>
/// A C# scripting session: the engine's front-end-neutral API, used by the headless runner (<c>workbook run</c>) and the
/// Jupyter kernel alike.
/// <para>Contract:</para>
/// <list type="bullet">
/// <item><see cref="ExecuteAsync"/> runs one cell as a Roslyn scripting submission; state (variables, usings, types,
/// references) carries over to the next call. Calls are serialized (one cell at a time per session).</item>
/// <item>Outputs stream through <c>onOutput</c> in order as they are produced: <c>stream</c> (stdout/stderr text, flushed
/// before every display, every ~200 ms and at the end; consecutive chunks may be merged by the caller), <c>display_data</c>
/// (from <c>display(x)</c>), <c>execute_result</c> (the cell's trailing expression, execution count = <c>cellNumber</c>) and
/// <c>error</c>. Each display output's <see cref="NotebookOutput.Data"/> is a ready mime bundle (mime type to string,
/// always with <c>text/plain</c>) that can be sent as Jupyter <c>display_data</c> as is.</item>
/// <item>The returned <see cref="CellResult"/> says <see cref="CellStatus.Ok"/>, <see cref="CellStatus.Error"/> (directive,
/// compile or runtime error: one error output naming notebook, cell and line), <see cref="CellStatus.Cancelled"/> (the
/// token was cancelled: an interrupt) or <see cref="CellStatus.Timeout"/>. After an error, cancellation or timeout the
/// session keeps the state of the last successful cell and stays usable. Loops in cell code check for interruption;
/// a cell blocked elsewhere (for example in <c>Thread.Sleep</c>) is abandoned after a grace period.</item>
/// <item>Directives: <c>#r "nuget: Id, Version"</c> (real restore, cached), <c>#i "nuget: source"</c>,
/// <c>#r "relative/or/absolute.dll"</c> (relative to <see cref="ScriptSessionOptions.WorkingDirectory"/>).</item>
/// <item>Editor services: <see cref="GetCompletionsAsync"/>, <see cref="IsComplete"/> and <see cref="InspectAsync"/>.</item>
/// </list>
/// </summary>
public sealed partial class ScriptSession : IDisposable
{
    private static readonly string[] s_imports =
    [
        "System", "System.IO", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks",
        "System.Net.Http", "Microsoft.DotNet.Interactive.Formatting",
    ];

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_baseReferences = new(BaseReferences);
    private static readonly Lazy<Dictionary<string, string>> s_trustedAssemblies = new(TrustedAssemblies);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly InteractiveAssemblyLoader _loader = new();
    private readonly ScriptGlobals _globals = new();
    private readonly DisplayFormatter _formatter = new();
    private readonly NuGetRestorer _restorer;
    private readonly List<PackageRequest> _packages = [];
    private readonly List<string> _sources = [];
    private readonly Dictionary<string, string> _referencedByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _cellOfFile = [];
    private readonly Dictionary<string, int> _cellOfSubmission = [];
    private ScriptOptions _options;
    private ScriptState<object>? _state;
    private int _abandoned;
    private int _abandonedRunning;

    /// <summary>Creates a session.</summary>
    public ScriptSession(ScriptSessionOptions? options = null)
    {
        Options = options ?? new ScriptSessionOptions();
        ConsoleRouter.Install();
        _restorer = new NuGetRestorer(Options.CacheDirectory ?? NuGetRestorer.DefaultCacheRoot(), Options.Log);
        _options = ScriptOptions.Default
            .WithReferences(s_baseReferences.Value)
            .WithImports(s_imports)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithAllowUnsafe(true)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(Options.WorkingDirectory));
    }

    /// <summary>The options the session was created with.</summary>
    public ScriptSessionOptions Options { get; }

    /// <summary>The display formatter (its <see cref="DisplayFormatter.ResetDocument"/> makes the next chart inline plotly.js again).</summary>
    public DisplayFormatter Formatter => _formatter;

    /// <summary>How many cells were abandoned still running after a timeout or interrupt (their threads could not be stopped).</summary>
    public int AbandonedCells => _abandoned;

    /// <summary>How many abandoned cells are still running (their threads have not ended yet; a front end should warn).</summary>
    public int RunningAbandonedCells => Volatile.Read(ref _abandonedRunning);

    /// <summary>Full paths of the assemblies referenced through directives so far.</summary>
    public IReadOnlyCollection<string> ReferencedAssemblies => _referencedByName.Values;

    /// <summary>
    /// Executes one cell. See the type's summary for the contract.
    /// </summary>
    /// <param name="code">The cell source (directives included).</param>
    /// <param name="cellNumber">The number error messages use, and the execution count of an <c>execute_result</c>
    /// (the headless runner passes the 1-based index among code cells; a kernel passes its execution count).</param>
    /// <param name="onOutput">Receives each output as it is produced (may be null).</param>
    /// <param name="cancellationToken">Cancels (interrupts) the cell.</param>
    public async Task<CellResult> ExecuteAsync(string code, int cellNumber, Action<NotebookOutput>? onOutput = null, CancellationToken cancellationToken = default)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            var evalue = $"{Where(cellNumber, null)}: the cell was interrupted before it started";
            var error = NotebookOutput.Error("Interrupted", evalue, [$"Interrupted: {evalue}"]);
            onOutput?.Invoke(error);
            return new CellResult(CellStatus.Cancelled, [error], error, null, sw.Elapsed);
        }
        var outputs = new List<NotebookOutput>();
        var ctx = new CellContext(cellNumber, _formatter, o => { lock (outputs) outputs.Add(o); onOutput?.Invoke(o); });
        try
        {
            var r = await ExecuteCoreAsync(code, cellNumber, ctx, cancellationToken).ConfigureAwait(false);
            ctx.Close();
            List<NotebookOutput> all;
            lock (outputs) all = [.. outputs];
            return new CellResult(r.Status, all, r.Error, r.Line, sw.Elapsed);
        }
        finally
        {
            ctx.Close();
            _gate.Release();
        }
    }

    private string Where(int cell, int? line) => line is int l ? $"{Options.NotebookName}, cell {cell}, line {l}" : $"{Options.NotebookName}, cell {cell}";

    private (CellStatus Status, NotebookOutput? Error, int? Line) Fail(CellContext ctx, CellStatus status, string ename, string message, int? line, IEnumerable<string>? detail = null)
    {
        var evalue = $"{Where(ctx.CellNumber, line)}: {message}";
        var error = NotebookOutput.Error(ename, evalue, [$"{ename}: {evalue}", .. detail ?? []]);
        ctx.EmitFinal(error);
        return (status, error, line);
    }

    private async Task<(CellStatus Status, NotebookOutput? Error, int? Line)> ExecuteCoreAsync(string code, int cell, CellContext ctx, CancellationToken ct)
    {
        if (Options.SetCurrentDirectory && Directory.Exists(Options.WorkingDirectory))
            Directory.SetCurrentDirectory(Options.WorkingDirectory);

        // 1. directives
        var d = Directives.Parse(code, Options.WorkingDirectory);
        if (d.Errors.Count > 0) return Fail(ctx, CellStatus.Error, "DirectiveError", d.Errors[0].Message, d.Errors[0].Line);
        foreach (var s in d.Sources.Where(s => !_sources.Contains(s))) _sources.Add(s);
        var newRefs = new List<string>();
        var newPackages = d.Packages.Where(p => !_packages.Any(q => string.Equals(q.Id, p.Id, StringComparison.OrdinalIgnoreCase) && q.Version == p.Version)).ToList();
        if (newPackages.Count > 0)
        {
            var conflict = newPackages.FirstOrDefault(p => _packages.Any(q => string.Equals(q.Id, p.Id, StringComparison.OrdinalIgnoreCase)));
            if (conflict is not null)
                return Fail(ctx, CellStatus.Error, "DirectiveError", $"package {conflict.Id} was already loaded with another version in this session; restart to change it", null);
            var set = _packages.Concat(newPackages).ToList();
            try
            {
                var paths = await _restorer.RestoreAsync(set, _sources, ct).ConfigureAwait(false);
                newRefs.AddRange(paths);
                _packages.AddRange(newPackages);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return Fail(ctx, CellStatus.Cancelled, "Interrupted", "cancelled during NuGet restore", null);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                var line = code.Split('\n').Select((l, i) => (l, i)).FirstOrDefault(x => x.l.Contains(newPackages[0].Id, StringComparison.Ordinal)).i + 1;
                return Fail(ctx, CellStatus.Error, "NuGetRestoreError", e.Message, line);
            }
        }
        foreach (var (path, line) in d.Dlls)
        {
            if (!File.Exists(path))
                return Fail(ctx, CellStatus.Error, "DirectiveError", $"#r: no such assembly \"{path}\" (relative paths are resolved against {Options.WorkingDirectory})", line);
            newRefs.Add(path);
        }
        AddReferences(newRefs);

        // 2. compile
        if (string.IsNullOrWhiteSpace(d.Code) || !HasCode(d.Code)) return (CellStatus.Ok, null, null);
        var rewritten = LoopCheckRewriter.Rewrite(d.Code, ParseOptions);
        var file = $"{Options.NotebookName}#cell{cell}";
        _cellOfFile[file] = cell;
        var options = _options.WithFilePath(file);
        var script = _state is null
            ? CSharpScript.Create(rewritten, options, typeof(ScriptGlobals), _loader)
            : _state.Script.ContinueWith(rewritten, options);
        ImmutableArray<Diagnostic> diagnostics;
        try
        {
            diagnostics = await Task.Run(() => script.Compile(ct), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return Fail(ctx, CellStatus.Cancelled, "Interrupted", "cancelled while compiling", null);
        }
        var errors = diagnostics.Where(x => x.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var first = errors[0];
            var line = first.Location.GetLineSpan().StartLinePosition.Line + 1;
            var detail = errors.Skip(1).Select(e => $"line {e.Location.GetLineSpan().StartLinePosition.Line + 1}, column {e.Location.GetLineSpan().StartLinePosition.Character + 1}: error {e.Id}: {e.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            return Fail(ctx, CellStatus.Error, "CompilationError", $"error {first.Id}: {first.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}", line, detail);
        }
        var compilation = script.GetCompilation();
        if (compilation.ScriptClass is { } scriptClass) _cellOfSubmission[scriptClass.Name] = cell;
        var hasValue = HasTrailingValue(compilation);

        // 3. run
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (Options.CellTimeout is TimeSpan t && t > TimeSpan.Zero && t != Timeout.InfiniteTimeSpan) cts.CancelAfter(t);
        var previous = _state;
        var run = Task.Factory.StartNew(() =>
        {
            CellContext.Current = ctx;
            CellInterrupt.Current = cts.Token;
            using var armed = CellInterrupt.Arm(cts.Token);
            var task = previous is null
                ? script.RunAsync(_globals, _ => true, cts.Token)
                : script.RunFromAsync(previous, _ => true, cts.Token);
            return task.GetAwaiter().GetResult();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        while (!run.IsCompleted)
        {
            var delay = cts.IsCancellationRequested ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(200);
            var wasCancelled = cts.IsCancellationRequested;
            await Task.WhenAny(run, Task.Delay(delay, CancellationToken.None)).ConfigureAwait(false);
            ctx.Flush();
            if (wasCancelled && !run.IsCompleted)
            {
                Interlocked.Increment(ref _abandoned);
                Interlocked.Increment(ref _abandonedRunning);
                _ = run.ContinueWith(_ => Interlocked.Decrement(ref _abandonedRunning), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                ctx.Close();
                break;
            }
        }
        ctx.Flush();

        Exception? exception;
        ScriptState<object>? state = null;
        if (run.IsCompletedSuccessfully)
        {
            state = run.Result;
            exception = state.Exception;
        }
        else
        {
            exception = run.IsFaulted ? run.Exception!.GetBaseException() : null;
        }
        if (cts.IsCancellationRequested && (exception is OperationCanceledException || !run.IsCompleted))
        {
            var abandoned = run.IsCompleted ? "" : " (it did not reach a loop check; its thread was abandoned)";
            return ct.IsCancellationRequested
                ? Fail(ctx, CellStatus.Cancelled, "Interrupted", "the cell was interrupted" + abandoned, null)
                : Fail(ctx, CellStatus.Timeout, "TimeoutError", $"the cell exceeded the time limit of {Options.CellTimeout!.Value.TotalSeconds:0.###} s and was stopped" + abandoned, null);
        }
        if (exception is not null)
            return RuntimeError(ctx, exception);
        _state = state;
        if (hasValue)
        {
            try
            {
                ctx.Emit(NotebookOutput.Result(ctx.FormatResult(state!.ReturnValue), cell));
            }
            catch (Exception e)
            {
                while (e is TargetInvocationException { InnerException: { } inner }) e = inner;
                return Fail(ctx, CellStatus.Error, e.GetType().Name, $"displaying the cell's value failed: {e.GetType().FullName}: {e.Message}", null,
                    (e.StackTrace ?? "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0));
            }
        }
        return (CellStatus.Ok, null, null);
    }

    private static bool HasTrailingValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree is null) return false;
        var last = tree.GetRoot().ChildNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().LastOrDefault();
        if (last?.Statement is not Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax { SemicolonToken.IsMissing: true } es) return false;
        if (tree.GetRoot().ChildNodes().Last() != last) return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(es.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private static bool HasCode(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, ParseOptions);
        return tree.GetRoot().ChildNodes().Any() || tree.GetDiagnostics().Any();
    }

    internal static CSharpParseOptions ParseOptions { get; } =
        new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

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
                if (f is null || !_cellOfFile.TryGetValue(f, out var c) || frame.GetFileLineNumber() <= 0) continue;
                raised ??= (c, frame.GetFileLineNumber());
                if (c == ctx.CellNumber) { here ??= (c, frame.GetFileLineNumber()); break; }
            }
        }
        var where = raised is { } r && r.Cell != ctx.CellNumber ? $" (raised in code from cell {r.Cell}, line {r.Line})" : "";
        var lines = (e.StackTrace ?? "").Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var lastSubmission = lines.FindLastIndex(l => l.Contains("Submission#", StringComparison.Ordinal));
        if (lastSubmission >= 0) lines = lines.Take(lastSubmission + 1).ToList();
        var message = $"{e.GetType().FullName}: {e.Message}{where}";
        return Fail(ctx, CellStatus.Error, e.GetType().Name, message, here?.Line, TracebackText.Frames(lines.Where(l => l.Length > 0), _cellOfSubmission));
    }

    private void AddReferences(IEnumerable<string> paths)
    {
        var refs = new List<MetadataReference>();
        foreach (var p in paths)
        {
            var name = Path.GetFileNameWithoutExtension(p);
            if (_referencedByName.ContainsKey(name)) continue;
            // One copy per assembly name: an assembly the host already has (the engine's own MathNet, Plotly.NET, ...)
            // is referenced from the host's copy, so types shared with the engine's formatters are the same types.
            var path = s_trustedAssemblies.Value.TryGetValue(name, out var host) ? host : p;
            if (IsFrameworkAssembly(path)) { _referencedByName[name] = path; continue; }
            _referencedByName[name] = path;
            refs.Add(CreateReference(path));
        }
        if (refs.Count > 0) _options = _options.AddReferences(refs);
    }

    private static bool IsFrameworkAssembly(string path) =>
        string.Equals(Path.GetDirectoryName(path), Path.GetDirectoryName(typeof(object).Assembly.Location), StringComparison.Ordinal);

    internal static MetadataReference CreateReference(string path)
    {
        var xml = Path.ChangeExtension(path, ".xml");
        return File.Exists(xml)
            ? MetadataReference.CreateFromFile(path, documentation: new XmlDocProvider(xml))
            : MetadataReference.CreateFromFile(path);
    }

    private static ImmutableArray<MetadataReference> BaseReferences()
    {
        var dir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var list = new List<MetadataReference>();
        foreach (var f in Directory.GetFiles(dir, "*.dll").Order(StringComparer.Ordinal))
        {
            var n = Path.GetFileName(f);
            if (!(n.StartsWith("System.", StringComparison.Ordinal) || n.StartsWith("Microsoft.", StringComparison.Ordinal) || n is "mscorlib.dll" or "netstandard.dll")) continue;
            if (n.StartsWith("Microsoft.DiaSymReader", StringComparison.Ordinal) || n.Contains("Native", StringComparison.Ordinal)) continue;
            list.Add(MetadataReference.CreateFromFile(f));
        }
        list.Add(CreateReference(typeof(ScriptSession).Assembly.Location));
        list.Add(CreateReference(typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly.Location));
        list.Add(CreateReference(typeof(Microsoft.AspNetCore.Html.IHtmlContent).Assembly.Location));
        return [.. list];
    }

    private static Dictionary<string, string> TrustedAssemblies()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa)
            foreach (var p in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                map.TryAdd(Path.GetFileNameWithoutExtension(p), p);
        return map;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _loader.Dispose();
        _gate.Dispose();
    }
}
