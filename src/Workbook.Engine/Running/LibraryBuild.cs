using System.Diagnostics;

namespace Workbook.Engine.Running;

/// <summary>
/// The notebooks load the workbook library from <c>src/Regularization/bin/Release/net10.0/Regularization.dll</c> (see the
/// opening cell in the engine's README). Before running notebooks that reference it, front ends call
/// <see cref="EnsureAsync"/>, which builds it (<c>dotnet build -c Release -f net10.0</c>) when it is missing or older than
/// its sources, so <c>workbook run</c> and the kernel work from a fresh clone.
/// </summary>
public static class LibraryBuild
{
    /// <summary>The library's path relative to the repository root, as the opening cell loads it.</summary>
    public const string Marker = "src/Regularization/bin/Release/net10.0/Regularization.dll";

    /// <summary>Builds the library when some notebook references it (or <paramref name="force"/>) and it is missing or stale.</summary>
    /// <param name="root">The repository root (the folder holding Workbook.sln).</param>
    /// <param name="notebooks">The notebooks about to run.</param>
    /// <param name="force">Check even if no notebook mentions the library.</param>
    /// <param name="log">Receives a line when a build starts.</param>
    /// <returns>Whether the library is usable, and the build errors otherwise.</returns>
    public static async Task<(bool Ok, string Message)> EnsureAsync(string root, IEnumerable<string> notebooks, bool force, Action<string> log)
    {
        var project = Path.Combine(root, "src", "Regularization", "Regularization.csproj");
        if (!File.Exists(project)) return (true, "");
        if (!force && !notebooks.Any(n => File.ReadAllText(n).Contains("Regularization/bin/Release", StringComparison.Ordinal))) return (true, "");
        var dll = Path.Combine(root, Marker);
        if (!force && File.Exists(dll))
        {
            var built = File.GetLastWriteTimeUtc(dll);
            var inputs = Directory.EnumerateFiles(Path.GetDirectoryName(project)!, "*.*", SearchOption.AllDirectories)
                .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
                    && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Concat([Path.Combine(root, "Directory.Build.props"), Path.Combine(root, "Directory.Packages.props")])
                .Where(File.Exists);
            if (inputs.All(f => File.GetLastWriteTimeUtc(f) <= built)) return (true, "");
        }
        log("building src/Regularization (Release, net10.0)");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "build", project, "-c", "Release", "-f", "net10.0", "--nologo", "-v", "q" }) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var output = await stdout + await stderr;
        if (p.ExitCode != 0)
            return (false, "building src/Regularization failed:\n" + string.Join("\n", output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(15)));
        return (true, "");
    }
}
