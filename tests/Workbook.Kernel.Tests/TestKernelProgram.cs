namespace Workbook.Kernel.Tests;

/// <summary>
/// Entry point when the test assembly is launched as a kernel by Jupyter (see <see cref="JupyterHarness"/>):
/// <c>dotnet Workbook.Kernel.Tests.dll fake kernel {connection_file}</c> serves the scripted <see cref="FakeBackend"/>
/// (the engine is tested through the real <c>workbook kernel</c>).
/// </summary>
public static class TestKernelProgram
{
    /// <summary>Runs a kernel.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["fake", "kernel", var connectionFile])
        {
            await Console.Error.WriteLineAsync("usage: Workbook.Kernel.Tests fake kernel <connection-file>");
            return 2;
        }

        return await KernelHost.RunAsync(connectionFile, () => new FakeBackend());
    }
}
