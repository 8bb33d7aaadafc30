using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Workbook.Engine.Scripting;

/// <summary>
/// Resolves <c>#r "nuget:"</c> requests for real: writes a temporary project (net10.0) referencing the packages, runs
/// <c>dotnet restore</c> against the configured NuGet sources (plus <c>#i</c> sources), and reads the runtime assemblies from
/// <c>project.assets.json</c>. Results are cached per package set and source list, so a restored set works offline.
/// </summary>
internal sealed class NuGetRestorer(string cacheRoot, Action<string>? log)
{
    public const string TargetFramework = "net10.0";

    public static string DefaultCacheRoot()
    {
        var env = Environment.GetEnvironmentVariable("WORKBOOK_CACHE");
        if (!string.IsNullOrEmpty(env)) return env;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseDir = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "workbook");
    }

    /// <summary>Restores the package set; returns the full paths of the runtime assemblies.</summary>
    public async Task<IReadOnlyList<string>> RestoreAsync(IReadOnlyList<PackageRequest> packages, IReadOnlyList<string> sources, CancellationToken ct)
    {
        var key = string.Join("\n", packages.Select(p => $"{p.Id.ToLowerInvariant()}/{p.Version}").Order(StringComparer.Ordinal))
            + "\n--\n" + string.Join("\n", sources);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        var dir = Path.Combine(cacheRoot, "nuget", hash);
        var resolvedFile = Path.Combine(dir, "resolved.txt");
        if (await ReadCachedAsync(resolvedFile, ct) is { } hit) return hit;
        Directory.CreateDirectory(dir);
        // One restore per package set at a time, across processes (parallel test runs, a kernel beside `workbook run`).
        using var gate = await LockAsync(Path.Combine(dir, "restore.lock"), ct);
        if (await ReadCachedAsync(resolvedFile, ct) is { } hit2) return hit2;
        var proj = Path.Combine(dir, "restore.csproj");
        var xml = new StringBuilder();
        xml.AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">");
        xml.AppendLine("  <PropertyGroup>");
        xml.AppendLine($"    <TargetFramework>{TargetFramework}</TargetFramework>");
        xml.AppendLine("    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>");
        xml.AppendLine("    <NoWarn>$(NoWarn);NU1603;NU1608;NU1701</NoWarn>");
        if (sources.Count > 0)
            xml.AppendLine($"    <RestoreAdditionalProjectSources>{System.Security.SecurityElement.Escape(string.Join(';', sources))}</RestoreAdditionalProjectSources>");
        xml.AppendLine("  </PropertyGroup>");
        xml.AppendLine("  <ItemGroup>");
        foreach (var p in packages)
            xml.AppendLine($"    <PackageReference Include=\"{System.Security.SecurityElement.Escape(p.Id)}\" Version=\"{System.Security.SecurityElement.Escape(p.Version ?? "*")}\" />");
        xml.AppendLine("  </ItemGroup>");
        xml.AppendLine("</Project>");
        await File.WriteAllTextAsync(proj, xml.ToString(), ct);
        // Keep the temporary project out of any Directory.Build.props / Directory.Packages.props above the cache folder.
        await File.WriteAllTextAsync(Path.Combine(dir, "Directory.Build.props"), "<Project />\n", ct);
        await File.WriteAllTextAsync(Path.Combine(dir, "Directory.Packages.props"), "<Project />\n", ct);
        await File.WriteAllTextAsync(Path.Combine(dir, "Directory.Build.targets"), "<Project />\n", ct);

        log?.Invoke($"restoring {string.Join(", ", packages.Select(p => $"{p.Id} {p.Version}"))}");
        var (code, output) = await RunAsync("dotnet", ["restore", proj, "--nologo", "-v", "q"], dir, ct);
        if (code != 0)
        {
            var errors = output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Select(l => l.Trim()).Distinct().Take(8);
            throw new InvalidOperationException($"NuGet restore failed for {string.Join(", ", packages.Select(p => $"{p.Id} {p.Version}"))}:\n{string.Join("\n", errors)}");
        }
        var paths = ReadAssets(Path.Combine(dir, "obj", "project.assets.json"));
        Notebooks.NotebookFile.WriteAllTextAtomic(resolvedFile, string.Join("\n", paths) + "\n");
        return paths;
    }

    private static async Task<List<string>?> ReadCachedAsync(string resolvedFile, CancellationToken ct)
    {
        if (!File.Exists(resolvedFile)) return null;
        var cached = (await File.ReadAllLinesAsync(resolvedFile, ct)).Where(l => l.Length > 0).ToList();
        return cached.All(File.Exists) ? cached : null;
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(250, ct);
            }
        }
    }

    private static List<string> ReadAssets(string assetsFile)
    {
        var root = JsonNode.Parse(File.ReadAllText(assetsFile))!;
        var folders = (root["packageFolders"] as JsonObject)?.Select(p => p.Key).ToList() ?? [];
        var libraries = root["libraries"] as JsonObject ?? [];
        var target = (root["targets"] as JsonObject)?.FirstOrDefault(t => !t.Key.Contains('/')).Value as JsonObject
            ?? throw new InvalidOperationException($"{assetsFile}: no target for {TargetFramework}.");
        var result = new List<string>();
        foreach (var (name, lib) in target)
        {
            if (lib?["type"]?.GetValue<string>() != "package" || lib["runtime"] is not JsonObject runtime) continue;
            var rel = libraries[name]?["path"]?.GetValue<string>() ?? name.ToLowerInvariant();
            foreach (var (file, _) in runtime)
            {
                if (!file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) continue;
                var full = folders.Select(f => Path.GetFullPath(Path.Combine(f, rel, file))).FirstOrDefault(File.Exists);
                if (full is not null) result.Add(full);
            }
        }
        return result;
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] args, string cwd, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        try { await p.WaitForExitAsync(ct); }
        catch (OperationCanceledException)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        return (p.ExitCode, await stdout + await stderr);
    }
}
