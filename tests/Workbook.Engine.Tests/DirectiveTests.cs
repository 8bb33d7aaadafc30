using System.IO.Compression;
using Workbook.Engine.Scripting;

namespace Workbook.Engine.Tests;

public sealed class DirectiveTests
{
    [Fact]
    public async Task NuGetPackageIsRestoredForRealThroughPackageManagement()
    {
        // Humanizer.Core is not referenced by the engine or the tests: it can only come from a real restore
        // (.NET Interactive's #r "nuget:" through Microsoft.DotNet.Interactive.PackageManagement).
        var log = new List<string>();
        using var s = new ScriptSession(new ScriptSessionOptions { Log = log.Add });
        var r = await s.ExecuteAsync("#r \"nuget: Humanizer.Core, 2.14.1\"\nusing Humanizer;\n\"PascalCaseInputString\".Humanize()", 1);
        Assert.True(r.IsOk, r.Error?.EValue);
        Assert.Equal("Pascal case input string", r.Outputs.Single(o => o.OutputType == "execute_result").Data!["text/plain"]);
        // .NET Interactive's package report, in its final form only (no progress frames)
        var installed = Assert.Single(r.Outputs, o => o.OutputType == "display_data");
        Assert.Contains("Humanizer.Core, 2.14.1", installed.Data!["text/html"]);
        Assert.DoesNotContain("Installing", installed.Data["text/html"]);
        Assert.Contains(s.ReferencedAssemblies, p => p.EndsWith("Humanizer.dll", StringComparison.Ordinal));
        Assert.Contains("restored Humanizer.Core 2.14.1", log);
    }

    [Fact]
    public async Task UnknownPackageGivesARestoreErrorNamingTheCellAndLine()
    {
        using var s = new ScriptSession(new ScriptSessionOptions { NotebookName = "n.ipynb" });
        var r = await s.ExecuteAsync("// comment\n#r \"nuget: Workbook.NoSuchPackage.Zzq, 1.0.0\"", 4);
        Assert.Equal(CellStatus.Error, r.Status);
        Assert.Equal("NuGetRestoreError", r.Error!.EName);
        Assert.StartsWith("n.ipynb, cell 4, line 2: ", r.Error.EValue);
        Assert.Contains("Workbook.NoSuchPackage.Zzq", r.Error.EValue);
    }

    [Fact]
    public async Task RelativeDllPathResolvesAgainstTheNotebookFolder()
    {
        var dir = TestPaths.NewTempDir("dll");
        TinyAssembly.Compile("TinyLib", "namespace TinyLib { public static class Greeter { public static string Hello(string n) => \"hello \" + n; } }",
            Path.Combine(dir, "lib", "TinyLib.dll"));
        using var s = new ScriptSession(new ScriptSessionOptions { WorkingDirectory = Path.Combine(dir, "notebooks"), NotebookName = "n.ipynb" });
        var r = await s.ExecuteAsync("#r \"../lib/TinyLib.dll\"\nTinyLib.Greeter.Hello(\"workbook\")", 1);
        Assert.True(r.IsOk, r.Error?.EValue);
        Assert.Equal("hello workbook", r.Outputs.Single().Data!["text/plain"]);

        var missing = await s.ExecuteAsync("\n#r \"../lib/Missing.dll\"", 2);
        Assert.Equal(CellStatus.Error, missing.Status);
        Assert.Equal(2, missing.ErrorLine);
        Assert.Contains("error CS0006", missing.Error!.EValue);
        Assert.Contains(Path.Combine(dir, "lib", "Missing.dll"), missing.Error.EValue);
    }

    [Fact]
    public async Task LocalFeedFromHashIDirective()
    {
        var dir = TestPaths.NewTempDir("feed");
        var dll = Path.Combine(dir, "build", "LocalOnly.dll");
        TinyAssembly.Compile("LocalOnly", "namespace LocalOnly { public static class Answer { public static int Value => 42; } }", dll);
        var feed = Path.Combine(dir, "feed");
        Directory.CreateDirectory(feed);
        using (var zip = ZipFile.Open(Path.Combine(feed, "Workbook.LocalOnly.Test.1.2.3.nupkg"), ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(zip.CreateEntry("Workbook.LocalOnly.Test.nuspec").Open()))
                w.Write("<?xml version=\"1.0\"?><package xmlns=\"http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd\"><metadata>" +
                        "<id>Workbook.LocalOnly.Test</id><version>1.2.3</version><authors>tests</authors><description>test package</description>" +
                        "</metadata></package>");
            zip.CreateEntryFromFile(dll, "lib/net10.0/LocalOnly.dll");
        }
        using var s = new ScriptSession(new ScriptSessionOptions
        {
            WorkingDirectory = Path.Combine(dir, "notebooks"),
        });
        var r = await s.ExecuteAsync("#i \"nuget: ../feed\"\n#r \"nuget: Workbook.LocalOnly.Test, 1.2.3\"\nLocalOnly.Answer.Value", 1);
        Assert.True(r.IsOk, r.Error?.EValue);
        Assert.Equal("42", r.Outputs.Single(o => o.OutputType == "execute_result").Data!["text/plain"]);
    }

    [Fact]
    public async Task UnknownMagicCommandsAreClearErrorsWithTheirLine()
    {
        using var s = new ScriptSession(new ScriptSessionOptions { NotebookName = "n.ipynb" });
        var magic = await s.ExecuteAsync("#!fsharp\nlet x = 1", 1);
        Assert.Equal("n.ipynb, cell 1, line 1: error DNI101: Unknown magic command '#!fsharp'", magic.Error!.EValue);
        Assert.Equal("DirectiveError", magic.Error.EName);
        var bad = await s.ExecuteAsync("var a = 1;\n#!nosuchmagic", 2);
        Assert.Equal(2, bad.ErrorLine);
        Assert.Equal("n.ipynb, cell 2, line 2: error DNI101: Unknown magic command '#!nosuchmagic'", bad.Error!.EValue);
        Assert.True((await s.ExecuteAsync("#!csharp\n1 + 1", 3)).IsOk);
    }
}
