using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Workbook.Engine.Html;

/// <summary>Markdown to HTML through Markdig (advanced extensions, including <c>$...$</c> and <c>$$...$$</c> math, which
/// become <c>span.math</c> / <c>span.math.math-display</c> / <c>div.math</c> elements that the exported page renders with
/// KaTeX; <c>$$...$$</c> inside a paragraph is display math, as in Jupyter). The HTML is sanitized as Jupyter's front ends
/// do (<see cref="OutputSanitizer.SanitizeHtml"/>): raw HTML in markdown never runs script.</summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    internal static MarkdownPipeline Pipeline => s_pipeline;

    /// <summary>Renders markdown to sanitized HTML.</summary>
    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, s_pipeline);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        s_pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlMathInlineRenderer>(new DisplayAwareMathInlineRenderer());
        renderer.Render(document);
        writer.Flush();
        var html = writer.ToString();
        return OutputSanitizer.NeedsSanitizing(document) ? OutputSanitizer.SanitizeHtml(html) : html;
    }

    private sealed class DisplayAwareMathInlineRenderer : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline obj)
        {
            var display = obj.DelimiterCount >= 2;
            renderer.Write(display ? "<span class=\"math math-display\">\\[" : "<span class=\"math\">\\(");
            renderer.WriteEscape(obj.Content);
            renderer.Write(display ? "\\]</span>" : "\\)</span>");
        }
    }
}
