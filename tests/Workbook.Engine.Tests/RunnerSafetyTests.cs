using static Workbook.Engine.Tests.RobustnessKit;
using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Tests;

/// <summary>Issue 11, runner data loss: checks made before anything runs, relative artifact names, malformed notebooks.
/// Each failing run leaves its sources byte-identical (sha256) and its artifacts complete or absent.</summary>
public sealed class RunnerSafetyTests
{
    [Fact]
    public async Task RunRefusesAnOutThatWouldWriteOverASourceNotebook()
    {
        var dir = TestPaths.NewTempDir("overwrite");
        var marker = Path.Combine(dir, "ran");
        var source = WriteNotebook(Path.Combine(dir, "notebooks"), "a.ipynb", $"File.WriteAllText(@\"{marker}\", \"ran\");");
        var before = Hashes([source]);

        // --out at the folder above notebooks/: artifacts/notebooks/a.ipynb would be the source itself
        var (code, output) = await RunCli("run", Path.Combine(dir, "notebooks"), "--out", dir, "--no-build");
        Assert.Equal(2, code);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("error:", StringComparison.Ordinal));
        Assert.Contains($"the executed copy of a.ipynb would go to {source}, which is a source notebook", line);
        Assert.Contains("Nothing was run.", line);
        Assert.False(File.Exists(marker));
        Assert.False(File.Exists(Path.Combine(dir, "run-report.json")));
        AssertUnchanged(before);

        // --out at the repository root would write over the workbook's own notebooks/01-...ipynb
        var copy = Path.Combine(dir, "elsewhere", "01-penalties-geometry.ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        var real = Path.Combine(TestPaths.Root, "notebooks", "01-penalties-geometry.ipynb");
        File.Copy(real, copy);
        var realBefore = Hashes([real, copy]);
        Assert.Equal(2, await InProcess("run", copy, "--out", TestPaths.Root, "--no-build"));
        AssertUnchanged(realBefore);
    }

    [Fact]
    public async Task TwoNotebooksWithOneFileNameInDifferentFoldersKeepTheirRelativePaths()
    {
        var dir = TestPaths.NewTempDir("same-name");
        var a = WriteNotebook(Path.Combine(dir, "a"), "same.ipynb", "Console.Write(\"from a\");");
        var b = WriteNotebook(Path.Combine(dir, "b"), "same.ipynb", "Console.Write(\"from b\");");
        var artifacts = Path.Combine(dir, "out");
        Assert.Equal(0, await InProcess("run", a, b, "--out", artifacts, "--no-build"));
        Assert.Equal("from a", NotebookFile.Read(Path.Combine(artifacts, "notebooks", "a", "same.ipynb")).CodeCells.Single().Outputs.Single().Text);
        Assert.Equal("from b", NotebookFile.Read(Path.Combine(artifacts, "notebooks", "b", "same.ipynb")).CodeCells.Single().Outputs.Single().Text);
        Assert.Equal(["a/same.ipynb", "b/same.ipynb"], Report(artifacts).Select(r => (string)r!["notebook"]!));
        var index = File.ReadAllText(Path.Combine(artifacts, "site", "index.html"));
        Assert.Contains("href=\"a__same.html\"", index);
        Assert.Contains("href=\"b__same.html\"", index);
        Assert.Contains("from b", File.ReadAllText(Path.Combine(artifacts, "site", "b__same.html")));
        AssertArtifactsComplete(artifacts);
    }

    public static TheoryData<string, string, string> MalformedFields => new()
    {
        { "duplicate-key", "{\"cells\": [], \"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "not valid JSON" },
        { "stream-name", Output("{\"output_type\": \"stream\", \"name\": 5, \"text\": \"x\"}"), "cell 1 output 1: \"name\" must be a string, found 5" },
        { "numeric-ename", Output("{\"output_type\": \"error\", \"ename\": 7, \"evalue\": \"v\", \"traceback\": []}"), "cell 1 output 1: \"ename\" must be a string, found 7" },
        { "numeric-traceback", Output("{\"output_type\": \"error\", \"ename\": \"E\", \"evalue\": \"v\", \"traceback\": [1, 2]}"), "cell 1 output 1: \"traceback\" line 1 must be a string, found 1" },
    };

    private static string Output(string output) =>
        "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": 1, \"metadata\": {}, \"source\": \"1\", \"outputs\": [" + output + "]}], " +
        "\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";

    [Theory]
    [MemberData(nameof(MalformedFields))]
    public async Task MalformedFieldsGiveAOneLineErrorNamingTheFileWhileTheOthersRun(string kind, string json, string expected)
    {
        var dir = TestPaths.NewTempDir("malformed-" + kind);
        var bad = Path.Combine(dir, "a-bad.ipynb");
        File.WriteAllText(bad, json);
        var good = WriteNotebook(dir, "b-good.ipynb", "Console.Write(\"still ran\");");
        var before = Hashes([bad, good]);
        var artifacts = Path.Combine(dir, "out");

        var (code, output) = await RunCli("run", dir, "--out", artifacts, "--no-build");
        Assert.Equal(1, code);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("✗ a-bad.ipynb", StringComparison.Ordinal));
        Assert.Contains(bad + ": ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", output); // no stack trace
        Assert.Equal("still ran", NotebookFile.Read(Path.Combine(artifacts, "notebooks", "b-good.ipynb")).CodeCells.Single().Outputs.Single().Text);
        var report = Report(artifacts);
        Assert.False((bool)report[0]!["ok"]!);
        Assert.True((bool)report[1]!["ok"]!);

        // strip: the same one-line error, the good notebook stripped, exit code 1, the bad file untouched
        var strip = await RunCli("strip", dir);
        Assert.Equal(1, strip.Code);
        Assert.Contains(expected, Assert.Single(strip.Output.Split('\n'), l => l.StartsWith("✗", StringComparison.Ordinal)));
        Assert.Equal(before[bad], Sha256(bad));
        AssertArtifactsComplete(artifacts);
    }

    [Fact]
    public async Task OutUnderARegularFileOrReadOnlyFailsBeforeRunningAnything()
    {
        if (OperatingSystem.IsWindows()) return; // permissions are Unix modes here
        var dir = TestPaths.NewTempDir("bad-out");
        var marker = Path.Combine(dir, "ran");
        var nb = WriteNotebook(Path.Combine(dir, "src"), "a.ipynb", $"File.WriteAllText(@\"{marker}\", \"ran\");");
        var before = Hashes([nb]);
        var file = Path.Combine(dir, "a-file");
        File.WriteAllText(file, "x");

        var underFile = await RunCli("run", nb, "--out", Path.Combine(file, "out"), "--no-build");
        Assert.Equal(2, underFile.Code);
        Assert.Contains($"error: --out {Path.Combine(file, "out")}: {file} is a file, not a folder. Nothing was run.", underFile.Output);

        var readOnly = Path.Combine(dir, "read-only");
        Directory.CreateDirectory(readOnly);
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        try
        {
            var ro = await RunCli("run", nb, "--out", readOnly, "--no-build");
            Assert.Equal(2, ro.Code);
            Assert.Contains($"error: --out {readOnly}: {readOnly} is read-only. Nothing was run.", ro.Output);
            Assert.Empty(Directory.GetFileSystemEntries(readOnly));
        }
        finally
        {
            File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Assert.False(File.Exists(marker));
        AssertUnchanged(before);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("1e308")]
    public async Task TimeoutIsValidatedNamingTheOptionTheValueAndWhatIsAllowed(string value)
    {
        var dir = TestPaths.NewTempDir("timeout");
        var nb = WriteNotebook(dir, "a.ipynb", "1");
        var (code, output) = await RunCli("run", nb, "--out", Path.Combine(dir, "out"), "--no-build", "--timeout", value);
        Assert.Equal(2, code);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains($"--timeout {(value == "1e308" ? "1E+308" : value)} is not allowed", line);
        Assert.Contains("from 0 (no limit) to 2147483", line);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public async Task ADirectoryNamedLikeANotebookIsAClearError()
    {
        var dir = Path.Combine(TestPaths.NewTempDir("dir-ipynb"), "x.ipynb");
        Directory.CreateDirectory(dir);
        var (code, output) = await RunCli("run", dir, "--out", Path.Combine(dir, "..", "out"), "--no-build");
        Assert.Equal(2, code);
        Assert.Contains($"error: {dir} is a directory, not a notebook file", output);
        Assert.DoesNotContain("Nothing to do", output);
    }
}
