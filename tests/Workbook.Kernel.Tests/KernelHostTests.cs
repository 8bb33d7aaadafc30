using System.Net;
using System.Net.Sockets;

namespace Workbook.Kernel.Tests;

/// <summary>Start-up failures are reported, not thrown; missing Jupyter is named with what to install.</summary>
public sealed class KernelHostTests
{
    [Fact]
    public async Task RunAsync_WhenAPortIsTaken_ReturnsOneWithoutServing()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var busyPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var ports = FreePorts(4);
        var file = Path.Combine(Directory.CreateTempSubdirectory("workbook-host-").FullName, "connection.json");
        await File.WriteAllTextAsync(file, $$"""
            {"shell_port": {{ports[0]}}, "iopub_port": {{ports[1]}}, "stdin_port": {{ports[2]}}, "control_port": {{ports[3]}},
             "hb_port": {{busyPort}}, "ip": "127.0.0.1", "key": "k", "transport": "tcp", "signature_scheme": "hmac-sha256"}
            """);
        var backendCreated = false;
        var exit = await KernelHost.RunAsync(file, () =>
        {
            backendCreated = true;
            return new FakeBackend();
        }).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, exit);
        Assert.True(backendCreated);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public void MissingPythonOrJupyter_IsNamedWithTheAptPackages()
    {
        var missing = JupyterHarness.FindMissing("/nonexistent/python3");
        Assert.Contains("/nonexistent/python3 does not exist", missing);
        Assert.Contains("apt-get install jupyter-client python3-nbclient jupyter-nbconvert", missing);
        Assert.Contains("WORKBOOK_SKIP_JUPYTER=1", missing);

        var cannotImport = JupyterHarness.FindMissing("/bin/false");
        Assert.Contains("cannot import jupyter_client", cannotImport);
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
