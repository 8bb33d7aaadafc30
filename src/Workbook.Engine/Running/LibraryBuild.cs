using System.Diagnostics;

namespace Workbook.Engine.Running;

/// <summary>
/// The notebooks load two assemblies of this repository by path (see the opening cell in the engine's README): the
/// workbook library <c>src/Regularization/bin/Release/net10.0/Regularization.dll</c> and the chart helpers
/// <c>src/Workbook.Charts/bin/Release/net10.0/Workbook.Charts.dll</c>. Before running notebooks that reference them,
/// front ends call <see cref="EnsureAsync"/>, which builds each referenced one (<c>dotnet build -c Release -f net10.0</c>)
/// when its dll is missing or older than its sources, so <c>workbook run</c> and the kernel work from a fresh clone.
/// </summary>
public static class LibraryBuild
{
    /// <summary>The library's path relative to the repository root, as the opening cell loads it.</summary>
    public const string Marker = "src/Regularization/bin/Release/net10.0/Regularization.dll";

    /// <summary>The chart helpers' path relative to the repository root, as the opening cell loads it.</summary>
    public const string ChartsMarker = "src/Workbook.Charts/bin/Release/net10.0/Workbook.Charts.dll";

    /// <summary>The assemblies notebooks load by path (relative to the repository root), in the order they are built and loaded.</summary>
    public static readonly IReadOnlyList<string> Markers = [Marker, ChartsMarker];

    /// <summary>Whether <paramref name="code"/> (a cell or a whole notebook file) loads one of the <see cref="Markers"/>.</summary>
    public static bool References(string code) => Markers.Any(m => code.Contains(Key(m), StringComparison.Ordinal));

    /// <summary>Builds each library that some notebook references (or all, when <paramref name="force"/>) and that is missing or stale.</summary>
    /// <param name="root">The repository root (the folder holding Workbook.sln).</param>
    /// <param name="notebooks">The notebooks about to run.</param>
    /// <param name="force">Build every library of the repository, referenced and up to date or not.</param>
    /// <param name="log">Receives a line when a build starts.</param>
    /// <returns>Whether the libraries are usable, and the build errors otherwise.</returns>
    public static async Task<(bool Ok, string Message)> EnsureAsync(string root, IEnumerable<string> notebooks, bool force, Action<string> log)
    {
        foreach (var project in ProjectsToBuild(root, notebooks, force))
        {
            log($"building {project} (Release, net10.0)");
            var (ok, message) = await BuildAsync(root, project).ConfigureAwait(false);
            if (!ok)
            {
                return (false, message);
            }
        }

        return (true, "");
    }

    /// <summary>
    /// The project folders (relative to <paramref name="root"/>, e.g. <c>src/Regularization</c>) that
    /// <see cref="EnsureAsync"/> builds: those present in the repository whose dll the notebooks reference and that is
    /// missing or older than one of its sources (<c>.cs</c>, <c>.csproj</c>, or the repository's
    /// Directory.Build.props / Directory.Packages.props); with <paramref name="force"/>, all present ones.
    /// </summary>
    internal static IReadOnlyList<string> ProjectsToBuild(string root, IEnumerable<string> notebooks, bool force)
    {
        var texts = new Lazy<string[]>(() => notebooks.Select(File.ReadAllText).ToArray());
        var result = new List<string>();
        foreach (var marker in Markers)
        {
            var folder = ProjectFolder(marker);
            if (!File.Exists(ProjectFile(root, marker)))
            {
                continue;
            }

            if (force || (texts.Value.Any(t => t.Contains(Key(marker), StringComparison.Ordinal)) && Stale(root, marker)))
            {
                result.Add(folder);
            }
        }

        return result;
    }

    /// <summary>What a reference to <paramref name="marker"/> contains whatever the notebook's folder: <c>Regularization/bin/Release</c>.</summary>
    private static string Key(string marker) => marker[(marker.IndexOf('/') + 1)..(marker.IndexOf("/bin/Release/", StringComparison.Ordinal) + "/bin/Release".Length)];

    /// <summary><c>src/Regularization</c> for the Regularization marker.</summary>
    private static string ProjectFolder(string marker) => marker[..marker.IndexOf("/bin/", StringComparison.Ordinal)];

    private static string ProjectFile(string root, string marker) =>
        Path.Combine(root, ProjectFolder(marker), Path.GetFileNameWithoutExtension(marker) + ".csproj");

    private static bool Stale(string root, string marker)
    {
        var dll = Path.Combine(root, marker);
        if (!File.Exists(dll))
        {
            return true;
        }

        var built = File.GetLastWriteTimeUtc(dll);
        var sep = Path.DirectorySeparatorChar;
        var inputs = Directory.EnumerateFiles(Path.Combine(root, ProjectFolder(marker)), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
                && !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal)
                && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal))
            .Concat([Path.Combine(root, "Directory.Build.props"), Path.Combine(root, "Directory.Packages.props")])
            .Where(File.Exists);
        return inputs.Any(f => File.GetLastWriteTimeUtc(f) > built);
    }

    private static async Task<(bool Ok, string Message)> BuildAsync(string root, string projectFolder)
    {
        var project = Path.Combine(root, projectFolder, Path.GetFileName(projectFolder) + ".csproj");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "build", project, "-c", "Release", "-f", "net10.0", "--nologo", "-v", "q" })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        return p.ExitCode == 0
            ? (true, "")
            : (false, $"building {projectFolder} failed:\n" + string.Join("\n", output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(15)));
    }
}
