using Workbook.Engine.Notebooks;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Workbook.Kernel.Backend;

namespace Workbook.Kernel.Protocol;

/// <summary>
/// A Jupyter kernel (messaging protocol 5.3) in front of an <see cref="IKernelBackend"/>. Shell requests run one at a
/// time on a worker; control requests (interrupt, shutdown, kernel_info) run on their own worker so they are served
/// while a cell runs. Every request is wrapped in iopub status busy/idle; unsigned or wrongly signed messages are
/// logged to stderr and dropped.
/// </summary>
internal sealed partial class KernelServer : IAsyncDisposable
{
    private readonly ConnectionInfo _connection;
    private readonly IKernelBackend _backend;
    private readonly TextWriter _log;
    private readonly WireCodec _codec;
    private readonly KernelTransport _transport;
    private readonly Channel<(JupyterMessage Message, long Sequence)> _shellQueue = Channel.CreateUnbounded<(JupyterMessage, long)>();
    private readonly Channel<JupyterMessage> _controlQueue = Channel.CreateUnbounded<JupyterMessage>();
    private readonly TaskCompletionSource<bool> _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _executionGate = new();
    private CancellationTokenSource? _running;
    private JupyterMessage? _inputParent;
    private TaskCompletionSource<string>? _pendingInput;
    private long _received;
    private long _abortThrough = -1;
    private int _executionCount;

    public KernelServer(ConnectionInfo connection, IKernelBackend backend, TextWriter log)
    {
        _connection = connection;
        _backend = backend;
        _log = log;
        _codec = new WireCodec(new MessageSigner(connection.Key));
        try
        {
            _transport = new KernelTransport(connection, OnReceived);
        }
        catch
        {
            _ = backend.DisposeAsync().AsTask();
            throw;
        }
    }

    /// <summary>Current execution count (number of executions stored in history).</summary>
    public int ExecutionCount => Volatile.Read(ref _executionCount);

    /// <summary>Serves until a shutdown request arrives or <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <returns>True when the client asked for a restart.</returns>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        _transport.Start();
        Log($"listening on {_connection.Transport}://{_connection.Ip} (shell {_connection.ShellPort}, iopub {_connection.IopubPort}, " +
            $"control {_connection.ControlPort}, stdin {_connection.StdinPort}, hb {_connection.HeartbeatPort})" +
            (new MessageSigner(_connection.Key).Enabled ? "" : "; WARNING: empty key, messages are not authenticated"));
        Publish(null, "status", new JsonObject { ["execution_state"] = "starting" });
        var shellWorker = Task.Run(() => ServeShellAsync(_shutdown.Task), CancellationToken.None);
        var controlWorker = Task.Run(() => ServeControlAsync(), CancellationToken.None);
        bool restart;
        using (cancellationToken.Register(() => _shutdown.TrySetResult(false)))
        {
            restart = await _shutdown.Task.ConfigureAwait(false);
        }

        InterruptRunningCell();
        _shellQueue.Writer.TryComplete();
        _controlQueue.Writer.TryComplete();
        await Task.WhenAny(Task.WhenAll(shellWorker, controlWorker), Task.Delay(TimeSpan.FromSeconds(3))).ConfigureAwait(false);

        if (!shellWorker.IsCompleted)
        {
            Log("the running cell did not stop within 3 s of shutdown; exiting anyway");
        }

        await _transport.StopAsync().ConfigureAwait(false);
        return restart;
    }

    private void OnReceived(KernelChannel channel, List<byte[]> frames)
    {
        var message = _codec.Decode(frames, out var rejection);
        if (message is null)
        {
            Log($"rejected a message on {channel.ToString().ToLowerInvariant()}: {rejection}; it was not executed");
            return;
        }

        switch (channel)
        {
            case KernelChannel.Shell:
                _shellQueue.Writer.TryWrite((message, Interlocked.Increment(ref _received)));
                break;
            case KernelChannel.Control:
                _controlQueue.Writer.TryWrite(message);
                break;
            default:
                TaskCompletionSource<string>? pending = null;
                if (message.MsgType == "input_reply")
                {
                    lock (_executionGate)
                    {
                        pending = _pendingInput;
                        _pendingInput = null;
                    }
                }

                if (pending is null)
                {
                    Log($"ignored {message.MsgType} on stdin (no input request pending)");
                    break;
                }

                pending.TrySetResult(message.Content["value"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "");
                break;
        }
    }

    private async Task ServeShellAsync(Task shutdown)
    {
        await foreach (var (message, sequence) in _shellQueue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (shutdown.IsCompleted)
            {
                return;
            }

            await HandleAsync(KernelChannel.Shell, message, sequence).ConfigureAwait(false);
        }
    }

    private async Task ServeControlAsync()
    {
        await foreach (var message in _controlQueue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await HandleAsync(KernelChannel.Control, message, long.MaxValue).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(KernelChannel channel, JupyterMessage request, long sequence)
    {
        Publish(request, "status", new JsonObject { ["execution_state"] = "busy" });
        try
        {
            await DispatchAsync(channel, request, sequence).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log($"error while handling {request.MsgType}: {e}");
            var replyType = request.MsgType.EndsWith("_request", StringComparison.Ordinal)
                ? request.MsgType[..^"_request".Length] + "_reply"
                : null;
            if (replyType is not null)
            {
                Reply(channel, request, replyType, ErrorContent(e.GetType().Name, e.Message, [e.ToString()]));
            }
        }
        finally
        {
            Publish(request, "status", new JsonObject { ["execution_state"] = "idle" });
        }
    }

    /// <summary>The requests the control channel serves; anything else sent there gets an error reply and never runs, so a
    /// long request (an execute_request) cannot block a later interrupt.</summary>
    internal static readonly IReadOnlySet<string> ControlRequests = new HashSet<string>(StringComparer.Ordinal)
    {
        "interrupt_request", "shutdown_request", "kernel_info_request",
    };

    private Task DispatchAsync(KernelChannel channel, JupyterMessage request, long sequence)
    {
        if (channel == KernelChannel.Control && !ControlRequests.Contains(request.MsgType))
        {
            Log($"{request.MsgType} on control: not a control message; refused (control serves {string.Join(", ", ControlRequests)})");
            if (request.MsgType.EndsWith("_request", StringComparison.Ordinal))
            {
                Reply(channel, request, request.MsgType[..^"_request".Length] + "_reply", ErrorContent("WrongChannel",
                    $"{request.MsgType} is not a control message; send it on the shell channel (control serves {string.Join(", ", ControlRequests)})", []));
            }

            return Task.CompletedTask;
        }

        switch (request.MsgType)
        {
            case "kernel_info_request":
                Reply(channel, request, "kernel_info_reply", KernelInfo());
                return Task.CompletedTask;
            case "execute_request":
                return ExecuteAsync(channel, request, sequence);
            case "complete_request":
                return CompleteAsync(channel, request);
            case "inspect_request":
                return InspectAsync(channel, request);
            case "is_complete_request":
                return IsCompleteAsync(channel, request);
            case "comm_info_request":
                Reply(channel, request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                return Task.CompletedTask;
            case "history_request":
                Reply(channel, request, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() });
                return Task.CompletedTask;
            case "interrupt_request":
                InterruptRunningCell();
                Reply(channel, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                return Task.CompletedTask;
            case "shutdown_request":
                var restart = request.Content["restart"]?.GetValue<bool>() ?? false;
                var content = new JsonObject { ["status"] = "ok", ["restart"] = restart };
                Reply(channel, request, "shutdown_reply", content);
                Publish(request, "shutdown_reply", content.DeepClone().AsObject());
                Log(restart ? "restart requested: exiting so the client starts a fresh kernel" : "shutdown requested");
                _shutdown.TrySetResult(restart);
                return Task.CompletedTask;
            case "comm_open":
                // No comm targets are registered: tell the front end the comm is closed (as ipykernel does).
                Publish(request, "comm_close", new JsonObject
                {
                    ["comm_id"] = request.Content["comm_id"]?.DeepClone(),
                    ["data"] = new JsonObject(),
                });
                return Task.CompletedTask;
            case "comm_msg" or "comm_close":
                return Task.CompletedTask;
            default:
                Log($"unsupported message type {request.MsgType} on {channel.ToString().ToLowerInvariant()}; ignored");
                return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Reads a line for the running cell from the front end (Jupyter's <c>input_request</c> on stdin). Returns null
    /// (end of input, as a closed console gives) when no cell runs or its request did not allow stdin, as under nbconvert.
    /// Blocks the cell until the reply comes; an interrupt cancels the wait.
    /// </summary>
    public string? ReadInput(string prompt, bool password)
    {
        JupyterMessage? parent;
        CancellationToken token;
        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_executionGate)
        {
            parent = _inputParent;
            token = _running?.Token ?? CancellationToken.None;
            if (parent is null || _pendingInput is not null)
            {
                return null;
            }

            _pendingInput = reply;
        }

        _transport.Send(KernelChannel.Stdin, _codec.Encode(parent.Identities, "input_request", parent.Header,
            new JsonObject { ["prompt"] = prompt, ["password"] = password }));
        try
        {
            return reply.Task.WaitAsync(token).GetAwaiter().GetResult();
        }
        catch (TaskCanceledException) when (!token.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Cancels the running cell, if any (what interrupt_request and SIGINT do).</summary>
    public void Interrupt() => InterruptRunningCell();

    private void InterruptRunningCell()
    {
        lock (_executionGate)
        {
            _running?.Cancel();
        }
    }

    private JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = WireCodec.ProtocolVersion,
        ["implementation"] = "workbook",
        ["implementation_version"] = typeof(KernelServer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        // Exactly what the committed notebooks carry (.NET Interactive's language_info), so saving a notebook in Jupyter
        // with this kernel leaves it unchanged but for the kernelspec, which `workbook strip` restores.
        ["language_info"] = Notebook.DotNetInteractiveMetadata()["language_info"]!.DeepClone(),
        ["banner"] = _backend.Banner,
        ["help_links"] = new JsonArray(),
        ["debugger"] = false,
    };

    private static JsonObject ErrorContent(string name, string value, IEnumerable<string> traceback) => new()
    {
        ["status"] = "error",
        ["ename"] = name,
        ["evalue"] = value,
        ["traceback"] = new JsonArray(traceback.Select(line => (JsonNode?)JsonValue.Create(line)).ToArray()),
    };

    private void Reply(KernelChannel channel, JupyterMessage request, string msgType, JsonObject content, JsonObject? metadata = null) =>
        _transport.Send(channel, _codec.Encode(request.Identities, msgType, request.Header, content, metadata));

    private void Publish(JupyterMessage? parent, string msgType, JsonObject content)
    {
        var topic = System.Text.Encoding.UTF8.GetBytes($"kernel.{_codec.Session}.{msgType}");
        _transport.Send(KernelChannel.IOPub, _codec.Encode([topic], msgType, parent?.Header, content));
    }

    private void Log(string text) => _log.WriteLine($"[workbook-kernel] {text}");

    public async ValueTask DisposeAsync()
    {
        _transport.Dispose();
        await _backend.DisposeAsync().ConfigureAwait(false);
    }
}
