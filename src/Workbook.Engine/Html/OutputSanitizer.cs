using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Workbook.Engine.Html;

/// <summary>
/// What notebook content may put into an exported page (and into the Jupyter kernel's outputs), following Jupyter's front
/// ends: markdown is sanitized (no <c>&lt;script&gt;</c>, no event-handler attributes, no <c>javascript:</c> or other
/// non-http(s) URLs; tables, math, images, http/https links and anchors stay); image data must be base64 before it goes
/// into a <c>data:</c> URL; chart JSON is parsed and re-serialized with every HTML-sensitive character escaped before it
/// goes into a script. Only <c>text/html</c>, <c>image/svg+xml</c> and the engine's own chart output stay raw.
/// </summary>
public static class OutputSanitizer
{
    /// <summary>The image mime types written as <c>data:</c> URLs (SVG is markup and stays raw, as in Jupyter).</summary>
    public static readonly IReadOnlyList<string> Base64ImageTypes = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp"];

    [ThreadStatic] private static int t_removals;

    private static readonly Ganss.Xss.HtmlSanitizer s_sanitizer = CreateSanitizer();

    private static readonly JsonSerializerOptions s_scriptJson = new() { Encoder = JavaScriptEncoder.Default };

    private static Ganss.Xss.HtmlSanitizer CreateSanitizer()
    {
        var s = new Ganss.Xss.HtmlSanitizer();
        // ids (heading anchors) and classes (math, code, tables) are what the page's CSS, KaTeX and anchors need
        s.AllowedAttributes.Add("id");
        s.AllowedAttributes.Add("class");
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.Add("http");
        s.AllowedSchemes.Add("https");
        s.AllowedSchemes.Add("data");
        // data: URLs only as base64 raster images in src (notebooks embed pictures so); never in links
        s.FilterUrl += (_, e) =>
        {
            if (e.OriginalUrl.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                && !(e.Tag.NodeName.Equals("IMG", StringComparison.OrdinalIgnoreCase) && IsBase64ImageUrl(e.OriginalUrl.Trim())))
                e.SanitizedUrl = null;
        };
        s.RemovingTag += (_, _) => t_removals++;
        s.RemovingAttribute += (_, _) => t_removals++;
        s.RemovingStyle += (_, _) => t_removals++;
        s.RemovingAtRule += (_, _) => t_removals++;
        s.RemovingCssClass += (_, _) => t_removals++;
        return s;
    }

    /// <summary>HTML from markdown (or any HTML of untrusted origin) with everything that could run script removed.</summary>
    public static string SanitizeHtml(string html) => s_sanitizer.Sanitize(html);

    /// <summary>
    /// Whether the HTML Markdig renders for <paramref name="document"/> may hold anything unsafe: raw HTML, generic
    /// attributes other than id and class (<c>{onclick=...}</c>), or a link or image URL that is not http(s), mailto, an
    /// anchor, relative, or (for images) base64 image data. Markdown without these renders to safe HTML as it is, so the
    /// (slower) sanitizer runs only on markdown that needs it.
    /// </summary>
    public static bool NeedsSanitizing(MarkdownDocument document)
    {
        foreach (var node in document.Descendants())
        {
            if (node is HtmlBlock or HtmlInline) return true;
            if (Markdig.Renderers.Html.HtmlAttributesExtensions.TryGetAttributes(node) is { Properties.Count: > 0 }) return true;
            switch (node)
            {
                case LinkInline link when !IsSafeUrl(link.Url, link.IsImage):
                case AutolinkInline auto when !IsSafeUrl(auto.Url, false):
                    return true;
            }
        }
        return false;
    }

    private static bool IsSafeUrl(string? url, bool image)
    {
        if (string.IsNullOrEmpty(url)) return true;
        var u = url.Trim();
        var colon = u.IndexOf(':');
        var firstDelimiter = u.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (firstDelimiter >= 0 && firstDelimiter < colon)) return true; // relative or an anchor
        var scheme = u[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto" || (image && scheme == "data" && IsBase64ImageUrl(u));
    }

    /// <summary>True when <see cref="SanitizeHtml"/> would remove nothing from <paramref name="html"/> but formatting.</summary>
    public static bool IsSafeHtml(string html)
    {
        t_removals = 0;
        s_sanitizer.Sanitize(html);
        return t_removals == 0;
    }

    /// <summary>
    /// Markdown whose raw HTML (blocks and inline tags) is kept where it is safe and shown as text otherwise, for front
    /// ends that render markdown outputs themselves (the Jupyter kernel's <c>text/markdown</c>).
    /// </summary>
    public static string SanitizeMarkdown(string markdown)
    {
        var document = Markdown.Parse(markdown, MarkdownRenderer.Pipeline);
        var unsafeSpans = document.Descendants()
            .Where(n => n is HtmlBlock or HtmlInline)
            .Select(n => n.Span)
            .Where(s => s.Start >= 0 && s.End < markdown.Length && s.Length > 0 && !IsSafeHtml(markdown.Substring(s.Start, s.Length)))
            .OrderByDescending(s => s.Start)
            .ToList();
        if (unsafeSpans.Count == 0) return markdown;
        var sb = new StringBuilder(markdown);
        var lastStart = int.MaxValue;
        foreach (var s in unsafeSpans)
        {
            if (s.End >= lastStart) continue; // nested in a span already escaped
            sb.Remove(s.Start, s.Length).Insert(s.Start, WebUtility.HtmlEncode(markdown.Substring(s.Start, s.Length)));
            lastStart = s.Start;
        }
        return sb.ToString();
    }

    /// <summary>The base64 payload of an image output in canonical form, or null when it is not base64.</summary>
    public static string? CanonicalBase64(string data)
    {
        var compact = new StringBuilder(data.Length);
        foreach (var ch in data)
            if (!char.IsWhiteSpace(ch)) compact.Append(ch);
        var text = compact.ToString();
        if (text.Length == 0) return null;
        var buffer = new byte[text.Length / 4 * 3 + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? Convert.ToBase64String(buffer, 0, written) : null;
    }

    /// <summary>An <c>&lt;img&gt;</c> for the first raster image in <paramref name="data"/> whose payload is base64, or null.</summary>
    public static string? ImageElement(IReadOnlyDictionary<string, string> data)
    {
        foreach (var mime in Base64ImageTypes)
            if (data.TryGetValue(mime, out var payload) && CanonicalBase64(payload) is { } b64)
                return $"<img alt=\"output\" src=\"data:{mime};base64,{b64}\">";
        return null;
    }

    private static bool IsBase64ImageUrl(string url)
    {
        foreach (var mime in Base64ImageTypes)
        {
            var prefix = $"data:{mime};base64,";
            if (url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return CanonicalBase64(url[prefix.Length..]) is not null;
        }
        return false;
    }

    /// <summary>
    /// Parses a JSON mime payload (a JSON object, or a string holding one, as some writers store it) and serializes it
    /// again with <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, quotes and non-ASCII escaped, so it can be placed in a
    /// <c>&lt;script&gt;</c> as a literal and never as code; null when it is not a JSON object.
    /// </summary>
    public static string? ScriptSafeJsonObject(string payload)
    {
        if (TryParse(payload) is not { } node) return null;
        if (node is JsonValue v && v.TryGetValue<string>(out var inner)) node = TryParse(inner);
        return node is JsonObject o ? o.ToJsonString(s_scriptJson) : null;
    }

    /// <summary>Whether <paramref name="payload"/> parses as JSON.</summary>
    public static bool IsJson(string payload) => TryParse(payload) is not null;

    private static JsonNode? TryParse(string text)
    {
        try { return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 256 }); }
        catch (JsonException) { return null; }
    }
}
