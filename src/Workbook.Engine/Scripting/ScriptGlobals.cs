using Microsoft.AspNetCore.Html;
using Workbook.Engine.Display;

namespace Workbook.Engine.Scripting;

/// <summary>
/// The globals every cell sees, as in .NET Interactive: <c>display(x)</c>, <c>HTML("...")</c> and <c>Markdown("...")</c>.
/// </summary>
public class ScriptGlobals
{
    internal ScriptGlobals() { }

    /// <summary>Displays a value as a <c>display_data</c> output (text/plain always; text/html, charts and others as the value allows).</summary>
    public void display(object? value) => CellContext.Current?.Display(value);

    /// <summary>Displays a value with only the given mime types (for example <c>"text/plain"</c>).</summary>
    public void display(object? value, params string[] mimeTypes) => CellContext.Current?.Display(value, mimeTypes);

    /// <summary>Raw HTML to display as <c>text/html</c>.</summary>
    public IHtmlContent HTML(string html) => new HtmlString(html);

    /// <summary>Markdown (with <c>$...$</c> math) to display as <c>text/markdown</c> and <c>text/html</c>.</summary>
    public MarkdownText Markdown(string markdown) => new(markdown);
}
