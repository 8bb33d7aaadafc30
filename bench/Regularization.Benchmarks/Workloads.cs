namespace Regularization.Benchmarks;

/// <summary>
/// Command-line workloads for the side-by-side scripts in bench/: <c>workload NAME [options]</c> times one solve in-process
/// and prints one JSON line, the same shape the peer anchors print.
/// </summary>
internal static partial class Workloads
{
    private static readonly Dictionary<string, Func<string[], int>> Registry = new(StringComparer.OrdinalIgnoreCase);

    public static bool TryRun(string[] args)
    {
        if (args[0] != "workload") return false;
        if (args.Length < 2 || !Registry.TryGetValue(args[1], out var run))
        {
            Console.Error.WriteLine($"workloads: {string.Join(", ", Registry.Keys.Order())}");
            Environment.Exit(2);
            return true;
        }
        Environment.Exit(run(args[2..]));
        return true;
    }

    /// <summary>Median of timings (the list is not modified).</summary>
    internal static double Median(IReadOnlyList<double> t)
    {
        var s = t.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }

    /// <summary>Registers a workload; each area adds its own in a partial file.</summary>
    internal static void Add(string name, Func<string[], int> run) => Registry[name] = run;
}
