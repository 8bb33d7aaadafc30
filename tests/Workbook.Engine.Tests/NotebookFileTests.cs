using System.Text.Json.Nodes;
using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Tests;

public sealed class NotebookFileTests
{
    [Fact]
    public void RoundTripKeepsUnknownMetadataAndIsStable()
    {
        var path = TestPaths.Notebook("basics.ipynb");
        var nb = NotebookFile.Read(path);
        Assert.Equal(6, nb.Cells.Count);
        Assert.True(nb.Metadata["custom_field"]!["kept"]!.GetValue<bool>());
        Assert.Equal("csharp", nb.Cells[1].Language);
        var text = NotebookFile.Serialize(nb);
        var again = NotebookFile.Serialize(NotebookFile.Parse(text));
        Assert.Equal(text, again);
    }

    [Fact]
    public void EveryWorkbookNotebookFollowsTheMetadataConvention()
    {
        foreach (var folder in new[] { "notebooks", Path.Combine("notebooks", "solutions") })
            foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.Root, folder), "*.ipynb"))
                Assert.True(NotebookFile.Read(file).NormalizeMetadata().Count == 0, $"{file}: kernelspec or language_info is not .NET Interactive's (run workbook strip)");
    }

    [Fact]
    public void JupyterCheckpointsAreIgnoredByGit()
    {
        var probe = Path.Combine("notebooks", ".ipynb_checkpoints", "01-penalties-geometry-checkpoint.ipynb");
        if (Directory.Exists(Path.Combine(TestPaths.Root, ".git")) || File.Exists(Path.Combine(TestPaths.Root, ".git")))
        {
            var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["check-ignore", "-q", probe])
                { WorkingDirectory = TestPaths.Root, RedirectStandardError = true })!;
            git.WaitForExit();
            Assert.True(git.ExitCode == 0, $"git does not ignore {probe} (exit {git.ExitCode})");
        }
        Assert.Contains(".ipynb_checkpoints/", File.ReadAllLines(Path.Combine(TestPaths.Root, ".gitignore")));
    }

    [Fact]
    public void NormalizeMetadataRestoresKernelspecAndLanguageInfoOfCSharpNotebooksOnly()
    {
        var nb = Notebook.CreateCSharp();
        nb.Metadata["kernelspec"]!["name"] = "workbook-csharp";
        nb.Metadata["language_info"]!["version"] = "14.0";
        Assert.Equal(["kernelspec", "language_info"], nb.NormalizeMetadata());
        Assert.True(JsonNode.DeepEquals(Notebook.DotNetInteractiveMetadata(), nb.Metadata));
        Assert.Empty(nb.NormalizeMetadata());

        var python = new Notebook { Metadata = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = "python3", ["language"] = "python" } } };
        Assert.Empty(python.NormalizeMetadata());
        Assert.Equal("python3", python.Metadata["kernelspec"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void NewNotebooksGetDotNetInteractiveMetadata()
    {
        var nb = Notebook.CreateCSharp();
        nb.Cells.Add(NotebookCell.Markdown("# Title"));
        nb.Cells.Add(NotebookCell.Code("1 + 1"));
        var json = JsonNode.Parse(NotebookFile.Serialize(nb))!;
        Assert.Equal(".net-csharp", json["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("C#", json["metadata"]!["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", json["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        Assert.Equal("csharp", json["cells"]![1]!["metadata"]!["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
        Assert.Equal(4, json["nbformat"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{ \"cells\": [", "not valid JSON")]
    [InlineData("[]", "the top level must be a JSON object")]
    [InlineData("{\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "missing required field \"cells\"")]
    [InlineData("{\"cells\": [], \"nbformat\": 4, \"nbformat_minor\": 5}", "missing required field \"metadata\"")]
    [InlineData("{\"cells\": [], \"metadata\": {}}", "missing required field \"nbformat\"")]
    [InlineData("{\"worksheets\": [{\"cells\": []}], \"metadata\": {}, \"nbformat\": 3, \"nbformat_minor\": 0}", "nbformat 3 is not supported")]
    [InlineData("{\"cells\": [{\"source\": \"x\"}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "cell 1: missing required field \"cell_type\"")]
    [InlineData("{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {}}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "cell 1: missing required field \"source\"")]
    [InlineData("{\"cells\": [{\"cell_type\": \"code\", \"source\": \"\", \"outputs\": [{\"output_type\": \"weird\"}]}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "unknown output_type \"weird\"")]
    public void MalformedNotebooksGiveClearErrors(string json, string expected)
    {
        var dir = TestPaths.NewTempDir("malformed");
        var path = Path.Combine(dir, "bad.ipynb");
        File.WriteAllText(path, json);
        var e = Assert.Throws<NotebookFormatException>(() => NotebookFile.Read(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AtomicWriteReplacesCompletelyAndLeavesNoTemporaryFiles()
    {
        var dir = TestPaths.NewTempDir("atomic");
        var path = Path.Combine(dir, "n.ipynb");
        File.WriteAllText(path, "previous content");
        var nb = Notebook.CreateCSharp();
        nb.Cells.Add(NotebookCell.Code("1"));
        NotebookFile.Write(nb, path);
        Assert.Single(NotebookFile.Read(path).Cells);
        Assert.Equal(["n.ipynb"], Directory.GetFiles(dir).Select(Path.GetFileName));

        // A write that cannot complete (the target is a directory) leaves the target as it was and no temporary file.
        var blocked = Path.Combine(dir, "blocked.ipynb");
        Directory.CreateDirectory(blocked);
        Assert.ThrowsAny<IOException>(() => NotebookFile.Write(nb, blocked));
        Assert.True(Directory.Exists(blocked));
        Assert.Equal(["n.ipynb"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void StripRemovesOutputsAndCounts()
    {
        var nb = Notebook.CreateCSharp();
        var c = NotebookCell.Code("1");
        c.ExecutionCount = 3;
        c.Outputs.Add(NotebookOutput.Stream("stdout", "x"));
        nb.Cells.Add(c);
        Assert.Equal(1, nb.StripOutputs());
        Assert.Null(nb.Cells[0].ExecutionCount);
        Assert.Empty(nb.Cells[0].Outputs);
    }
}
