using System.CommandLine;

namespace Workbook.Kernel;

/// <summary>The <c>workbook kernel</c> command: <c>kernel &lt;connection-file&gt;</c> and <c>kernel install</c>.</summary>
public static class KernelCommands
{
    /// <summary>Creates the <c>kernel</c> command for the workbook CLI's root command.</summary>
    public static Command Create()
    {
        var connectionFile = new Argument<FileInfo>("connection-file")
        {
            Description = "The Jupyter connection file (Jupyter passes it as {connection_file}).",
        };
        var kernel = new Command("kernel", "Run the workbook's Jupyter kernel (C#), or install its kernelspec.");
        kernel.Arguments.Add(connectionFile);
        kernel.SetAction((parseResult, cancellationToken) =>
            KernelHost.RunAsync(parseResult.GetRequiredValue(connectionFile).FullName, cancellationToken));

        var user = new Option<bool>("--user")
        {
            Description = "Install into the user's Jupyter data directory (the default).",
        };
        var prefix = new Option<DirectoryInfo?>("--prefix")
        {
            Description = "Install into <dir>/share/jupyter/kernels (for virtual environments, or JUPYTER_PATH=<dir>/share/jupyter).",
        };
        var install = new Command("install", $"Install the '{KernelSpecInstaller.KernelName}' kernelspec (\"{KernelSpecInstaller.DisplayName}\").");
        install.Options.Add(user);
        install.Options.Add(prefix);
        install.Validators.Add(result =>
        {
            if (result.GetValue(user) && result.GetValue(prefix) is not null)
            {
                result.AddError("--user and --prefix are exclusive: give one of them, or neither for --user.");
            }
        });
        install.SetAction(parseResult =>
        {
            var directory = KernelSpecInstaller.Install(parseResult.GetValue(prefix)?.FullName);
            parseResult.InvocationConfiguration.Output.WriteLine(
                $"Installed kernelspec {KernelSpecInstaller.KernelName} (\"{KernelSpecInstaller.DisplayName}\") in {directory}");
            return 0;
        });
        kernel.Subcommands.Add(install);
        return kernel;
    }
}
