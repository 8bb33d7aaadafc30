using NetMQ;
using NetMQ.Sockets;

namespace Workbook.Kernel.Protocol;

/// <summary>
/// The five ZeroMQ sockets, bound to the connection file's address only, served by one poller thread. Every send
/// goes through a queue drained on that thread (NetMQ sockets are not thread-safe); received messages are handed to
/// <see cref="Received"/> on the poller thread, which must not block.
/// </summary>
internal sealed class KernelTransport : IDisposable
{
    private readonly RouterSocket _shell = new();
    private readonly RouterSocket _control = new();
    private readonly RouterSocket _stdin = new();
    private readonly PublisherSocket _iopub = new();
    private readonly ResponseSocket _heartbeat = new();
    private readonly NetMQQueue<(KernelChannel Channel, List<byte[]>? Frames)> _outgoing = new();
    private readonly NetMQPoller _poller;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    public KernelTransport(ConnectionInfo connection, Action<KernelChannel, List<byte[]>> received)
    {
        Received = received;
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat })
        {
            socket.Options.Linger = TimeSpan.FromSeconds(1);
            // A frame above the cap is refused as its size header arrives (the peer is disconnected), before it is
            // buffered and long before its signature is checked: an unsigned 200 MB message costs no memory.
            socket.Options.MaxMsgSize = MaxFrameBytes;
        }

        try
        {
            _shell.Bind(connection.Endpoint(connection.ShellPort));
            _control.Bind(connection.Endpoint(connection.ControlPort));
            _stdin.Bind(connection.Endpoint(connection.StdinPort));
            _iopub.Bind(connection.Endpoint(connection.IopubPort));
            _heartbeat.Bind(connection.Endpoint(connection.HeartbeatPort));
        }
        catch
        {
            foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat })
            {
                socket.Dispose();
            }

            _outgoing.Dispose();
            throw;
        }

        _shell.ReceiveReady += (_, e) => Drain(KernelChannel.Shell, e.Socket);
        _control.ReceiveReady += (_, e) => Drain(KernelChannel.Control, e.Socket);
        _stdin.ReceiveReady += (_, e) => Drain(KernelChannel.Stdin, e.Socket);
        _heartbeat.ReceiveReady += (_, e) =>
        {
            var frames = new List<byte[]>();
            while (e.Socket.TryReceiveMultipartBytes(ref frames))
            {
                e.Socket.SendMultipartBytes(frames);
            }
        };
        _outgoing.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var item, TimeSpan.Zero))
            {
                if (item.Frames is null)
                {
                    _poller!.Stop();
                    return;
                }

                SocketFor(item.Channel).SendMultipartBytes(item.Frames);
            }
        };
        _poller = new NetMQPoller { _shell, _control, _stdin, _heartbeat, _outgoing };
    }

    /// <summary>The largest frame accepted on any socket (32 MiB: far above any request a front end sends).</summary>
    public const long MaxFrameBytes = 32L * 1024 * 1024;

    /// <summary>The largest whole message (all frames) handed on; larger ones are dropped unread.</summary>
    public const long MaxMessageBytes = 64L * 1024 * 1024;

    public Action<KernelChannel, List<byte[]>> Received { get; }

    /// <summary>Starts the poller thread.</summary>
    public void Start()
    {
        var thread = new Thread(() =>
        {
            try
            {
                _poller.Run();
            }
            finally
            {
                _stopped.TrySetResult();
            }
        })
        {
            IsBackground = true,
            Name = "jupyter-sockets",
        };
        thread.Start();
    }

    /// <summary>Queues a message; it is sent on the poller thread in queue order.</summary>
    public void Send(KernelChannel channel, List<byte[]> frames) => _outgoing.Enqueue((channel, frames));

    /// <summary>Sends everything queued so far, then stops the poller.</summary>
    public Task StopAsync()
    {
        _outgoing.Enqueue((KernelChannel.Shell, null));
        return _stopped.Task;
    }

    private void Drain(KernelChannel channel, NetMQSocket socket)
    {
        var frames = new List<byte[]>();
        while (socket.TryReceiveMultipartBytes(ref frames))
        {
            var size = frames.Sum(f => (long)f.Length);
            if (size > MaxMessageBytes)
            {
                Console.Error.WriteLine($"[workbook-kernel] rejected a message on {channel.ToString().ToLowerInvariant()}: {size} bytes in {frames.Count} frames, above the {MaxMessageBytes}-byte limit; it was not executed");
                frames = new List<byte[]>();
                continue;
            }

            try
            {
                Received(channel, frames);
            }
            catch (Exception e)
            {
                // Never let one bad message stop the poller thread (and with it every socket).
                Console.Error.WriteLine($"[workbook-kernel] error handling a message on {channel}: {e.Message}");
            }

            frames = new List<byte[]>();
        }
    }

    private NetMQSocket SocketFor(KernelChannel channel) => channel switch
    {
        KernelChannel.Shell => _shell,
        KernelChannel.Control => _control,
        KernelChannel.Stdin => _stdin,
        _ => _iopub,
    };

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_poller.IsRunning)
        {
            _poller.Stop();
        }

        _poller.Dispose();
        _outgoing.Dispose();
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat })
        {
            socket.Dispose();
        }
    }
}
