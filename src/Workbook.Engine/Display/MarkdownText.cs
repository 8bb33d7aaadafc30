namespace Workbook.Engine.Display;

/// <summary>Markdown text to display (rendered through Markdig to text/html; also offered as text/markdown).</summary>
/// <param name="Text">The markdown source.</param>
public sealed record MarkdownText(string Text)
{
    /// <inheritdoc />
    public override string ToString() => Text;
}
