using System.Text.Json.Nodes;
using Workbook.Kernel.Backend;

namespace Workbook.Kernel.Protocol;

/// <summary>The shell requests that reach the backend: execute, complete, inspect, is_complete.</summary>
internal sealed partial class KernelServer
{
    private async Task ExecuteAsync(KernelChannel channel, JupyterMessage request, long sequence)
    {
        var content = request.Content;
        var code = content["code"]?.GetValue<string>() ?? "";
        var silent = content["silent"]?.GetValue<bool>() ?? false;
        var storeHistory = !silent && (content["store_history"]?.GetValue<bool>() ?? true);
        var stopOnError = content["stop_on_error"]?.GetValue<bool>() ?? true;

        if (sequence <= Interlocked.Read(ref _abortThrough))
        {
            // Queued behind a cell that failed with stop_on_error: not executed (as ipykernel does).
            Reply(channel, request, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = ExecutionCount });
            return;
        }

        var count = storeHistory ? Interlocked.Increment(ref _executionCount) : ExecutionCount;
        if (!silent)
        {
            Publish(request, "execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count });
        }

        using var cts = new CancellationTokenSource();
        lock (_executionGate)
        {
            _running = cts;
            _inputParent = content["allow_stdin"]?.GetValue<bool>() ?? false ? request : null;
        }

        KernelExecutionResult result;
        try
        {
            result = await _backend.ExecuteAsync(code, count, output =>
            {
                if (!silent)
                {
                    PublishOutput(request, output, count);
                }
            }, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            result = new KernelExecutionResult(KernelExecutionStatus.Interrupted);
        }
        catch (Exception e)
        {
            Log($"the backend failed executing cell {count}: {e}");
            result = new KernelExecutionResult(KernelExecutionStatus.Error, new KernelError(e.GetType().Name, e.Message, [e.ToString()]));
        }
        finally
        {
            lock (_executionGate)
            {
                _running = null;
                _inputParent = null;
                _pendingInput?.TrySetCanceled();
                _pendingInput = null;
            }
        }

        if (result.Status == KernelExecutionStatus.Ok)
        {
            Reply(channel, request, "execute_reply", new JsonObject
            {
                ["status"] = "ok",
                ["execution_count"] = count,
                ["payload"] = new JsonArray(),
                ["user_expressions"] = new JsonObject(),
            });
            return;
        }

        var error = result.Error ?? new KernelError(
            "OperationCanceledException",
            $"Cell {count} was interrupted.",
            [$"Cell {count} was interrupted; the session state is kept."]);
        if (!silent)
        {
            Publish(request, "error", ErrorContent(error.Name, error.Value, error.Traceback).Also(o => o.Remove("status")));
        }

        if (stopOnError)
        {
            Interlocked.Exchange(ref _abortThrough, Interlocked.Read(ref _received));
        }

        var reply = ErrorContent(error.Name, error.Value, error.Traceback);
        reply["execution_count"] = count;
        Reply(channel, request, "execute_reply", reply, new JsonObject
        {
            ["status"] = "error",
            ["dependencies_met"] = true,
        });
    }

    private void PublishOutput(JupyterMessage request, KernelOutput output, int count)
    {
        switch (output)
        {
            case KernelStreamOutput stream:
                Publish(request, "stream", new JsonObject { ["name"] = stream.Name, ["text"] = stream.Text });
                break;
            case KernelDisplayOutput { IsExecuteResult: true } display:
                Publish(request, "execute_result", new JsonObject
                {
                    ["execution_count"] = count,
                    ["data"] = display.Data.DeepClone(),
                    ["metadata"] = display.Metadata.DeepClone(),
                });
                break;
            case KernelDisplayOutput display:
                var message = new JsonObject
                {
                    ["data"] = display.Data.DeepClone(),
                    ["metadata"] = display.Metadata.DeepClone(),
                    ["transient"] = display.DisplayId is null ? new JsonObject() : new JsonObject { ["display_id"] = display.DisplayId },
                };
                Publish(request, "display_data", message);
                break;
            default:
                Log($"unknown output type {output.GetType().Name}; not published");
                break;
        }
    }

    private async Task CompleteAsync(KernelChannel channel, JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var cursor = CodePoints.ToUtf16(code, request.Content["cursor_pos"]?.GetValue<int>() ?? CodePoints.Length(code));
        var completions = await _backend.CompleteAsync(code, cursor, CancellationToken.None).ConfigureAwait(false);
        var metadata = new JsonObject();
        if (completions.Kinds is { } kinds && kinds.Count == completions.Matches.Count)
        {
            var start = CodePoints.FromUtf16(code, completions.Start);
            var end = CodePoints.FromUtf16(code, completions.End);
            metadata["_jupyter_types_experimental"] = new JsonArray(completions.Matches.Select((m, i) => (JsonNode?)new JsonObject
            {
                ["start"] = start,
                ["end"] = end,
                ["text"] = m,
                ["type"] = kinds[i],
            }).ToArray());
        }

        Reply(channel, request, "complete_reply", new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(completions.Matches.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            ["cursor_start"] = CodePoints.FromUtf16(code, completions.Start),
            ["cursor_end"] = CodePoints.FromUtf16(code, completions.End),
            ["metadata"] = metadata,
        });
    }

    private async Task InspectAsync(KernelChannel channel, JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var cursor = CodePoints.ToUtf16(code, request.Content["cursor_pos"]?.GetValue<int>() ?? CodePoints.Length(code));
        var level = request.Content["detail_level"]?.GetValue<int>() ?? 0;
        var inspection = await _backend.InspectAsync(code, cursor, level, CancellationToken.None).ConfigureAwait(false);
        var data = new JsonObject();
        if (inspection.Found)
        {
            data["text/plain"] = inspection.PlainText;
            if (inspection.Markdown is not null)
            {
                data["text/markdown"] = inspection.Markdown;
            }
        }

        Reply(channel, request, "inspect_reply", new JsonObject
        {
            ["status"] = "ok",
            ["found"] = inspection.Found,
            ["data"] = data,
            ["metadata"] = new JsonObject(),
        });
    }

    private async Task IsCompleteAsync(KernelChannel channel, JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var answer = await _backend.IsCompleteAsync(code, CancellationToken.None).ConfigureAwait(false);
        var content = new JsonObject { ["status"] = answer.Status };
        if (answer.Status == "incomplete")
        {
            content["indent"] = answer.Indent;
        }

        Reply(channel, request, "is_complete_reply", content);
    }
}
