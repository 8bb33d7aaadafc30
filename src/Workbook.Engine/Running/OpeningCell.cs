namespace Workbook.Engine.Running;

/// <summary>
/// The opening cell every workbook notebook starts with: it loads the workbook library, the chart helpers
/// (<c>Workbook.Charts</c>) and their dependencies, and works unchanged under this engine and under .NET Interactive
/// (plain <c>#r</c> directives and <c>using</c>s, the dll paths relative to the notebook). Its last line,
/// <c>ChartDisplay.Register();</c>, is for the .NET Interactive tool: it lets Plotly.NET 6 bind to the tool's FSharp.Core and
/// renders charts as charts there (a no-op for this engine's own display). Front ends build both assemblies first with
/// <see cref="LibraryBuild.EnsureAsync"/>.
/// </summary>
public static class OpeningCell
{
    /// <summary>The packages the opening cell loads (id, version), matching Directory.Packages.props.</summary>
    public static readonly IReadOnlyList<(string Id, string Version)> Packages =
    [
        ("MathNet.Numerics", "5.0.0"),
        ("System.Numerics.Tensors", "10.0.0"),
        ("Plotly.NET", "6.0.0"),
        ("Plotly.NET.CSharp", "0.14.0"),
    ];

    /// <summary>The namespaces the opening cell imports (the rest go in the notebook's next cell).</summary>
    public static readonly IReadOnlyList<string> Usings = ["Regularization", "Regularization.Data", "Workbook.Charts"];

    /// <summary>The cell's last line: the FSharp.Core redirect and chart formatter for the .NET Interactive tool.</summary>
    public const string ChartSetup = "ChartDisplay.Register();";

    /// <summary>The opening cell for a notebook in <paramref name="notebookFolder"/> of the clone at <paramref name="repoRoot"/>
    /// (for <c>notebooks/</c>: <c>#r "../src/Regularization/bin/Release/net10.0/Regularization.dll"</c> and
    /// <c>#r "../src/Workbook.Charts/bin/Release/net10.0/Workbook.Charts.dll"</c>).</summary>
    public static string For(string notebookFolder, string repoRoot)
    {
        string Relative(string marker) =>
            Path.GetRelativePath(Path.GetFullPath(notebookFolder), Path.Combine(Path.GetFullPath(repoRoot), marker)).Replace('\\', '/');
        return string.Join("\n", Packages.Select(p => $"#r \"nuget: {p.Id}, {p.Version}\"")
            .Concat(LibraryBuild.Markers.Select(m => $"#r \"{Relative(m)}\""))
            .Concat(Usings.Select(u => $"using {u};"))
            .Append(ChartSetup));
    }
}
