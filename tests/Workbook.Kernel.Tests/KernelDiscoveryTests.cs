using System.Text.Json.Nodes;

namespace Workbook.Kernel.Tests;

/// <summary><c>workbook kernel install</c> puts the kernelspec where Debian's Jupyter looks for it.</summary>
public sealed class KernelDiscoveryTests
{
    [JupyterFact]
    public void InstallUser_IsListedByJupyterKernelspec_WithTheCliAsLauncher()
    {
        using var jupyter = new JupyterHarness("cli");
        var dataDir = Path.Combine(jupyter.WorkDir, "user-data");
        var env = new Dictionary<string, string> { ["JUPYTER_DATA_DIR"] = dataDir, ["JUPYTER_PATH"] = "" };
        var cli = JupyterHarness.CliAssemblyPath();
        var (code, stdout, stderr) = jupyter.Run("dotnet", [cli, "kernel", "install", "--user"], TimeSpan.FromSeconds(60), env);
        Assert.True(code == 0, $"install failed ({code}): {stdout}\n{stderr}");

        (code, stdout, stderr) = jupyter.Run(JupyterHarness.Python, ["-m", "jupyter_client.kernelspecapp", "list", "--json"],
            TimeSpan.FromSeconds(60), env);
        Assert.True(code == 0, $"kernelspec list failed ({code}): {stdout}\n{stderr}");
        var spec = JsonNode.Parse(stdout)!["kernelspecs"]!["workbook-csharp"];
        Assert.NotNull(spec);
        Assert.Equal(Path.Combine(dataDir, "kernels", "workbook-csharp"), spec!["resource_dir"]!.GetValue<string>());
        Assert.Equal("C# (Workbook)", spec["spec"]!["display_name"]!.GetValue<string>());
        Assert.Equal("message", spec["spec"]!["interrupt_mode"]!.GetValue<string>());
        var argv = spec["spec"]!["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
        Assert.Equal(["kernel", "{connection_file}"], argv[^2..]);
        Assert.Equal(cli, argv[^3]);
    }
}
