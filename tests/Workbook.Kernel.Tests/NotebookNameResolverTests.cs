using System.Net;
using System.Net.Sockets;
using Workbook.Kernel.Engine;

namespace Workbook.Kernel.Tests;

/// <summary>
/// Jupyter Notebook 6.4 does not set <c>JPY_SESSION_NAME</c>, so errors said "notebook, cell 3"; the kernel now asks the
/// server that started it (its <c>nbserver-*.json</c> beside the connection file) which notebook its session is.
/// </summary>
public sealed class NotebookNameResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("workbook-names-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SessionNameWins_ThenTheServersSession_ThenTheOnlyNotebookInTheFolder_ThenNotebook()
    {
        const string id = "0b7e7a4e-1c2d-4f5e-9a8b-7c6d5e4f3a2b";
        var connection = Path.Combine(_dir, $"kernel-{id}.json");
        File.WriteAllText(connection, "{}");
        File.WriteAllText(Path.Combine(_dir, "nbserver-4242.json"), """{"url": "http://localhost:8888/", "token": "secret"}""");
        var asked = new List<string>();
        string? Server(Uri url, string? token)
        {
            asked.Add($"{url} {token}");
            return $$$"""[{"id": "s1", "path": "other.ipynb", "kernel": {"id": "someone-else"}}, {"id": "s2", "path": "notebooks/03-ridge-lasso-elastic-net.ipynb", "kernel": {"id": "{{{id}}}"}}]""";
        }

        Assert.Equal("05-group-lasso.ipynb", NotebookNameResolver.Resolve("/work/notebooks/05-group-lasso.ipynb", connection, _dir, Server));
        Assert.Empty(asked);
        Assert.Equal("03-ridge-lasso-elastic-net.ipynb", NotebookNameResolver.Resolve(null, connection, _dir, Server));
        Assert.Equal(["http://localhost:8888/api/sessions secret"], asked);

        // no server knows this kernel (nbconvert, a dead server): the folder's only notebook, else "notebook"
        string? Nobody(Uri url, string? token) => null;
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "nb")).FullName;
        Assert.Equal(NotebookNameResolver.Unknown, NotebookNameResolver.Resolve(null, connection, folder, Nobody));
        File.WriteAllText(Path.Combine(folder, "07-pruning.ipynb"), "{}");
        Assert.Equal("07-pruning.ipynb", NotebookNameResolver.Resolve("", connection, folder, Nobody));
        File.WriteAllText(Path.Combine(folder, "06-adam.ipynb"), "{}");
        Assert.Equal(NotebookNameResolver.Unknown, NotebookNameResolver.Resolve(null, connection, folder, Nobody));
        Assert.Equal(NotebookNameResolver.Unknown, NotebookNameResolver.Resolve(null, null, folder, Server));
    }

    [Fact]
    public async Task HttpGet_SendsJupytersTokenHeader_AndOnlyToLoopback()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        // A thread of its own: a blocked thread-pool thread could starve the client's 2 s budget on a loaded machine.
        var served = new TaskCompletionSource();
        var server = new Thread(() =>
        {
            var context = listener.GetContext();
            var ok = context.Request.Headers["Authorization"] == "token secret" && context.Request.Url!.AbsolutePath == "/api/sessions";
            context.Response.StatusCode = ok ? 200 : 403;
            using (var w = new StreamWriter(context.Response.OutputStream)) w.Write(ok ? "[]" : "forbidden");
            served.SetResult();
        }) { IsBackground = true };
        server.Start();
        Assert.Equal("[]", NotebookNameResolver.HttpGet(new Uri($"http://127.0.0.1:{port}/api/sessions"), "secret"));
        await served.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(NotebookNameResolver.HttpGet(new Uri("http://example.invalid/api/sessions"), "secret"));
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
