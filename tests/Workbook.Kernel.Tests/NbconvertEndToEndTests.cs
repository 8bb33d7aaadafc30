using System.Text.Json.Nodes;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;
using Xunit.Abstractions;

namespace Workbook.Kernel.Tests;

/// <summary>
/// <c>jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=workbook-csharp</c> through
/// <c>workbook kernel</c> gives the headless runner's outputs for the same notebook: streams, display_data,
/// execute_result through the .NET Interactive formatters, markdown with math, Plotly charts (plotly.js inlined once),
/// NuGet directives, and error outputs naming notebook, cell and line. Notebooks: this project's
/// <c>notebooks/kernel-e2e.ipynb</c>, the engine's test notebooks (every output kind, a failing cell, a library reference) and,
/// of the repository's <c>notebooks/</c>, the opening chapter (<see cref="WorkbookSubset"/>: the opening cell, Plotly charts and
/// the interactive widgets of the workbook). The other chapters add computation, not kernel features: the engine's
/// workbook and solution tests run them once each with the headless runner; WORKBOOK_KERNEL_ALL_NOTEBOOKS=1 puts all of them
/// through the kernel as well (each costs an nbconvert run and a headless run).
/// </summary>
public sealed partial class NbconvertEndToEndTests(ITestOutputHelper output)
{
    public static TheoryData<string> Notebooks()
    {
        var data = JupyterHarness.NotebooksIn(Path.Combine("tests", "Workbook.Kernel.Tests", "notebooks"), Path.Combine("tests", "Workbook.Engine.Tests", "Notebooks"));
        var all = Environment.GetEnvironmentVariable("WORKBOOK_KERNEL_ALL_NOTEBOOKS") == "1";
        foreach (var chapter in JupyterHarness.NotebooksIn("notebooks"))
        {
            if (all || WorkbookSubset.Contains(Path.GetFileName(chapter)))
            {
                data.Add(chapter);
            }
        }

        return data;
    }

    /// <summary>The workbook chapters that go through the kernel by default (see the class summary).</summary>
    public static readonly string[] WorkbookSubset = ["01-penalties-geometry.ipynb"];

    [JupyterTheory]
    [MemberData(nameof(Notebooks))]
    public async Task Nbconvert_ThroughKernel_MatchesHeadlessRunner(string notebookPath)
    {
        using var jupyter = new JupyterHarness("cli", output);
        var source = Path.Combine(JupyterHarness.RepositoryRoot(), notebookPath);
        // Both runs read the notebook in place, so relative paths (data files, #r "x.dll") resolve the same way;
        // the executed copies go to temporary folders.
        var folder = Path.GetDirectoryName(source)!;

        var outDir = Path.Combine(jupyter.WorkDir, "out");
        var (code, stdout, stderr) = jupyter.Run(JupyterHarness.Python,
        [
            "-m", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
            "--ExecutePreprocessor.kernel_name=workbook-csharp", "--ExecutePreprocessor.timeout=600",
            "--output-dir", outDir, "--output", "executed", source,
        ], TimeSpan.FromSeconds(900), new Dictionary<string, string> { ["JPY_SESSION_NAME"] = source }, workingDirectory: folder);
        Assert.True(code == 0, $"nbconvert failed (exit {code})\n{stdout}\n{stderr}");
        var viaKernel = NotebookFile.Read(Path.Combine(outDir, "executed.ipynb"));

        // After the kernel (which builds src/Regularization first when a notebook's opening cell needs it).
        var headless = await HeadlessRuns.OfAsync(source);

        Assert.Equal(headless.Executed.Cells.Count, viaKernel.Cells.Count);
        // The headless runner stops at the first failing cell; nbconvert --allow-errors goes on. Compare up to it.
        var lastCompared = headless.FirstFailure?.CellIndex ?? viaKernel.Cells.Count - 1;
        var compared = 0;
        for (var i = 0; i <= lastCompared; i++)
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
            // The kernel's chart ids carry a token unique to its process (nb-<token>-<cell>-<n>); the headless runner's do not.
            var got = NotebookRunner.MergeStreams(actual.Outputs).Select(Describe).Select(d => ProcessToken().Replace(d, "nb-")).ToList();
            Assert.True(want.SequenceEqual(got),
                $"cell {i} outputs differ\n--- headless runner\n{string.Join("\n", want)}\n--- through the kernel\n{string.Join("\n", got)}");
            compared += want.Count;
        }

        Assert.True(compared > 0, "no outputs compared");
        Assert.Equal("C#", viaKernel.Metadata["language_info"]?["name"]?.GetValue<string>());
        // The language_info Jupyter writes from this kernel's kernel_info is the committed convention's (.NET Interactive's);
        // nbconvert keeps the kernelspec, so the executed copy follows the convention (the web UI writes its own
        // kernelspec on save, which `workbook strip` restores).
        Assert.True(JsonNode.DeepEquals(Notebook.DotNetInteractiveMetadata()["language_info"], viaKernel.Metadata["language_info"]),
            viaKernel.Metadata["language_info"]?.ToJsonString());
        Assert.Empty(viaKernel.NormalizeMetadata());
        output.WriteLine($"{notebookPath}: {compared} outputs identical (cells 0..{lastCompared}); headless {headless.Elapsed.TotalSeconds:F1} s\n{stderr}");
    }

    [System.Text.RegularExpressions.GeneratedRegex("nb-[0-9a-f]{8}-(?=[0-9]+-[0-9]+)")]
    private static partial System.Text.RegularExpressions.Regex ProcessToken();

    /// <summary>An output as comparable text: type, stream, data per mime (JSON mime types normalized), error.</summary>
    private static string Describe(NotebookOutput o)
    {
        var data = o.Data is null
            ? ""
            : string.Join(" | ", o.Data.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
                $"{kv.Key}={(NotebookFile.IsJsonMime(kv.Key) ? CanonicalJson.Of(JsonNode.Parse(kv.Value)) : kv.Value)}"));
        return $"{o.OutputType} name={o.Name} text={o.Text} count={o.ExecutionCount} data={data} " +
               $"error={o.EName}: {o.EValue} [{string.Join(" / ", o.Traceback ?? [])}]";
    }
}
