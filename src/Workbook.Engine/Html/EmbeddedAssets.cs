using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Workbook.Engine.Html;

/// <summary>Assets embedded in the engine at build time: the site stylesheet, the math script, and KaTeX (script, stylesheet
/// with its woff2 fonts inlined as data URIs).</summary>
internal static partial class EmbeddedAssets
{
    private static readonly Assembly s_asm = typeof(EmbeddedAssets).Assembly;
    private static readonly Lazy<string> s_katexCss = new(BuildKatexCss);

    public static string? Text(string name)
    {
        using var s = s_asm.GetManifestResourceStream(name);
        if (s is null) return null;
        using var r = new StreamReader(s, Encoding.UTF8);
        return r.ReadToEnd();
    }

    private static byte[]? Bytes(string name)
    {
        using var s = s_asm.GetManifestResourceStream(name);
        if (s is null) return null;
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    public static string SiteCss => Text("assets/site.css") ?? "";

    public static string RenderMathJs => Text("assets/render-math.js") ?? "";

    public static bool HasKatex => s_asm.GetManifestResourceInfo("katex/katex.min.js") is not null;

    public static string KatexJs => (Text("katex/katex.min.js") ?? "").Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);

    public static string KatexCss => s_katexCss.Value;

    private static string BuildKatexCss()
    {
        var css = Text("katex/katex.min.css") ?? "";
        return FontSrc().Replace(css, m =>
        {
            var bytes = Bytes($"katex/fonts/{m.Groups["f"].Value}.woff2");
            return bytes is null ? m.Value : $"src:url(data:font/woff2;base64,{Convert.ToBase64String(bytes)}) format(\"woff2\")";
        });
    }

    [GeneratedRegex("src:url\\(fonts/(?<f>[A-Za-z0-9_-]+)\\.woff2\\) format\\(\"woff2\"\\)(,url\\([^)]*\\) format\\(\"[a-z]+\"\\))*")]
    private static partial Regex FontSrc();
}
