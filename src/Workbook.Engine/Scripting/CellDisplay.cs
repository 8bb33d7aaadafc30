using Microsoft.AspNetCore.Html;
using Workbook.Engine.Display;

namespace Workbook.Engine.Scripting;

/// <summary>
/// The helpers every C# cell sees (imported with <c>using static</c>), as in .NET Interactive: <c>display(x)</c>,
/// <c>HTML("...")</c> and <c>Markdown("...")</c>. Displays go through the engine's deterministic formatter.
/// </summary>
public static class CellDisplay
{
    /// <summary>Displays a value as a <c>display_data</c> output (text/plain always; text/html, charts and others as the value allows).</summary>
    public static void display(object? value) => CellContext.Current?.Display(value);

    /// <summary>Displays a value with only the given mime types (for example <c>"text/plain"</c>).</summary>
    public static void display(object? value, params string[] mimeTypes) => CellContext.Current?.Display(value, mimeTypes);

    /// <summary>Raw HTML to display as <c>text/html</c>.</summary>
    public static IHtmlContent HTML(string html) => new HtmlString(html);

    /// <summary>Markdown (with <c>$...$</c> math) to display as <c>text/markdown</c> and <c>text/html</c>.</summary>
    public static MarkdownText Markdown(string markdown) => new(markdown);
}
