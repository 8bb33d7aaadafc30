using Workbook.Engine.Notebooks;
using Xunit.Abstractions;

namespace Workbook.Kernel.Tests;

/// <summary>
/// From a fresh clone the library is not built yet: the kernel builds <c>src/Regularization</c> before the opening
/// cell that loads it, as <c>workbook run</c> does. Shown on a miniature repository (Workbook.sln, a one-class
/// src/Regularization project and a notebook in notebooks/) so the real build output is not touched.
/// </summary>
public sealed class LibraryBuildThroughKernelTests(ITestOutputHelper output)
{
    [JupyterFact]
    public void OpeningCell_InAFreshClone_BuildsTheLibraryFirst()
    {
        using var jupyter = new JupyterHarness("cli", output);
        var repo = Directory.CreateDirectory(Path.Combine(jupyter.WorkDir, "clone")).FullName;
        File.WriteAllText(Path.Combine(repo, "Workbook.sln"), "");
        var project = Directory.CreateDirectory(Path.Combine(repo, "src", "Regularization")).FullName;
        File.WriteAllText(Path.Combine(project, "Regularization.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Answer.cs"),
            "namespace Regularization; public static class Answer { public static int Value => 6 * 7; }");
        var notebooks = Directory.CreateDirectory(Path.Combine(repo, "notebooks")).FullName;
        var notebook = Notebook.CreateCSharp();
        notebook.Cells.Add(NotebookCell.Code("#r \"../src/Regularization/bin/Release/net10.0/Regularization.dll\"\nusing Regularization;"));
        notebook.Cells.Add(NotebookCell.Code("Answer.Value"));
        var path = Path.Combine(notebooks, "fresh.ipynb");
        NotebookFile.Write(notebook, path);
        var dll = Path.Combine(project, "bin", "Release", "net10.0", "Regularization.dll");
        Assert.False(File.Exists(dll));

        var outDir = Path.Combine(jupyter.WorkDir, "out");
        var (code, stdout, stderr) = jupyter.Run(JupyterHarness.Python,
        [
            "-m", "nbconvert", "--to", "notebook", "--execute",
            "--ExecutePreprocessor.kernel_name=workbook-csharp", "--ExecutePreprocessor.timeout=300",
            "--output-dir", outDir, "--output", "executed", path,
        ], TimeSpan.FromSeconds(400), workingDirectory: notebooks);
        Assert.True(code == 0, $"nbconvert failed (exit {code})\n{stdout}\n{stderr}");
        Assert.True(File.Exists(dll), "the kernel did not build the library");
        Assert.Contains("building src/Regularization", stderr);
        var executed = NotebookFile.Read(Path.Combine(outDir, "executed.ipynb"));
        var result = Assert.Single(executed.CodeCells.Last().Outputs);
        Assert.Equal("42", result.Data!["text/plain"]);
    }
}
