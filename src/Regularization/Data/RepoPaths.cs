namespace Regularization.Data;

/// <summary>
/// Finds the repository's folders (<c>data/</c>, <c>tests/reference/</c>) from the current directory or the library's location,
/// so that notebooks, tests and tools work from any working directory inside a clone.
/// The environment variable <c>WORKBOOK_DATA</c> overrides the data folder.
/// </summary>
public static class RepoPaths
{
    /// <summary>The repository root: the nearest ancestor holding <c>Workbook.sln</c>.</summary>
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Path.GetDirectoryName(typeof(RepoPaths).Assembly.Location) ?? "" })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Workbook.sln")))
                    return d.FullName;
        }
        throw new DirectoryNotFoundException(
            $"No Workbook.sln above \"{Directory.GetCurrentDirectory()}\" or \"{AppContext.BaseDirectory}\": run from inside a clone of the workbook, or set WORKBOOK_DATA.");
    }

    /// <summary>Full path of a file in <c>data/</c>.</summary>
    public static string DataFile(string file)
    {
        var env = Environment.GetEnvironmentVariable("WORKBOOK_DATA");
        var dir = string.IsNullOrEmpty(env) ? Path.Combine(Root(), "data") : env;
        return Path.Combine(dir, file);
    }

    /// <summary>Full path of a file in <c>tests/reference/</c>.</summary>
    public static string ReferenceFile(string file) => Path.Combine(Root(), "tests", "reference", file);
}
