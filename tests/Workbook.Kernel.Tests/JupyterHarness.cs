using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Workbook.Kernel.Tests;

/// <summary>
/// Runs Debian's Jupyter against the kernel: installs the kernelspec into a temporary prefix (launching this test
/// assembly as the kernel, see <see cref="TestKernelProgram"/>), points JUPYTER_PATH at it and runs
/// <c>jupyter/protocol_driver.py</c> or <c>jupyter nbconvert</c> with <c>/usr/bin/python3</c>.
/// </summary>
internal sealed class JupyterHarness : IDisposable
{
    public const string Python = "/usr/bin/python3";
    private static readonly Lazy<string?> Missing = new(() => FindMissing(Python));

    private readonly ITestOutputHelper? _output;

    public JupyterHarness(string backend, ITestOutputHelper? output = null, IReadOnlyList<string>? launchCommand = null)
    {
        _output = output;
        if (Missing.Value is { } why)
        {
            Assert.Fail(why);
        }

        WorkDir = Directory.CreateTempSubdirectory("workbook-kernel-").FullName;
        Prefix = Path.Combine(WorkDir, "prefix");
        var command = launchCommand ?? (backend == "cli"
            ? [DotnetHost(), CliAssembly()]
            : [DotnetHost(), typeof(TestKernelProgram).Assembly.Location, backend]);
        KernelSpecInstaller.Install(Prefix, command);
    }

    public string WorkDir { get; }

    public string Prefix { get; }

    public string KernelLog => Path.Combine(WorkDir, "kernel-stderr.log");

    public static string DriverScript => Path.Combine(AppContext.BaseDirectory, "jupyter", "protocol_driver.py");

    /// <summary>Runs one driver scenario and returns its RESULT object; fails the test with all logs otherwise.</summary>
    public JsonObject RunScenario(string scenario, object snippets)
    {
        var snippetsPath = Path.Combine(WorkDir, "snippets.json");
        File.WriteAllText(snippetsPath, JsonSerializer.Serialize(snippets));
        var (code, stdout, stderr) = Run(Python, [DriverScript, scenario, snippetsPath, WorkDir], TimeSpan.FromSeconds(180));
        var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (code != 0 || line is null)
        {
            Assert.Fail($"scenario '{scenario}' failed (exit {code}).\n--- driver stdout\n{stdout}\n--- driver stderr\n{stderr}\n--- kernel stderr\n{ReadKernelLog()}");
        }

        var result = JsonNode.Parse(line!["RESULT ".Length..])!.AsObject();
        _output?.WriteLine(result.ToJsonString());
        return result;
    }

    public string ReadKernelLog() => File.Exists(KernelLog) ? File.ReadAllText(KernelLog) : "(no kernel log)";

    /// <summary>Runs a process with the Jupyter environment of this harness.</summary>
    public (int ExitCode, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? WorkDir,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["JUPYTER_PATH"] = Path.Combine(Prefix, "share", "jupyter");
        start.Environment["JUPYTER_DATA_DIR"] = Path.Combine(WorkDir, "data");
        start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(WorkDir, "runtime");
        start.Environment["JUPYTER_CONFIG_DIR"] = Path.Combine(WorkDir, "config");
        start.Environment["JUPYTER_PLATFORM_DIRS"] = "1";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, stdout + $"\n(timed out after {timeout.TotalSeconds} s; killed)", stderr.ToString());
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The notebooks (paths relative to the repository root, in order) in these folders of the repository.</summary>
    public static TheoryData<string> NotebooksIn(params string[] folders)
    {
        var data = new TheoryData<string>();
        var root = RepositoryRoot();
        foreach (var dir in folders.Select(f => Path.Combine(root, f)).Where(Directory.Exists))
        {
            foreach (var file in Directory.GetFiles(dir, "*.ipynb").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(root, file));
            }
        }

        return data;
    }

    /// <summary>The repository root: the first folder above the test binaries holding <c>Workbook.sln</c>.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbook.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"no Workbook.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>
    /// Where the workbook CLI is built: <c>src/Workbook.Cli/bin/&lt;configuration&gt;/&lt;framework&gt;/workbook.dll</c>, same
    /// configuration and framework as the tests (the project reference builds it first).
    /// </summary>
    public static string CliAssemblyPath()
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(RepositoryRoot(), "src", "Workbook.Cli", "bin", testDir.Parent!.Name, testDir.Name, "workbook.dll");
    }

    private static string CliAssembly()
    {
        var dll = CliAssemblyPath();
        Assert.True(File.Exists(dll), $"the workbook CLI is not built at {dll}");
        return dll;
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var process = Environment.ProcessPath;
        return process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
    }

    /// <summary>Why <paramref name="python"/> cannot run the Jupyter tests (with what to install), or null when it can.</summary>
    internal static string? FindMissing(string python)
    {
        const string install = "install Debian's Jupyter: apt-get install jupyter-client python3-nbclient jupyter-nbconvert " +
                               "(or set WORKBOOK_SKIP_JUPYTER=1 to skip the Jupyter tests)";
        if (!File.Exists(python))
        {
            return $"{python} does not exist: {install}";
        }

        var start = new ProcessStartInfo(python, ["-c", "import jupyter_client, zmq, nbclient, nbconvert"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"{python} cannot import jupyter_client/nbclient/nbconvert ({error.Trim()}): {install}";
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
