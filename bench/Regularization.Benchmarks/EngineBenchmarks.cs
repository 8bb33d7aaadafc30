using BenchmarkDotNet.Attributes;
using Workbook.Engine.Scripting;

namespace Regularization.Benchmarks;

/// <summary>
/// Per-cell cost of the notebook engine in a warm session (compile + run + format), and the cost of a session's first cell.
/// <c>dotnet run -c Release --project bench/Regularization.Benchmarks -- --filter '*EngineBenchmarks*'</c>;
/// the end-to-end time from <c>workbook run</c> to the first output is measured by <c>bench/engine/engine_bench.py</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15, invocationCount: 1)]
public class EngineBenchmarks
{
    private ScriptSession _session = null!;

    [IterationSetup]
    public void Setup()
    {
        _session = new ScriptSession();
        _session.ExecuteAsync("var a = 1;", 1).GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void Cleanup() => _session.Dispose();

    [Benchmark(Description = "trivial cell (a + 1)")]
    public CellResult TrivialCell() => _session.ExecuteAsync("a + 1", 2).GetAwaiter().GetResult();

    [Benchmark(Description = "loop cell (1e5 iterations, interrupt checks)")]
    public CellResult LoopCell() => _session.ExecuteAsync("var s = 0.0;\nfor (var i = 0; i < 100000; i++) s += i;\ns", 2).GetAwaiter().GetResult();

    [Benchmark(Description = "console + display of an array")]
    public CellResult DisplayCell() => _session.ExecuteAsync("Console.WriteLine(a);\ndisplay(new[] { 1.0, 2.0, 3.0 });", 2).GetAwaiter().GetResult();

    [Benchmark(Description = "new session + first cell")]
    public CellResult FirstCell()
    {
        using var s = new ScriptSession();
        return s.ExecuteAsync("Console.WriteLine(1);", 1).GetAwaiter().GetResult();
    }
}
