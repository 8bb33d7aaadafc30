using Workbook.Engine.Notebooks;
using Xunit.Abstractions;

namespace Workbook.Kernel.Tests;

/// <summary>
/// From a fresh clone the library and the chart helpers are not built yet: the kernel builds <c>src/Regularization</c>
/// and <c>src/Workbook.Charts</c> before the opening cell that loads them, as <c>workbook run</c> does. Shown on a
/// miniature repository (Workbook.sln, two one-class projects and a notebook in notebooks/) so the real build output is
/// not touched.
/// </summary>
public sealed class LibraryBuildThroughKernelTests(ITestOutputHelper output)
{
    [JupyterFact]
    public void OpeningCell_InAFreshClone_BuildsTheLibraryAndTheChartHelpersFirst()
    {
        using var jupyter = new JupyterHarness("cli", output);
        var repo = Directory.CreateDirectory(Path.Combine(jupyter.WorkDir, "clone")).FullName;
        File.WriteAllText(Path.Combine(repo, "Workbook.sln"), "");
        string Project(string name, string code)
        {
            var dir = Directory.CreateDirectory(Path.Combine(repo, "src", name)).FullName;
            File.WriteAllText(Path.Combine(dir, name + ".csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(dir, "Code.cs"), code);
            return Path.Combine(dir, "bin", "Release", "net10.0", name + ".dll");
        }

        var dll = Project("Regularization", "namespace Regularization; public static class Answer { public static int Value => 6 * 7; }");
        var chartsDll = Project("Workbook.Charts", "namespace Workbook.Charts; public static class Halver { public static int Of(int v) => v / 2; }");
        var notebooks = Directory.CreateDirectory(Path.Combine(repo, "notebooks")).FullName;
        var notebook = Notebook.CreateCSharp();
        notebook.Cells.Add(NotebookCell.Code(
            "#r \"../src/Regularization/bin/Release/net10.0/Regularization.dll\"\n#r \"../src/Workbook.Charts/bin/Release/net10.0/Workbook.Charts.dll\"\n" +
            "using Regularization;\nusing Workbook.Charts;"));
        notebook.Cells.Add(NotebookCell.Code("Halver.Of(Answer.Value)"));
        var path = Path.Combine(notebooks, "fresh.ipynb");
        NotebookFile.Write(notebook, path);
        Assert.False(File.Exists(dll));
        Assert.False(File.Exists(chartsDll));

        var outDir = Path.Combine(jupyter.WorkDir, "out");
        var (code, stdout, stderr) = jupyter.Run(JupyterHarness.Python,
        [
            "-m", "nbconvert", "--to", "notebook", "--execute",
            "--ExecutePreprocessor.kernel_name=workbook-csharp", "--ExecutePreprocessor.timeout=300",
            "--output-dir", outDir, "--output", "executed", path,
        ], TimeSpan.FromSeconds(400), workingDirectory: notebooks);
        Assert.True(code == 0, $"nbconvert failed (exit {code})\n{stdout}\n{stderr}");
        Assert.True(File.Exists(dll), "the kernel did not build the library");
        Assert.True(File.Exists(chartsDll), "the kernel did not build the chart helpers");
        Assert.Contains("building src/Regularization", stderr);
        Assert.Contains("building src/Workbook.Charts", stderr);
        var executed = NotebookFile.Read(Path.Combine(outDir, "executed.ipynb"));
        var result = Assert.Single(executed.CodeCells.Last().Outputs);
        Assert.Equal("21", result.Data!["text/plain"]);
    }
}
