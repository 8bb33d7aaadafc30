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
            if (Directory.Exists(full))
                list.AddRange(Directory.GetFiles(full, "*.ipynb").Order(StringComparer.Ordinal));
            else if (File.Exists(full))
                list.Add(full);
            else
                throw new FileNotFoundException($"no such notebook or folder: {p}");
        }
        return list.Distinct().ToList();
    }
}
