using BenchmarkDotNet.Running;

namespace Regularization.Benchmarks;

internal static class Program
{
    // dotnet run -c Release --project bench/Regularization.Benchmarks -- --filter '*'
    // Workload runners that read bench-data files and print JSON lines (for the side-by-side scripts) are
    // dispatched by their first argument; anything else goes to BenchmarkDotNet.
    private static int Main(string[] args)
    {
        if (args.Length > 0 && Workloads.TryRun(args))
            return 0;
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
