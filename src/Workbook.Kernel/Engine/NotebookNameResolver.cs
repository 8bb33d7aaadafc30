using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbook.Kernel.Engine;

/// <summary>
/// The name of the notebook a kernel serves, for error messages (<c>03-ridge-lasso.ipynb, cell 4, line 2: ...</c>).
/// Jupyter tells a kernel nothing about its notebook but, in newer servers, <c>JPY_SESSION_NAME</c>; Jupyter Notebook
/// 6.4 does not set it. Its server does list its sessions (<c>GET {url}api/sessions</c>, each with the kernel's id and the
/// notebook's path) and advertises itself in <c>nbserver-*.json</c> / <c>jpserver-*.json</c> beside the kernel's
/// connection file (<c>kernel-&lt;id&gt;.json</c>, in the same runtime directory).
/// </summary>
internal static class NotebookNameResolver
{
    /// <summary>The name used when nothing tells which notebook this is.</summary>
    public const string Unknown = "notebook";

    /// <summary>
    /// In order: <c>JPY_SESSION_NAME</c>; the path of this kernel's session on the Jupyter server that started it; the only
    /// notebook in <paramref name="workingDirectory"/> (the kernel runs in the notebook's folder); else <see cref="Unknown"/>.
    /// </summary>
    /// <param name="sessionName">The value of <c>JPY_SESSION_NAME</c>, or null.</param>
    /// <param name="connectionFile">The kernel's connection file, or null.</param>
    /// <param name="workingDirectory">The kernel's working directory.</param>
    /// <param name="get">Fetches a URL with a token (an HTTP GET returning the body, or null on failure).</param>
    public static string Resolve(string? sessionName, string? connectionFile, string workingDirectory, Func<Uri, string?, string?> get)
    {
        if (!string.IsNullOrWhiteSpace(sessionName)) return Path.GetFileName(sessionName.TrimEnd('/'));
        if (connectionFile is not null && FromServer(connectionFile, get) is { } fromServer) return fromServer;
        var here = Directory.Exists(workingDirectory) ? Directory.GetFiles(workingDirectory, "*.ipynb") : [];
        return here.Length == 1 ? Path.GetFileName(here[0]) : Unknown;
    }

    /// <summary>The notebook file name of the server session whose kernel is the one of <paramref name="connectionFile"/>.</summary>
    internal static string? FromServer(string connectionFile, Func<Uri, string?, string?> get)
    {
        var file = Path.GetFileNameWithoutExtension(connectionFile);
        if (!file.StartsWith("kernel-", StringComparison.Ordinal)) return null;
        var kernelId = file["kernel-".Length..];
        var runtime = Path.GetDirectoryName(Path.GetFullPath(connectionFile))!;
        var servers = Directory.GetFiles(runtime, "nbserver-*.json").Concat(Directory.GetFiles(runtime, "jpserver-*.json"));
        foreach (var server in servers.Order(StringComparer.Ordinal))
        {
            try
            {
                var info = JsonNode.Parse(File.ReadAllText(server));
                if (info?["url"]?.GetValue<string>() is not { } url) continue;
                var token = info["token"]?.GetValue<string>();
                var body = get(new Uri(new Uri(url.EndsWith('/') ? url : url + "/"), "api/sessions"), string.IsNullOrEmpty(token) ? null : token);
                if (body is null || JsonNode.Parse(body) is not JsonArray sessions) continue;
                foreach (var session in sessions)
                {
                    if (session?["kernel"]?["id"]?.GetValue<string>() != kernelId) continue;
                    var path = session["path"]?.GetValue<string>() ?? session["notebook"]?["path"]?.GetValue<string>();
                    if (!string.IsNullOrEmpty(path)) return Path.GetFileName(path);
                }
            }
            catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or UriFormatException or UnauthorizedAccessException)
            {
                // a stale or foreign server file: try the next one
            }
        }
        return null;
    }

    /// <summary>An HTTP GET on the loopback server with Jupyter's token header, 2 s at most; null on any failure.</summary>
    public static string? HttpGet(Uri url, string? token)
    {
        if (!url.IsLoopback) return null;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("token", token);
            using var response = http.Send(request);
            if (!response.IsSuccessStatusCode) return null;
            using var reader = new StreamReader(response.Content.ReadAsStream());
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or InvalidOperationException)
        {
            return null;
        }
    }
}
