namespace Workbook.Kernel.Tests;

/// <summary>
/// Entry point when the test assembly is launched as a kernel by Jupyter (see <see cref="JupyterHarness"/>):
/// <c>dotnet Workbook.Kernel.Tests.dll fake kernel {connection_file}</c> serves the scripted <see cref="FakeBackend"/>;
/// <c>… engine kernel {connection_file}</c> serves the real engine, exactly as <c>workbook kernel</c> does.
/// </summary>
public static class TestKernelProgram
{
    /// <summary>Runs a kernel.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 3 || args[1] != "kernel")
        {
            await Console.Error.WriteLineAsync("usage: Workbook.Kernel.Tests (fake|engine) kernel <connection-file>");
            return 2;
        }

        return args[0] == "fake"
            ? await KernelHost.RunAsync(args[2], () => new FakeBackend())
            : await KernelHost.RunAsync(args[2]);
    }
}
