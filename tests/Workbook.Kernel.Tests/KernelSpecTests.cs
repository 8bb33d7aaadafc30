using System.CommandLine;
using System.Text.Json.Nodes;

namespace Workbook.Kernel.Tests;

/// <summary>The kernelspec and the <c>kernel</c> command line.</summary>
public sealed class KernelSpecTests
{
    [Fact]
    public void Install_WithPrefix_WritesKernelJsonUnderShareJupyterKernels()
    {
        var prefix = Directory.CreateTempSubdirectory("workbook-spec-").FullName;
        try
        {
            var dir = KernelSpecInstaller.Install(prefix, ["/opt/workbook/workbook"]);
            Assert.Equal(Path.Combine(prefix, "share", "jupyter", "kernels", "workbook-csharp"), dir);
            var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "kernel.json")))!.AsObject();
            Assert.Equal(["/opt/workbook/workbook", "kernel", "{connection_file}"],
                spec["argv"]!.AsArray().Select(n => n!.GetValue<string>()));
            Assert.Equal("C# (Workbook)", spec["display_name"]!.GetValue<string>());
            Assert.Equal("C#", spec["language"]!.GetValue<string>());
            Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
            // plotly.js beside kernel.json, where the chart outputs' loader asks the Jupyter server for it
            Assert.Equal(Workbook.Engine.Display.DisplayFormatter.PlotlyJs, File.ReadAllText(Path.Combine(dir, "plotly-2.28.0.min.js")));
            Assert.Contains("kernelspecs/workbook-csharp/plotly-2.28.0.min.js", new Workbook.Engine.Display.DisplayFormatter().Format(
                Plotly.NET.CSharp.Chart.Point<double, double, string>(x: new[] { 1.0 }, y: new[] { 2.0 }), 1, 0)["text/html"]);
            var dotnetRoot = spec["env"]!["DOTNET_ROOT"]!.GetValue<string>();
            Assert.True(File.Exists(Path.Combine(dotnetRoot, "dotnet")) || File.Exists(Path.Combine(dotnetRoot, "dotnet.exe")), dotnetRoot);

            var viaHost = JsonNode.Parse(KernelSpecInstaller.SpecJson(["/usr/bin/dotnet", "/opt/workbook/workbook.dll"]))!.AsObject();
            Assert.Null(viaHost["env"]);
            Assert.Equal(4, viaHost["argv"]!.AsArray().Count);
        }
        finally
        {
            Directory.Delete(prefix, recursive: true);
        }
    }

    [Fact]
    public void CurrentLaunchCommand_IsAbsoluteAndRunsThisProcess()
    {
        var command = KernelSpecInstaller.CurrentLaunchCommand();
        Assert.All(command, part => Assert.True(Path.IsPathRooted(part), part));
        Assert.Equal(Environment.ProcessPath, command[0]);
    }

    [Fact]
    public void Install_RejectsEmptyLaunchCommand()
    {
        var e = Assert.Throws<ArgumentException>(() => KernelSpecInstaller.Install(Path.GetTempPath(), []));
        Assert.Equal("launchCommand", e.ParamName);
    }

    [Fact]
    public void Command_InstallWithPrefix_WritesSpec_AndUserWithPrefixIsAnError()
    {
        var prefix = Directory.CreateTempSubdirectory("workbook-cmd-").FullName;
        try
        {
            var root = new RootCommand { KernelCommands.Create() };
            var output = new StringWriter();
            var exit = root.Parse(["kernel", "install", "--prefix", prefix]).Invoke(new InvocationConfiguration { Output = output });
            Assert.Equal(0, exit);
            Assert.True(File.Exists(Path.Combine(prefix, "share", "jupyter", "kernels", "workbook-csharp", "kernel.json")));
            Assert.Contains("workbook-csharp", output.ToString());

            var conflict = root.Parse(["kernel", "install", "--user", "--prefix", prefix]);
            Assert.Contains(conflict.Errors, e => e.Message.Contains("exclusive", StringComparison.Ordinal));

            var missing = root.Parse(["kernel"]);
            Assert.NotEmpty(missing.Errors);
        }
        finally
        {
            Directory.Delete(prefix, recursive: true);
        }
    }

    [Fact]
    public async Task Command_WithMissingConnectionFile_ExitsWithOne()
    {
        var root = new RootCommand { KernelCommands.Create() };
        var error = new StringWriter();
        var exit = await root.Parse(["kernel", Path.Combine(Path.GetTempPath(), "no-such-connection-file.json")])
            .InvokeAsync(new InvocationConfiguration { Error = error });
        Assert.Equal(1, exit);
    }
}
