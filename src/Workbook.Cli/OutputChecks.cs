namespace Workbook.Cli;

/// <summary>
/// Checks of <c>workbook run</c>'s output folder made before any notebook runs: it must not write over a source notebook
/// (of this run, or any notebook of the workbook's <c>notebooks/</c>), and it must be a writable folder (not under a
/// regular file, not read-only), so a run never fails at the end after hours of work.
/// </summary>
internal static class OutputChecks
{
    /// <summary>Null when the run may write to <paramref name="artifacts"/>; otherwise a one-line message.</summary>
    /// <param name="artifacts">The artifacts folder (full path).</param>
    /// <param name="sources">The notebooks about to run (full paths).</param>
    /// <param name="names">Their relative names (their executed copies go to <c>artifacts/notebooks/&lt;name&gt;</c>).</param>
    /// <param name="workbookNotebooks">The repository's <c>notebooks/</c> folder.</param>
    public static string? Problem(string artifacts, IReadOnlyList<string> sources, IReadOnlyList<string> names, string workbookNotebooks)
    {
        var sourceSet = sources.Select(Canonical).ToHashSet(StringComparer.Ordinal);
        var protectedFolder = Canonical(workbookNotebooks) + Path.DirectorySeparatorChar;
        for (var i = 0; i < names.Count; i++)
        {
            var target = Canonical(Path.Combine(artifacts, "notebooks", names[i]));
            if (sourceSet.Contains(target) || (target.StartsWith(protectedFolder, StringComparison.Ordinal) && File.Exists(target)))
                return $"--out {artifacts}: the executed copy of {names[i]} would go to {target}, which is a source notebook; " +
                       "choose an output folder outside the notebooks (the default is artifacts/ at the repository root). Nothing was run.";
        }
        return Unwritable(artifacts) is { } why ? $"--out {artifacts}: {why}. Nothing was run." : null;
    }

    /// <summary>Why the run could not write its artifacts there, or null.</summary>
    private static string? Unwritable(string artifacts)
    {
        foreach (var dir in new[] { artifacts, Path.Combine(artifacts, "notebooks"), Path.Combine(artifacts, "site") })
        {
            // the nearest existing ancestor must be a folder
            var existing = dir;
            while (!Directory.Exists(existing))
            {
                if (File.Exists(existing)) return $"{existing} is a file, not a folder";
                existing = Path.GetDirectoryName(existing);
                if (existing is null) return "no existing parent folder";
            }
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(existing) & UnixFileMode.UserWrite) == 0)
                return $"{existing} is read-only";
            if (existing != dir) continue;
            var probe = Path.Combine(dir, $".workbook-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
            try
            {
                File.WriteAllText(probe, "");
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"cannot write in {dir} ({e.Message})";
            }
        }
        return null;
    }

    /// <summary>The full path with every symbolic link among its existing parts resolved.</summary>
    internal static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                current = Path.GetFullPath(target.FullName);
        }
        return current;
    }
}
