using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive.Formatting;

namespace Workbook.Engine.Display;

/// <summary>
/// Turns a value into a mime bundle (mime type to string), the way .NET Interactive displays values, with these rules
/// in order: Plotly.NET charts (text/html with plotly.js inlined once per document, plus application/vnd.plotly.v1+json);
/// HTML content; <see cref="MarkdownText"/>; any object with a public parameterless <c>string ToHtml()</c> (so libraries can
/// provide HTML without depending on the Formatting package); then <see cref="Formatter"/> (which knows the MathNet formatters
/// registered by <see cref="MathNetFormatters"/> and anything notebooks register). Every bundle has <c>text/plain</c>.
/// Output is deterministic: chart element ids are <c>nb-&lt;cell&gt;-&lt;n&gt;</c> (see <see cref="ElementIdPrefix"/>).
/// </summary>
public sealed partial class DisplayFormatter
{
    private bool _plotlyIncluded;

    static DisplayFormatter() => MathNetFormatters.Register();

    /// <summary>Whether plotly.js has already been inlined in this document (session).</summary>
    public bool PlotlyIncluded => _plotlyIncluded;

    /// <summary>Forgets that plotly.js was inlined, so the next chart includes it again (for a new document).</summary>
    public void ResetDocument() => _plotlyIncluded = false;

    /// <summary>Formats <paramref name="value"/> as a mime bundle.</summary>
    /// <param name="value">The value.</param>
    /// <param name="cell">The cell number (for deterministic element ids).</param>
    /// <param name="index">The display's index within the cell (for deterministic element ids).</param>
    /// <param name="mimeTypes">When given, only these mime types (text/plain is always kept).</param>
    public IReadOnlyDictionary<string, string> Format(object? value, int cell, int index, IReadOnlyCollection<string>? mimeTypes = null)
    {
        var bundle = FormatAll(value, cell, index);
        if (mimeTypes is { Count: > 0 })
            foreach (var k in bundle.Keys.ToList())
                if (k != "text/plain" && !mimeTypes.Contains(k)) bundle.Remove(k);
        return bundle;
    }

    private Dictionary<string, string> FormatAll(object? value, int cell, int index)
    {
        switch (value)
        {
            case null:
                return new() { ["text/plain"] = "<null>" };
            case string s:
                return new() { ["text/plain"] = s };
            case Plotly.NET.GenericChart chart:
                return FormatChart(chart, cell, index);
            case IHtmlContent html:
                var h = ToHtmlString(html);
                return new() { ["text/html"] = h, ["text/plain"] = PlainFromHtml(h) };
            case MarkdownText md:
                return new() { ["text/markdown"] = md.Text, ["text/html"] = Workbook.Engine.Html.MarkdownRenderer.ToHtml(md.Text), ["text/plain"] = md.Text };
        }
        var toHtml = value.GetType().GetMethod("ToHtml", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        if (toHtml is not null && toHtml.ReturnType == typeof(string))
        {
            var h = (string?)toHtml.Invoke(value, null) ?? "";
            return new() { ["text/html"] = h, ["text/plain"] = PlainText(value) };
        }
        var result = new Dictionary<string, string> { ["text/plain"] = PlainText(value) };
        var preferred = Formatter.GetPreferredMimeTypesFor(value.GetType());
        if (preferred.Contains("text/html") && !IsScalar(value))
            result["text/html"] = Formatter.ToDisplayString(value, "text/html");
        return result;
    }

    private static bool IsScalar(object value) =>
        value is IConvertible or decimal or DateTimeOffset or TimeSpan or Guid or Enum || value.GetType().IsPrimitive;

    /// <summary>The text/plain form: the registered text/plain formatter, or <c>ToString()</c> for types that override it.</summary>
    public static string PlainText(object? value)
    {
        if (value is null) return "<null>";
        if (value is double d) return d.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (value is float f) return f.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (value is IFormattable fm && value.GetType().IsPrimitive) return fm.ToString(null, System.Globalization.CultureInfo.InvariantCulture);
        // A type's own ToString() (records, library result types) wins, except where a text/plain formatter is registered here.
        if (value is not MathNet.Numerics.LinearAlgebra.Vector<double> and not MathNet.Numerics.LinearAlgebra.Matrix<double>
            && value.GetType().GetMethod("ToString", Type.EmptyTypes)?.DeclaringType is { } declaring
            && declaring != typeof(object) && declaring != typeof(ValueType) && !declaring.IsGenericType
            && declaring.Assembly != typeof(object).Assembly)
        {
            try { return value.ToString() ?? ""; }
            catch (Exception e) { return $"{value.GetType().Name} (ToString threw {e.GetType().Name})"; }
        }
        try { return Formatter.ToDisplayString(value, "text/plain"); }
        catch (Exception) { return value.ToString() ?? ""; }
    }

    private static string ToHtmlString(IHtmlContent html)
    {
        using var w = new StringWriter();
        html.WriteTo(w, System.Text.Encodings.Web.HtmlEncoder.Default);
        return w.ToString();
    }

    /// <summary>A plain-text rendering of HTML (tags removed, entities decoded, whitespace collapsed).</summary>
    public static string PlainFromHtml(string html)
    {
        var noScripts = ScriptOrStyle().Replace(html, "");
        var text = WebUtility.HtmlDecode(Tags().Replace(noScripts, " "));
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("[ \\t\\r\\n]+")]
    private static partial Regex Spaces();
}
