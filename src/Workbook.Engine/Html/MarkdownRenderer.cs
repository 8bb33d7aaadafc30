using Markdig;

namespace Workbook.Engine.Html;

/// <summary>Markdown to HTML through Markdig (advanced extensions, including <c>$...$</c> and <c>$$...$$</c> math, which
/// becomes <c>span.math</c> / <c>div.math</c> elements that the exported page renders with KaTeX).</summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>Renders markdown to HTML.</summary>
    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, s_pipeline);
}
