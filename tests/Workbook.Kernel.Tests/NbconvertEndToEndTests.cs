using System.Text.Json.Nodes;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;

using Xunit.Abstractions;

namespace Workbook.Kernel.Tests;

/// <summary>
/// <c>jupyter nbconvert --execute</c> through the kernel gives the headless runner's outputs for the same notebook
/// (stdout, stderr, display_data, execute_result with the .NET Interactive formatters, markdown with math, and the
/// error output naming notebook, cell and line).
/// </summary>
public sealed class NbconvertEndToEndTests(ITestOutputHelper output)
{
    [JupyterFact]
    public async Task Nbconvert_ThroughKernel_MatchesHeadlessRunner()
    {
        using var jupyter = new JupyterHarness("cli", output);
        var notebookDir = Directory.CreateDirectory(Path.Combine(jupyter.WorkDir, "notebooks")).FullName;
        var notebook = Path.Combine(notebookDir, "kernel-e2e.ipynb");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "notebooks", "kernel-e2e.ipynb"), notebook);

        var headless = await NotebookRunner.RunAsync(NotebookFile.Read(notebook), notebook,
            new RunOptions { SetCurrentDirectory = false });
        Assert.False(headless.Succeeded, "the test notebook's last cell throws on purpose");

        var outDir = Path.Combine(jupyter.WorkDir, "out");
        var (code, stdout, stderr) = jupyter.Run(JupyterHarness.Python,
        [
            "-m", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
            "--ExecutePreprocessor.kernel_name=workbook-csharp", "--ExecutePreprocessor.timeout=120",
            "--output-dir", outDir, "--output", "executed", notebook,
        ], TimeSpan.FromSeconds(240), new Dictionary<string, string> { ["JPY_SESSION_NAME"] = notebook });
        Assert.True(code == 0, $"nbconvert failed (exit {code})\n{stdout}\n{stderr}\n--- kernel\n{jupyter.ReadKernelLog()}");
        var viaKernel = NotebookFile.Read(Path.Combine(outDir, "executed.ipynb"));

        Assert.Equal(headless.Executed.Cells.Count, viaKernel.Cells.Count);
        var compared = 0;
        for (var i = 0; i < viaKernel.Cells.Count; i++)
        {
            var expected = headless.Executed.Cells[i];
            var actual = viaKernel.Cells[i];
            Assert.Equal(expected.CellType, actual.CellType);
            Assert.Equal(expected.Source, actual.Source);
            if (!expected.IsCode)
            {
                continue;
            }

            Assert.Equal(expected.ExecutionCount, actual.ExecutionCount);
            var want = expected.Outputs.Select(Describe).ToList();
            var got = NotebookRunner.MergeStreams(actual.Outputs).Select(Describe).ToList();
            Assert.True(want.SequenceEqual(got),
                $"cell {i} outputs differ\n--- headless runner\n{string.Join("\n", want)}\n--- through the kernel\n{string.Join("\n", got)}");
            compared += want.Count;
        }

        Assert.True(compared >= 10, $"only {compared} outputs compared; the notebook should produce at least 10");
        Assert.Equal("C#", viaKernel.Metadata["language_info"]?["name"]?.GetValue<string>());
        output.WriteLine($"{compared} outputs identical\n{stderr}");
    }

    /// <summary>An output as comparable text: type, stream, data per mime (JSON mime types normalized), error.</summary>
    private static string Describe(NotebookOutput o)
    {
        var data = o.Data is null
            ? ""
            : string.Join(" | ", o.Data.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
                $"{kv.Key}={(NotebookFile.IsJsonMime(kv.Key) ? JsonNode.Parse(kv.Value)?.ToJsonString() : kv.Value)}"));
        return $"{o.OutputType} name={o.Name} text={o.Text} count={o.ExecutionCount} data={data} " +
               $"error={o.EName}: {o.EValue} [{string.Join(" / ", o.Traceback ?? [])}]";
    }
}
