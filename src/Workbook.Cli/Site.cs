using System.Globalization;
using Workbook.Engine.Html;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;

namespace Workbook.Cli;

/// <summary>
/// Writes the HTML site: <c>artifacts/site/&lt;notebook&gt;.html</c> and <c>artifacts/site/index.html</c>; the pages share
/// one local copy of plotly.js and KaTeX in <c>artifacts/site/assets/</c> (<see cref="SharedAssets"/>).
/// </summary>
internal static class Site
{
    /// <summary>The page of a notebook: its relative name without <c>.ipynb</c>, folders joined by <c>__</c> (pages stay flat).</summary>
    public static string PageName(string notebookFile) =>
        (Path.ChangeExtension(notebookFile.Replace('\\', '/'), null) ?? notebookFile).Replace("/", "__", StringComparison.Ordinal) + ".html";

    public static void WritePage(string artifacts, string notebookFile, Notebook nb,
        (string Href, string Title)? previous = null, (string Href, string Title)? next = null)
    {
        var title = HtmlExporter.TitleOf(nb, Path.GetFileNameWithoutExtension(notebookFile));
        SharedAssets.Write(Path.Combine(artifacts, "site"));
        NotebookFile.WriteAllTextAtomic(Path.Combine(artifacts, "site", PageName(notebookFile)),
            HtmlExporter.ExportPage(nb, title, "index.html", previous, next, SharedAssets.Folder + "/"));
    }

    /// <summary>Rewrites the pages of these notebooks (in order) with previous/next links between them.</summary>
    public static void WriteLinkedPages(string artifacts, IReadOnlyList<(string File, Notebook Notebook)> pages)
    {
        (string, string) Link(int i) => (PageName(pages[i].File), HtmlExporter.TitleOf(pages[i].Notebook, Path.GetFileNameWithoutExtension(pages[i].File)));
        for (var i = 0; i < pages.Count; i++)
            WritePage(artifacts, pages[i].File, pages[i].Notebook, i > 0 ? Link(i - 1) : null, i + 1 < pages.Count ? Link(i + 1) : null);
    }

    /// <summary>The index lists every executed notebook under artifacts/notebooks (with this run's status where known).</summary>
    public static void WriteIndex(string artifacts, IReadOnlyDictionary<string, (NotebookRunResult? Result, string? Failure)> statuses)
    {
        var dir = Path.Combine(artifacts, "notebooks");
        var files = Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*.ipynb", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
            : [];
        var entries = new List<HtmlExporter.IndexEntry>();
        foreach (var f in files)
        {
            string title;
            try { title = HtmlExporter.TitleOf(NotebookFile.Read(Path.Combine(dir, f!)), Path.GetFileNameWithoutExtension(f!)); }
            catch (NotebookFormatException) { continue; }
            string? status = null;
            var ok = true;
            if (statuses.TryGetValue(f!, out var s))
            {
                ok = s.Failure is null;
                status = ok ? $"ran in {s.Result!.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s" : "failed: " + s.Failure;
            }
            entries.Add(new HtmlExporter.IndexEntry(PageName(f!), $"{Path.ChangeExtension(f!, null)}: {title}", status, ok));
        }
        NotebookFile.WriteAllTextAtomic(Path.Combine(artifacts, "site", "index.html"), HtmlExporter.ExportIndex("The Regularization Workbook", entries));
    }
}
