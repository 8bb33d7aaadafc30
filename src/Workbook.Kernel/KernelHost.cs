using System.Runtime.InteropServices;
using NetMQ;
using Workbook.Kernel.Backend;
using Workbook.Kernel.Engine;
using Workbook.Kernel.Protocol;

namespace Workbook.Kernel;

/// <summary>Runs the workbook's Jupyter kernel for one connection file (what <c>workbook kernel &lt;file&gt;</c> does).</summary>
public static class KernelHost
{
    /// <summary>
    /// Serves the Jupyter protocol on the sockets named in <paramref name="connectionFilePath"/>, executing cells with
    /// the workbook engine, until the client sends <c>shutdown_request</c>, the process gets SIGTERM, the process that
    /// started the kernel dies, or <paramref name="cancellationToken"/> is cancelled. SIGINT interrupts the running cell.
    /// </summary>
    /// <returns>The process exit code: 0 after a clean shutdown, 1 when the connection file is unusable or its ports
    /// cannot be bound.</returns>
    public static Task<int> RunAsync(string connectionFilePath, CancellationToken cancellationToken = default)
    {
        var log = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
        return RunAsync(connectionFilePath, () => EngineBackend.Create(line => log.WriteLine($"[workbook-kernel] {line}"), connectionFilePath), cancellationToken);
    }

    /// <summary>As <see cref="RunAsync(string, CancellationToken)"/>, with another backend (for tests and other engines).</summary>
    public static async Task<int> RunAsync(string connectionFilePath, Func<IKernelBackend> backendFactory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backendFactory);
        // Own handle on the real stderr: cells may redirect Console.Error while they run.
        var log = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
        ConnectionInfo connection;
        try
        {
            connection = ConnectionInfo.Load(connectionFilePath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            await log.WriteLineAsync($"[workbook-kernel] {e.Message}").ConfigureAwait(false);
            return 1;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        KernelServer server;
        try
        {
            server = new KernelServer(connection, backendFactory(), log);
        }
        catch (NetMQException e)
        {
            await log.WriteLineAsync($"[workbook-kernel] cannot listen on {connection.Transport}://{connection.Ip} " +
                                     $"(ports {connection.ShellPort}, {connection.IopubPort}, {connection.StdinPort}, " +
                                     $"{connection.ControlPort}, {connection.HeartbeatPort}): {e.Message}").ConfigureAwait(false);
            NetMQConfig.Cleanup(block: false);
            return 1;
        }

        var originalIn = Console.In;
        Console.SetIn(TextReader.Synchronized(new JupyterConsoleIn(server)));
        try
        {
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                context.Cancel = true;
                server.Interrupt();
            });
            var watch = ParentWatch.RunAsync(TimeSpan.FromSeconds(1), () =>
            {
                log.WriteLine("[workbook-kernel] the process that started the kernel is gone; shutting down");
                stop.Cancel();
            }, stop.Token);
            await server.RunAsync(stop.Token).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            await watch.ConfigureAwait(false);
        }
        finally
        {
            Console.SetIn(originalIn);
            await server.DisposeAsync().ConfigureAwait(false);
            NetMQConfig.Cleanup(block: false);
        }

        await log.WriteLineAsync("[workbook-kernel] stopped").ConfigureAwait(false);
        return 0;
    }
}
