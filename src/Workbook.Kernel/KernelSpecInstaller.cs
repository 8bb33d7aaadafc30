using System.Text.Json;
using System.Text.Json.Nodes;
using Workbook.Engine.Display;

namespace Workbook.Kernel;

/// <summary>Writes the workbook kernel's Jupyter kernelspec (<c>workbook kernel install</c>).</summary>
public static class KernelSpecInstaller
{
    /// <summary>The kernelspec name front ends use (<c>--ExecutePreprocessor.kernel_name=workbook-csharp</c>).</summary>
    public const string KernelName = "workbook-csharp";

    /// <summary>The name shown in kernel pickers.</summary>
    public const string DisplayName = "C# (Workbook)";

    /// <summary>
    /// Installs the kernelspec into <c>&lt;prefix&gt;/share/jupyter/kernels/workbook-csharp</c> when
    /// <paramref name="prefix"/> is given, else into the user's Jupyter data directory (<c>JUPYTER_DATA_DIR</c>, or
    /// <c>~/.local/share/jupyter</c> on Linux), with plotly.js beside kernel.json. Replaces an existing spec of the same name.
    /// </summary>
    /// <param name="prefix">Installation prefix, or null for the user's directory.</param>
    /// <param name="launchCommand">
    /// The command that starts the workbook CLI, before <c>kernel {connection_file}</c>; null for the running CLI
    /// (<see cref="CurrentLaunchCommand"/>).
    /// </param>
    /// <returns>The directory the kernelspec was written to.</returns>
    public static string Install(string? prefix = null, IReadOnlyList<string>? launchCommand = null)
    {
        var command = launchCommand ?? CurrentLaunchCommand();
        if (command.Count == 0 || command.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException(
                $"launchCommand is [{string.Join(", ", command)}]; expected a non-empty list of non-empty strings.", nameof(launchCommand));
        }

        var root = prefix is null ? UserDataDirectory() : Path.Combine(Path.GetFullPath(prefix), "share", "jupyter");
        var directory = Path.Combine(root, "kernels", KernelName);
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, "kernel.json");
        var temporary = target + ".tmp";
        File.WriteAllText(temporary, SpecJson(command));
        File.Move(temporary, target, overwrite: true);
        // Served by the Jupyter server as {base_url}kernelspecs/workbook-csharp/plotly-<version>.min.js: a chart output
        // loads it from there when no output of the page carries plotly.js (after a page reload of a running kernel).
        var plotly = Path.Combine(directory, DisplayFormatter.PlotlyFileName);
        File.WriteAllText(plotly + ".tmp", DisplayFormatter.PlotlyJs);
        File.Move(plotly + ".tmp", plotly, overwrite: true);
        return directory;
    }

    /// <summary>The kernel.json text for a CLI started by <paramref name="launchCommand"/>.</summary>
    public static string SpecJson(IReadOnlyList<string> launchCommand)
    {
        ArgumentNullException.ThrowIfNull(launchCommand);
        var argv = new JsonArray();
        foreach (var part in launchCommand.Concat(["kernel", "{connection_file}"]))
        {
            argv.Add(part);
        }

        var spec = new JsonObject
        {
            ["argv"] = argv,
            ["display_name"] = DisplayName,
            ["language"] = "C#",
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject { ["debugger"] = false },
        };
        if (!IsDotnetHost(launchCommand[0]) && DotnetRoot() is { } root)
        {
            // An apphost finds the runtime through DOTNET_ROOT; Jupyter may start it without the user's shell setup.
            spec["env"] = new JsonObject { ["DOTNET_ROOT"] = root };
        }
        return spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// How to start the running program again: its own executable (the <c>workbook</c> apphost), or
    /// <c>dotnet &lt;path&gt;/workbook.dll</c> when it runs under the <c>dotnet</c> host. Paths are absolute.
    /// </summary>
    public static IReadOnlyList<string> CurrentLaunchCommand()
    {
        var process = Environment.ProcessPath
            ?? throw new InvalidOperationException("The path of the running executable is unknown; pass launchCommand explicitly.");
        if (!IsDotnetHost(process))
        {
            return [process];
        }

        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        if (string.IsNullOrEmpty(entry))
        {
            throw new InvalidOperationException("Running under 'dotnet' but the entry assembly's path is unknown; pass launchCommand explicitly.");
        }

        return [process, entry];
    }

    private static bool IsDotnetHost(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);

    /// <summary>The .NET installation running this process (…/shared/Microsoft.NETCore.App/&lt;version&gt; three levels up).</summary>
    private static string? DotnetRoot()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = runtime is null ? null : Directory.GetParent(runtime)?.Parent?.Parent?.FullName;
        return root is not null && Directory.Exists(Path.Combine(root, "shared")) ? root : null;
    }

    /// <summary>The user's Jupyter data directory, as jupyter_core computes it.</summary>
    public static string UserDataDirectory()
    {
        var overridden = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        if (!string.IsNullOrEmpty(overridden))
        {
            return Path.GetFullPath(overridden);
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Jupyter");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter");
    }
}
