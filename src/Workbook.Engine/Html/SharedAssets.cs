using System.Text;
using Workbook.Engine.Display;

namespace Workbook.Engine.Html;

/// <summary>
/// The files pages of an exported site share instead of inlining each (<see cref="HtmlExporter.ExportPage"/> with an
/// assets folder): plotly.js and KaTeX (its stylesheet with the woff2 fonts as data URIs, since browsers refuse fonts
/// from <c>file:</c> URLs). Local files beside the pages: viewing the site needs no network.
/// </summary>
public static class SharedAssets
{
    /// <summary>The folder, relative to the pages, the shared files are written to and linked from.</summary>
    public const string Folder = "assets";

    /// <summary>plotly.js, relative to <see cref="Folder"/>.</summary>
    public const string PlotlyJs = DisplayFormatter.PlotlyFileName;

    /// <summary>KaTeX's script, relative to <see cref="Folder"/>.</summary>
    public const string KatexJs = "katex/katex.min.js";

    /// <summary>KaTeX's stylesheet with its fonts inlined, relative to <see cref="Folder"/>.</summary>
    public const string KatexCss = "katex/katex.min.css";

    /// <summary>The shared files: path relative to <see cref="Folder"/>, and content.</summary>
    public static IEnumerable<(string Path, string Content)> Files()
    {
        yield return (PlotlyJs, DisplayFormatter.PlotlyJs);
        if (!EmbeddedAssets.HasKatex) yield break;
        yield return (KatexJs, EmbeddedAssets.Text("katex/katex.min.js") ?? "");
        yield return (KatexCss, EmbeddedAssets.KatexCss);
        if (EmbeddedAssets.Text("katex/LICENSE") is { } license) yield return ("katex/LICENSE", license);
    }

    /// <summary>
    /// Writes the shared files into <c><paramref name="siteDirectory"/>/assets/</c>, each only when missing or different
    /// (atomically), and returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> Write(string siteDirectory)
    {
        var written = new List<string>();
        foreach (var (relative, content) in Files())
        {
            var path = Path.Combine(siteDirectory, Folder, relative);
            var bytes = Encoding.UTF8.GetBytes(content);
            if (File.Exists(path) && new FileInfo(path).Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Notebooks.NotebookFile.WriteAllTextAtomic(path, content);
            written.Add(path);
        }
        return written;
    }
}
