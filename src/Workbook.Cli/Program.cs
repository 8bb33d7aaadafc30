using System.CommandLine;

namespace Workbook.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args)
    {
        // Redirected output (logs, CI) is not wrapped at 80 columns: every message stays one line.
        if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 4096;
        var parsed = BuildRoot().Parse(args);
        // `run` and `run-worker` handle Ctrl-C themselves (stop the running cell, write what is done); System.CommandLine's
        // handler would end the process 2 s after the signal, before the artifacts are written.
        return parsed.CommandResult.Command.Name is "run" or "run-worker"
            ? parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null })
            : parsed.InvokeAsync();
    }

    /// <summary>The command tree; other front ends (the Jupyter kernel) add their subcommand here.</summary>
    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("The Regularization Workbook: run the C# notebooks headlessly and publish them as HTML.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(RunWorkerCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(StripCommand.Create());
        root.Subcommands.Add(NewCommand.Create());
        root.Subcommands.Add(Workbook.Kernel.KernelCommands.Create());
        return root;
    }
}
