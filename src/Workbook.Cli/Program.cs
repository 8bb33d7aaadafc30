namespace Workbook.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("workbook: the notebook engine is not built yet (issue 3).");
        return args.Length == 0 ? 2 : 2;
    }
}
