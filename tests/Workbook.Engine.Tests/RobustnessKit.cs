using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Tests;

/// <summary>Helpers of the robustness tests (issue 11): small notebooks on disk, hashes of sources, the CLI as a real
/// process, and the check that artifacts are complete files.</summary>
internal static class RobustnessKit
{
    /// <summary>The <c>workbook</c> command in this process.</summary>
    public static Task<int> InProcess(params string[] args) => Cli.Program.BuildRoot().Parse(args).InvokeAsync();

    /// <summary>Writes a notebook of C# code cells (no library references, so nothing is built).</summary>
    public static string WriteNotebook(string dir, string file, params string[] cells)
    {
        var nb = Notebook.CreateCSharp();
        nb.Cells.Add(NotebookCell.Markdown($"# {Path.GetFileNameWithoutExtension(file)}\n"));
        foreach (var c in cells) nb.Cells.Add(NotebookCell.Code(c));
        var path = Path.Combine(dir, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        NotebookFile.Write(nb, path);
        return path;
    }

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    public static Dictionary<string, string> Hashes(IEnumerable<string> paths) => paths.ToDictionary(p => p, Sha256);

    /// <summary>Every source is byte-identical to its hash taken before the run.</summary>
    public static void AssertUnchanged(Dictionary<string, string> before)
    {
        foreach (var (path, hash) in before)
            Assert.True(hash == Sha256(path), $"{path} changed (sha256 {hash} -> {Sha256(path)})");
    }

    /// <summary>Every artifact is a complete file: notebooks read, JSON parses, pages end with &lt;/html&gt;, no temporary files.</summary>
    public static void AssertArtifactsComplete(string artifacts)
    {
        if (!Directory.Exists(artifacts)) return;
        foreach (var f in Directory.GetFiles(artifacts, "*", SearchOption.AllDirectories))
        {
            Assert.False(f.EndsWith(".tmp", StringComparison.Ordinal), $"temporary file left: {f}");
            if (f.EndsWith(".ipynb", StringComparison.Ordinal)) NotebookFile.Read(f);
            else if (f.EndsWith(".json", StringComparison.Ordinal)) JsonNode.Parse(File.ReadAllText(f));
            else if (f.EndsWith(".html", StringComparison.Ordinal)) Assert.EndsWith("</html>\n", File.ReadAllText(f));
        }
    }

    /// <summary>The CLI of the test's build as a real process (<c>dotnet workbook.dll ...</c>), SIGINT at its default
    /// disposition (a background shell would have it ignored), output not wrapped.</summary>
    public static Process StartCli(IEnumerable<string> args, string? workingDirectory = null)
    {
        var dll = typeof(Cli.Program).Assembly.Location;
        var psi = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TestPaths.Root,
        };
        foreach (var a in new[] { "-c", "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])", "dotnet", dll })
            psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    /// <summary>Runs the CLI to its end; returns the exit code and stdout+stderr.</summary>
    public static async Task<(int Code, string Output)> RunCli(params string[] args)
    {
        using var p = StartCli(args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout + await stderr);
    }

    public static JsonArray Report(string artifacts) => JsonNode.Parse(File.ReadAllText(Path.Combine(artifacts, "run-report.json")))!.AsArray();
}
