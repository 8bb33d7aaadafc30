using System.Globalization;
using Workbook.Engine.Html;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;

namespace Workbook.Cli;

/// <summary>Writes the HTML site: <c>artifacts/site/&lt;notebook&gt;.html</c> and <c>artifacts/site/index.html</c>.</summary>
internal static class Site
{
    public static string PageName(string notebookFile) => Path.GetFileNameWithoutExtension(notebookFile) + ".html";

    public static void WritePage(string artifacts, string notebookFile, Notebook nb)
    {
        var title = HtmlExporter.TitleOf(nb, Path.GetFileNameWithoutExtension(notebookFile));
        NotebookFile.WriteAllTextAtomic(Path.Combine(artifacts, "site", PageName(notebookFile)), HtmlExporter.ExportPage(nb, title));
    }

    /// <summary>The index lists every executed notebook under artifacts/notebooks (with this run's status where known).</summary>
    public static void WriteIndex(string artifacts, IReadOnlyDictionary<string, (NotebookRunResult? Result, string? Failure)> statuses)
    {
        var dir = Path.Combine(artifacts, "notebooks");
        var files = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList() : [];
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
            entries.Add(new HtmlExporter.IndexEntry(PageName(f!), $"{Path.GetFileNameWithoutExtension(f!)}: {title}", status, ok));
        }
        NotebookFile.WriteAllTextAtomic(Path.Combine(artifacts, "site", "index.html"), HtmlExporter.ExportIndex("The Regularization Workbook", entries));
    }
}
