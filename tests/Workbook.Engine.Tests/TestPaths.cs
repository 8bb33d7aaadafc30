namespace Workbook.Engine.Tests;

/// <summary>Paths in the source tree (tests read the notebooks written for them in place, not copies).</summary>
internal static class TestPaths
{
    public static string Root { get; } = FindRoot();

    public static string Notebooks => Path.Combine(Root, "tests", "Workbook.Engine.Tests", "Notebooks");

    public static string Notebook(string name) => Path.Combine(Notebooks, name);

    /// <summary>A fresh temporary folder under the system temp folder.</summary>
    public static string NewTempDir(string tag)
    {
        var d = Path.Combine(Path.GetTempPath(), "workbook-tests", $"{tag}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(d);
        return d;
    }

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Workbook.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("Workbook.sln not found above " + AppContext.BaseDirectory);
    }
}
