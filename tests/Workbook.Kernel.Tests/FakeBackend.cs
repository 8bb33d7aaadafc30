using System.Text.Json.Nodes;
using Workbook.Kernel.Backend;

namespace Workbook.Kernel.Tests;

/// <summary>
/// A scripted backend for protocol tests, independent of the engine. One command per cell:
/// <c>set NAME VALUE</c>, <c>get NAME</c> (execute_result, error when unset), <c>print TEXT</c> (stdout),
/// <c>display TEXT</c> (display_data), <c>throw TEXT</c> (fails after 300 ms), <c>loop</c> (runs until interrupted, spinning),
/// <c>touch PATH</c> (creates a file: proof of execution).
/// </summary>
internal sealed class FakeBackend : IKernelBackend
{
    private readonly Dictionary<string, string> _state = new(StringComparer.Ordinal);

    public string Banner => "fake backend for protocol tests";

    public Task<KernelExecutionResult> ExecuteAsync(string code, int executionCount, Action<KernelOutput> onOutput, CancellationToken cancellationToken)
    {
        var parts = code.Trim().Split(' ', 3);
        switch (parts[0])
        {
            case "set":
                _state[parts[1]] = parts[2];
                break;
            case "get" when _state.TryGetValue(parts[1], out var value):
                onOutput(new KernelDisplayOutput(new JsonObject { ["text/plain"] = value }, new JsonObject(), IsExecuteResult: true));
                break;
            case "get":
                return Task.FromResult(Error("KeyNotFoundException", $"'{parts[1]}' is not defined", executionCount));
            case "print":
                onOutput(new KernelStreamOutput("stdout", code.Trim()[6..] + "\n"));
                break;
            case "display":
                onOutput(new KernelDisplayOutput(new JsonObject { ["text/plain"] = parts[1], ["text/html"] = $"<b>{parts[1]}</b>" }, new JsonObject()));
                break;
            case "throw":
                // Fails after 300 ms, like a real cell, so requests sent right after it are queued behind it.
                Thread.Sleep(300);
                return Task.FromResult(Error("InvalidOperationException", code.Trim()[6..], executionCount));
            case "loop":
                while (!cancellationToken.IsCancellationRequested)
                {
                    Thread.SpinWait(1000);
                }

                return Task.FromResult(new KernelExecutionResult(KernelExecutionStatus.Interrupted));
            case "touch":
                File.WriteAllText(code.Trim()[6..], "executed");
                break;
            case "":
                break;
            default:
                return Task.FromResult(Error("UnknownCommand", parts[0], executionCount));
        }

        return Task.FromResult(KernelExecutionResult.Ok);
    }

    private static KernelExecutionResult Error(string name, string value, int cell) =>
        new(KernelExecutionStatus.Error, new KernelError(name, value, [$"Cell {cell}: {name}: {value}"]));

    public Task<KernelCompletions> CompleteAsync(string code, int position, CancellationToken cancellationToken)
    {
        var start = position;
        while (start > 0 && char.IsLetter(code[start - 1]))
        {
            start--;
        }

        var prefix = code[start..position];
        var matches = new[] { "set", "get", "print", "display", "throw", "loop", "touch" }.Concat(_state.Keys)
            .Where(m => m.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        return Task.FromResult(new KernelCompletions(matches, start, position, matches.Select(_ => "keyword").ToArray()));
    }

    public Task<KernelInspection> InspectAsync(string code, int position, int detailLevel, CancellationToken cancellationToken) =>
        Task.FromResult(code.Contains("get", StringComparison.Ordinal)
            ? new KernelInspection(true, "get NAME: shows the value of NAME")
            : KernelInspection.NotFound);

    public Task<KernelCodeCompleteness> IsCompleteAsync(string code, CancellationToken cancellationToken) =>
        Task.FromResult(code.TrimEnd().EndsWith('\\') ? new KernelCodeCompleteness("incomplete", "  ") : new KernelCodeCompleteness("complete"));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
