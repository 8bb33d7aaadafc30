using System.Diagnostics;

namespace Workbook.Kernel.Tests;

/// <summary>
/// The real .NET Interactive tool (<c>dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001</c>, which
/// <c>.ci/run</c> installs): found in <c>~/.dotnet/tools</c> or on PATH; its Jupyter kernelspecs (<c>.net-csharp</c>, ...)
/// are written into a temporary folder with <c>dotnet-interactive jupyter install --path DIR/kernels</c>, so nothing
/// outside it changes.
/// </summary>
internal static class DotnetInteractiveTool
{
    public const string Version = "1.0.712001";

    public const string InstallHint =
        $"install it with `dotnet tool install -g Microsoft.dotnet-interactive --version {Version}` (and put ~/.dotnet/tools on PATH), " +
        "or set WORKBOOK_SKIP_DOTNET_INTERACTIVE=1 to skip the tests that run the notebooks in it";

    /// <summary>The folder holding the <c>dotnet-interactive</c> executable, or null.</summary>
    public static string? FindFolder()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var candidates = new[] { Path.Combine(home, ".dotnet", "tools") }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "dotnet-interactive")));
    }

    /// <summary>PATH with the tool's folder first (its kernelspec starts <c>dotnet interactive</c>, which looks the tool up on PATH).</summary>
    public static string SearchPath(string toolFolder)
    {
        var dotnet = Path.GetDirectoryName(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "/usr/bin/dotnet");
        return string.Join(Path.PathSeparator, new[] { toolFolder, dotnet ?? "" }.Concat([Environment.GetEnvironmentVariable("PATH") ?? ""]).Where(s => s.Length > 0));
    }

    /// <summary>Writes the tool's kernelspecs into <c><paramref name="jupyterPath"/>/kernels</c>; fails the test with the tool's output otherwise.</summary>
    public static void InstallKernelSpecs(string toolFolder, string jupyterPath)
    {
        var kernels = Path.Combine(jupyterPath, "kernels");
        Directory.CreateDirectory(kernels);
        var start = new ProcessStartInfo(Path.Combine(toolFolder, "dotnet-interactive"), ["jupyter", "install", "--path", kernels])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = SearchPath(toolFolder);
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var spec = Path.Combine(kernels, ".net-csharp", "kernel.json");
        Assert.True(process.ExitCode == 0 && File.Exists(spec),
            $"`dotnet-interactive jupyter install --path {kernels}` failed (exit {process.ExitCode}, no {spec}):\n{stdout.Result}\n{stderr}");
    }
}
