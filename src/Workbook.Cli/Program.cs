using System.CommandLine;

namespace Workbook.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => BuildRoot().Parse(args).InvokeAsync();

    /// <summary>The command tree; other front ends (the Jupyter kernel) add their subcommand here.</summary>
    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("The Regularization Workbook: run the C# notebooks headlessly and publish them as HTML.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(StripCommand.Create());
        root.Subcommands.Add(NewCommand.Create());
        root.Subcommands.Add(Workbook.Kernel.KernelCommands.Create());
        return root;
    }
}
