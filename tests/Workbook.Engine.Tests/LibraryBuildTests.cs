using Workbook.Engine.Running;

namespace Workbook.Engine.Tests;

/// <summary>
/// Which of the two assemblies the notebooks load by path (the library and the chart helpers) <c>workbook run</c> and
/// the kernel build first: shown on a miniature repository with file times set explicitly, so nothing is built here
/// (the kernel's tests build one for real).
/// </summary>
public sealed class LibraryBuildTests
{
    private static readonly DateTime Built = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static string Repo(bool withCharts = true)
    {
        var root = TestPaths.NewTempDir("library-build");
        foreach (var (folder, name) in new[] { ("Regularization", "Regularization"), ("Workbook.Charts", "Workbook.Charts") })
        {
            if (!withCharts && name == "Workbook.Charts") continue;
            var dir = Directory.CreateDirectory(Path.Combine(root, "src", folder)).FullName;
            Touch(Path.Combine(dir, name + ".csproj"), Built.AddHours(-2));
            Touch(Path.Combine(dir, "Sub", "Code.cs"), Built.AddHours(-1));
        }

        Touch(Path.Combine(root, "Directory.Build.props"), Built.AddHours(-3));
        return root;
    }

    private static void Touch(string path, DateTime time, string text = "")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, time);
    }

    private static string Notebook(string root, string source)
    {
        var path = Path.Combine(root, "notebooks", "nb.ipynb");
        Touch(path, Built, source);
        return path;
    }

    private static void BuildDlls(string root)
    {
        foreach (var marker in LibraryBuild.Markers)
            if (Directory.Exists(Path.Combine(root, marker[..marker.IndexOf("/bin/", StringComparison.Ordinal)])))
                Touch(Path.Combine(root, marker), Built);
    }

    [Fact]
    public void AFreshCloneBuildsBothAssembliesTheOpeningCellLoads()
    {
        var root = Repo();
        var nb = Notebook(root, OpeningCell.For(Path.Combine(root, "notebooks"), root));
        Assert.Equal(["src/Regularization", "src/Workbook.Charts"], LibraryBuild.ProjectsToBuild(root, [nb], force: false));
    }

    [Fact]
    public void UpToDateAssembliesAreNotRebuiltAndAChangedSourceRebuildsOnlyItsOwn()
    {
        var root = Repo();
        var nb = Notebook(root, OpeningCell.For(Path.Combine(root, "notebooks"), root));
        BuildDlls(root);
        Assert.Empty(LibraryBuild.ProjectsToBuild(root, [nb], force: false));

        File.SetLastWriteTimeUtc(Path.Combine(root, "src", "Workbook.Charts", "Sub", "Code.cs"), Built.AddMinutes(1));
        Assert.Equal(["src/Workbook.Charts"], LibraryBuild.ProjectsToBuild(root, [nb], force: false));

        // a change to the shared build properties makes both stale; force builds both anyway
        Touch(Path.Combine(root, "Directory.Build.props"), Built.AddMinutes(2));
        Assert.Equal(["src/Regularization", "src/Workbook.Charts"], LibraryBuild.ProjectsToBuild(root, [nb], force: false));
        Touch(Path.Combine(root, "Directory.Build.props"), Built.AddHours(-3));
        File.SetLastWriteTimeUtc(Path.Combine(root, "src", "Workbook.Charts", "Sub", "Code.cs"), Built.AddHours(-1));
        Assert.Equal(["src/Regularization", "src/Workbook.Charts"], LibraryBuild.ProjectsToBuild(root, [nb], force: true));
    }

    [Fact]
    public void OnlyReferencedAndPresentProjectsAreBuilt()
    {
        var root = Repo();
        var onlyLibrary = Notebook(root, "#r \"../src/Regularization/bin/Release/net10.0/Regularization.dll\"");
        Assert.Equal(["src/Regularization"], LibraryBuild.ProjectsToBuild(root, [onlyLibrary], force: false));
        var none = Notebook(root, "Console.WriteLine(1);");
        Assert.Empty(LibraryBuild.ProjectsToBuild(root, [none], force: false));

        var older = Repo(withCharts: false);   // a clone from before the chart helpers existed
        var nb = Notebook(older, OpeningCell.For(Path.Combine(older, "notebooks"), older));
        Assert.Equal(["src/Regularization"], LibraryBuild.ProjectsToBuild(older, [nb], force: false));
    }

    [Fact]
    public void ReferencesRecognizesEitherAssemblyFromAnyFolder()
    {
        Assert.True(LibraryBuild.References("#r \"../../src/Workbook.Charts/bin/Release/net10.0/Workbook.Charts.dll\""));
        Assert.True(LibraryBuild.References("#r \"../src/Regularization/bin/Release/net10.0/Regularization.dll\""));
        Assert.False(LibraryBuild.References("#r \"nuget: Plotly.NET, 6.0.0\"\nusing Workbook.Charts;"));
    }
}
