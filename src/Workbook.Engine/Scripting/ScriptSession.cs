using System.Diagnostics;
using System.Reactive.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Workbook.Engine.Display;
using Workbook.Engine.Kernels;
using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Scripting;

/// <summary>
/// A notebook session: the engine's front-end-neutral API over .NET Interactive's kernels (<see cref="WorkbookKernel"/>),
/// used by the headless runner (<c>workbook run</c>), the HTML export and the Jupyter kernel alike.
/// <para>Contract:</para>
/// <list type="bullet">
/// <item><see cref="ExecuteAsync(string, int, string?, Action{NotebookOutput}?, CancellationToken)"/> submits one cell to
/// the composite kernel: C# by default, another kernel by magic command (<c>#!html</c>, <c>#!javascript</c>,
/// <c>#!markdown</c>, <c>#!value</c>, <c>#!csharp</c>) or by the cell's kernel name; magic commands (<c>#!set</c>,
/// <c>#!share</c>, <c>#!who</c>, <c>#!whos</c>, <c>#!time</c>, <c>#!lsmagic</c>, <c>#r "nuget: ..."</c>, ...) mean what they
/// mean in .NET Interactive. State carries over to the next call. Calls are serialized.</item>
/// <item>Outputs stream through <c>onOutput</c> in order: <c>stream</c> (flushed before every display, every ~200 ms and at
/// the end), <c>display_data</c>, <c>execute_result</c> (the trailing C# expression, execution count = <c>cellNumber</c>)
/// and <c>error</c>. Each display's <see cref="NotebookOutput.Data"/> is a mime bundle with <c>text/plain</c>. C# values
/// are formatted by <see cref="DisplayFormatter"/> (deterministic: no random ids or timestamps).</item>
/// <item>The returned <see cref="CellResult"/> says Ok, Error (one error output naming notebook, cell and line),
/// Cancelled (the token was cancelled: an interrupt) or Timeout. Loops in C# cells check for interruption (the submission
/// is rewritten before it reaches the C# kernel), so <c>while (true) {}</c> stops and the session stays usable.</item>
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

    private static readonly Lazy<Dictionary<string, string>> s_trustedAssemblies = new(TrustedAssemblies);
    private static readonly System.Reflection.FieldInfo s_scriptOptionsField =
        typeof(CSharpKernel).GetField("_scriptOptions", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("CSharpKernel._scriptOptions not found: this engine needs Microsoft.DotNet.Interactive.CSharp 1.0.0-beta.26120.1");
    private static readonly System.Reflection.MethodInfo s_setCode =
        typeof(SubmitCode).GetProperty(nameof(SubmitCode.Code))!.GetSetMethod(nonPublic: true)
        ?? throw new InvalidOperationException("SubmitCode.Code has no setter: this engine needs Microsoft.DotNet.Interactive 1.0.0-beta.26120.1");

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DisplayFormatter _formatter = new();
    private readonly CompositeKernel _kernel;
    private readonly CSharpKernel _csharp;
    private readonly IDisposable _subscription;
    private readonly Dictionary<string, string> _referencedByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (int Cell, int LineOffset)> _cellOfFile = [];
    private readonly Task _warmUp;
    private CellContext? _current;
    private CellOutcome? _outcome;
    private ScriptState? _lastGoodState;
    private int _abandoned;
    private int _abandonedRunning;

    /// <summary>Creates a session (and starts warming up the C# kernel in the background).</summary>
    public ScriptSession(ScriptSessionOptions? options = null)
    {
        Options = options ?? new ScriptSessionOptions();
        _kernel = WorkbookKernel.Create(OnPackagesAsync);
        _csharp = (CSharpKernel)_kernel.FindKernelByName("csharp");
        _csharp.AddMiddleware(PrepareCSharpAsync, "workbook-csharp");
        _subscription = _kernel.KernelEvents.Subscribe(OnEvent);
        _csharp.AddAssemblyReferences([typeof(ScriptSession).Assembly.Location, typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly.Location]);
        var baseDir = Options.WorkingDirectory;
        ScriptOptions = ScriptOptions
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDir))
            .WithSourceResolver(new SourceFileResolver([], baseDir))
            .WithEmitDebugInformation(true)
            .WithOptimizationLevel(OptimizationLevel.Release)   // CSharpKernel compiles Debug by default: loops in cells run 2x slower
            .WithFileEncoding(Encoding.UTF8)
            .WithAllowUnsafe(true);
        _warmUp = WarmUpAsync();
    }

    /// <summary>The options the session was created with.</summary>
    public ScriptSessionOptions Options { get; }

    /// <summary>The display formatter (its <see cref="DisplayFormatter.ResetDocument"/> makes the next chart inline plotly.js again).</summary>
    public DisplayFormatter Formatter => _formatter;

    /// <summary>The .NET Interactive composite kernel behind the session.</summary>
    public CompositeKernel Kernel => _kernel;

    /// <summary>How many cells were abandoned still running after a timeout or interrupt (their threads could not be stopped).</summary>
    public int AbandonedCells => _abandoned;

    /// <summary>How many abandoned cells are still running (their threads have not ended yet; a front end should warn).</summary>
    public int RunningAbandonedCells => Volatile.Read(ref _abandonedRunning);

        /// <summary>Full paths of the assemblies referenced through <c>#r "nuget: ..."</c> so far.</summary>
    public IReadOnlyCollection<string> ReferencedAssemblies => _referencedByName.Values;

    private ScriptOptions ScriptOptions
    {
        get => (ScriptOptions)s_scriptOptionsField.GetValue(_csharp)!;
        set => s_scriptOptionsField.SetValue(_csharp, value);
    }

    /// <summary>Executes one cell in the default kernel (C#, unless the cell starts with a kernel magic command).</summary>
    public Task<CellResult> ExecuteAsync(string code, int cellNumber, Action<NotebookOutput>? onOutput = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(code, cellNumber, null, onOutput, cancellationToken);

    /// <summary>
    /// Executes one cell. See the type's summary for the contract.
    /// </summary>
    /// <param name="code">The cell source (magic commands included).</param>
    /// <param name="cellNumber">The number error messages use, and the execution count of an <c>execute_result</c>.</param>
    /// <param name="kernelName">The cell's kernel (<c>csharp</c>, <c>html</c>, <c>javascript</c>, <c>markdown</c>,
    /// <c>value</c> or an alias), as notebook metadata gives it; null for the default.</param>
    /// <param name="onOutput">Receives each output as it is produced (may be null).</param>
    /// <param name="cancellationToken">Cancels (interrupts) the cell.</param>
    public async Task<CellResult> ExecuteAsync(string code, int cellNumber, string? kernelName, Action<NotebookOutput>? onOutput, CancellationToken cancellationToken = default)
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
        var ctx = new CellContext(cellNumber, _formatter, o => { lock (outputs) outputs.Add(o); onOutput?.Invoke(o); }) { Code = code };
        try
        {
            if (kernelName is not null && _kernel.FindKernelByName(kernelName) is null)
            {
                var f = Fail(ctx, CellStatus.Error, "UnknownKernel", $"no kernel \"{kernelName}\" (this engine has {string.Join(", ", WorkbookKernel.KernelNames)})", null);
                return Finish(ctx, outputs, f, sw);
            }
            var r = await ExecuteCoreAsync(code, cellNumber, kernelName, ctx, cancellationToken).ConfigureAwait(false);
            return Finish(ctx, outputs, r, sw);
        }
        finally
        {
            ctx.Close();
            _current = null;
            _gate.Release();
        }
    }

    private static CellResult Finish(CellContext ctx, List<NotebookOutput> outputs, (CellStatus Status, NotebookOutput? Error, int? Line) r, Stopwatch sw)
    {
        ctx.Close();
        List<NotebookOutput> all;
        lock (outputs) all = [.. outputs];
        return new CellResult(r.Status, all, r.Error, r.Line, sw.Elapsed);
    }

    private string Where(int cell, int? line) => line is int l ? $"{Options.NotebookName}, cell {cell}, line {l}" : $"{Options.NotebookName}, cell {cell}";

    private (CellStatus Status, NotebookOutput? Error, int? Line) Fail(CellContext ctx, CellStatus status, string ename, string message, int? line, IEnumerable<string>? detail = null)
    {
        var evalue = $"{Where(ctx.CellNumber, line)}: {message}";
        var error = NotebookOutput.Error(ename, evalue, [$"{ename}: {evalue}", .. detail ?? []]);
        ctx.EmitFinal(error);
        return (status, error, line);
    }

    private async Task<(CellStatus Status, NotebookOutput? Error, int? Line)> ExecuteCoreAsync(string code, int cell, string? kernelName, CellContext ctx, CancellationToken ct)
    {
        if (Options.SetCurrentDirectory && Directory.Exists(Options.WorkingDirectory))
            Directory.SetCurrentDirectory(Options.WorkingDirectory);
        await _warmUp.ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(code)) return (CellStatus.Ok, null, null);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (Options.CellTimeout is TimeSpan t && t > TimeSpan.Zero && t != Timeout.InfiniteTimeSpan) cts.CancelAfter(t);
        var outcome = new CellOutcome(cell, cts.Token);
        _outcome = outcome;
        _current = ctx;
        var command = new SubmitCode(RelativePaths.Resolve(code, Options.WorkingDirectory), kernelName);
        var run = _kernel.SendAsync(command, CancellationToken.None);
        using (cts.Token.Register(() => _ = _kernel.SendAsync(new Cancel())))
        {
            while (!run.IsCompleted)
            {
                var wasCancelled = cts.IsCancellationRequested;
                var delay = wasCancelled ? AbandonGrace * 2 : TimeSpan.FromMilliseconds(200);
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
        }
        // A cancelled command can complete before the C# pipeline has settled (finished the cell, or abandoned it after the
        // grace period): wait for that, so the error says whether the cell's thread was abandoned.
        if (cts.IsCancellationRequested && run.IsCompleted && outcome.Entered && !outcome.Settled.Task.IsCompleted)
            await Task.WhenAny(outcome.Settled.Task, Task.Delay(AbandonGrace * 2, CancellationToken.None)).ConfigureAwait(false);
        ctx.Flush();

        if (cts.IsCancellationRequested && (!run.IsCompleted || outcome.Failed || outcome.Abandoned))
        {
            var abandoned = run.IsCompleted && !outcome.Abandoned ? "" : " (it did not reach a loop check; its thread was abandoned)";
            return ct.IsCancellationRequested
                ? Fail(ctx, CellStatus.Cancelled, "Interrupted", "the cell was interrupted" + abandoned, null)
                : Fail(ctx, CellStatus.Timeout, "TimeoutError", $"the cell exceeded the time limit of {Options.CellTimeout!.Value.TotalSeconds:0.###} s and was stopped" + abandoned, null);
        }
        if (outcome.FormatError is { } fe)
            return Fail(ctx, CellStatus.Error, fe.GetType().Name, $"displaying the cell's value failed: {fe.GetType().FullName}: {fe.Message}", null,
                (fe.StackTrace ?? "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0));
        if (outcome.Failed) return Failure(ctx, outcome);
        return (CellStatus.Ok, null, null);
    }

    /// <summary>Runs in the C# kernel's pipeline for each C# part of a cell: loop checks, and debug information with a file
    /// name per cell so runtime errors map to the cell's lines.</summary>
    private async Task PrepareCSharpAsync(KernelCommand command, KernelInvocationContext context, KernelPipelineContinuation next)
    {
        if (command is SubmitCode submit && _outcome is { } outcome)
        {
            outcome.LineOffset = LineOffset(_current?.Code ?? "", submit.Code);
            var rewritten = LoopCheckRewriter.Rewrite(submit.Code, ParseOptions);
            if (!ReferenceEquals(rewritten, submit.Code)) s_setCode.Invoke(submit, [rewritten]);
            var file = $"{Options.NotebookName}#cell{outcome.Cell}";
            _cellOfFile[Path.GetFileName(file)] = (outcome.Cell, outcome.LineOffset);
            ScriptOptions = ScriptOptions.WithFilePath(file);
            CellContext.Current = _current;
            CellInterrupt.Current = outcome.Token;
            using var armed = CellInterrupt.Arm(outcome.Token);
            // The kernel runs one command at a time: a cell blocked where no loop check reaches (Thread.Sleep, a native
            // call) would block every later cell. After an interrupt or timeout and a grace period it is abandoned here,
            // so the kernel moves on; if it ever finishes, the state it leaves is replaced by the last good one.
            outcome.Entered = true;
            try
            {
                await RunOrAbandonAsync(command, context, next, outcome).ConfigureAwait(false);
            }
            finally
            {
                outcome.Settled.TrySetResult();
            }
            return;
        }
        await next(command, context).ConfigureAwait(false);
    }

    private async Task RunOrAbandonAsync(KernelCommand command, KernelInvocationContext context, KernelPipelineContinuation next, CellOutcome outcome)
    {
        var run = Task.Run(() => next(command, context));
        var abandon = new TaskCompletionSource();
        using var registration = outcome.Token.Register(() => _ = Task.Delay(AbandonGrace).ContinueWith(_ => abandon.TrySetResult(), TaskScheduler.Default));
        if (await Task.WhenAny(run, abandon.Task).ConfigureAwait(false) != run)
        {
            outcome.Abandoned = true;
            Interlocked.Increment(ref _abandoned);
            Interlocked.Increment(ref _abandonedRunning);
            _ = run.ContinueWith(_ =>
            {
                Interlocked.Decrement(ref _abandonedRunning);
                return RestoreLastGoodStateAsync();
            }, TaskScheduler.Default);
            return;
        }
        await run.ConfigureAwait(false);
        _lastGoodState = _csharp.ScriptState;
    }

    /// <summary>How many lines of the cell precede its C# part (magic command lines that .NET Interactive strips
    /// before the C# kernel sees the code), so lines reported for the part become the cell's lines.</summary>
    private static int LineOffset(string cell, string part)
    {
        var trimmed = part.TrimStart('\r', '\n');
        if (trimmed.Length == 0) return 0;
        var lead = part[..^trimmed.Length].Count(c => c == '\n');
        var at = cell.IndexOf(trimmed, StringComparison.Ordinal);
        return at < 0 ? 0 : Math.Max(0, cell[..at].Count(c => c == '\n') - lead);
    }

    /// <summary>Submits the usings every cell sees through the same path a cell takes (loop checks, console, a trailing
    /// value), with its outputs discarded, so the first real cell does not pay for the first compilation and JIT.</summary>
    private async Task WarmUpAsync()
    {
        var prelude = string.Concat(s_imports.Select(n => $"using {n};\n")) + "using static Workbook.Engine.Scripting.CellDisplay;\n" +
            "for (var i = 0; i < 1; i++) { }\nConsole.Write(\"\");\n0";
        _current = new CellContext(0, _formatter, _ => { }) { Code = prelude };
        _outcome = new CellOutcome(0, CancellationToken.None);
        try
        {
            await _kernel.SendAsync(new SubmitCode(prelude, "csharp")).ConfigureAwait(false);
        }
        finally
        {
            _current = null;
            _outcome = null;
        }
        _lastGoodState = _csharp.ScriptState;
    }

    private static readonly TimeSpan AbandonGrace = TimeSpan.FromSeconds(2);

    private static readonly System.Reflection.MethodInfo s_setScriptState =
        typeof(CSharpKernel).GetProperty(nameof(CSharpKernel.ScriptState))!.GetSetMethod(nonPublic: true)
        ?? throw new InvalidOperationException("CSharpKernel.ScriptState has no setter: this engine needs Microsoft.DotNet.Interactive.CSharp 1.0.0-beta.26120.1");

    private async Task RestoreLastGoodStateAsync()
    {
        try
        {
            await _gate.WaitAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        try
        {
            if (!ReferenceEquals(_csharp.ScriptState, _lastGoodState)) s_setScriptState.Invoke(_csharp, [_lastGoodState]);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task OnPackagesAsync(CSharpKernel kernel, IReadOnlyList<Microsoft.DotNet.Interactive.ResolvedPackageReference> packages)
    {
        var paths = new List<string>();
        foreach (var p in packages.SelectMany(p => p.AssemblyPaths))
        {
            var name = Path.GetFileNameWithoutExtension(p);
            if (_referencedByName.ContainsKey(name)) continue;
            // One copy per assembly name: an assembly the host already has (the engine's own MathNet, Plotly.NET,
            // FSharp.Core, ...) is referenced from the host's copy, so types shared with the engine's formatters are the same types.
            var path = s_trustedAssemblies.Value.TryGetValue(name, out var host) ? host : p;
            _referencedByName[name] = path;
            paths.Add(path);
        }
        kernel.AddAssemblyReferences(paths);
        foreach (var p in packages) Options.Log?.Invoke($"restored {p.PackageName} {p.PackageVersion}");
        return Task.CompletedTask;
    }

    private static Dictionary<string, string> TrustedAssemblies()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa)
            foreach (var p in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                map.TryAdd(Path.GetFileNameWithoutExtension(p), p);
        return map;
    }

    internal static CSharpParseOptions ParseOptions { get; } =
        new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    /// <inheritdoc />
    public void Dispose()
    {
        _subscription.Dispose();
        _kernel.Dispose();
        _gate.Dispose();
    }
}
