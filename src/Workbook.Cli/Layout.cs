namespace Workbook.Cli;

/// <summary>Where things are: the repository root (nearest folder with Workbook.sln, else the current folder),
/// <c>notebooks/</c> and <c>artifacts/</c>.</summary>
internal sealed record Layout(string Root)
{
    public static Layout Find()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Workbook.sln"))) return new Layout(d.FullName);
        return new Layout(Directory.GetCurrentDirectory());
    }

    public string Notebooks => Path.Combine(Root, "notebooks");

    public string Artifacts(string? overridePath) => overridePath is null ? Path.Combine(Root, "artifacts") : Path.GetFullPath(overridePath);

    /// <summary>Expands paths (files or folders) to .ipynb files, sorted; folders give their top-level notebooks.</summary>
    public static List<string> Expand(IEnumerable<string> paths)
    {
        var list = new List<string>();
        foreach (var p in paths)
        {
            var full = Path.GetFullPath(p);
            if (Directory.Exists(full) && full.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
                throw new FileNotFoundException($"{p} is a directory, not a notebook file (a notebook is a .ipynb file; a folder given as a path runs the notebooks in it, and this folder's name ends in .ipynb)");
            if (Directory.Exists(full))
                list.AddRange(Directory.GetFiles(full, "*.ipynb").Order(StringComparer.Ordinal));
            else if (File.Exists(full))
                list.Add(full);
            else
                throw new FileNotFoundException($"no such notebook or folder: {p}");
        }
        return list.Distinct().ToList();
    }

    /// <summary>
    /// The names the artifacts use for these notebooks: their paths relative to the deepest folder holding them all
    /// ("01-a.ipynb" for a run of one folder, "a/same.ipynb" and "b/same.ipynb" for two folders), with '/' separators,
    /// so two notebooks with one file name in different folders never share an executed copy or a page.
    /// </summary>
    public static List<string> RelativeNames(IReadOnlyList<string> fullPaths)
    {
        if (fullPaths.Count == 0) return [];
        var common = Path.GetDirectoryName(fullPaths[0])!;
        foreach (var p in fullPaths.Skip(1))
            while (!IsUnder(Path.GetDirectoryName(p)!, common)) common = Path.GetDirectoryName(common) ?? "/";
        return [.. fullPaths.Select(p => Path.GetRelativePath(common, p).Replace('\\', '/'))];
    }

    private static bool IsUnder(string dir, string folder) =>
        dir == folder || dir.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
