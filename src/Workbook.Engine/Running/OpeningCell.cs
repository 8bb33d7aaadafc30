namespace Workbook.Engine.Running;

/// <summary>
/// The opening cell every workbook notebook starts with: it loads the workbook library and its dependencies, and works
/// unchanged under this engine and under .NET Interactive (plain <c>#r</c> directives, the library path relative to the
/// notebook). Front ends build the library first with <see cref="LibraryBuild.EnsureAsync"/>.
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

    /// <summary>The opening cell for a notebook in <paramref name="notebookFolder"/> of the clone at <paramref name="repoRoot"/>
    /// (for <c>notebooks/</c>: <c>#r "../src/Regularization/bin/Release/net10.0/Regularization.dll"</c>).</summary>
    public static string For(string notebookFolder, string repoRoot)
    {
        var dll = Path.GetRelativePath(Path.GetFullPath(notebookFolder), Path.Combine(Path.GetFullPath(repoRoot), LibraryBuild.Marker))
            .Replace('\\', '/');
        return string.Join("\n", Packages.Select(p => $"#r \"nuget: {p.Id}, {p.Version}\"")
            .Concat([$"#r \"{dll}\"", "using Regularization;", "using Regularization.Data;"]));
    }
}
