using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Workbook.Engine.Html;

/// <summary>A small C# syntax highlighter for the exported HTML (comments, strings, numbers, keywords, directives).</summary>
public static partial class CSharpHighlighter
{
    private static readonly HashSet<string> s_keywords =
    [
        "abstract", "as", "async", "await", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false",
        "finally", "fixed", "float", "for", "foreach", "get", "goto", "if", "implicit", "in", "init", "int", "interface", "internal",
        "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private",
        "protected", "public", "readonly", "record", "ref", "return", "sbyte", "sealed", "set", "short", "sizeof", "stackalloc",
        "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe",
        "ushort", "using", "var", "virtual", "void", "volatile", "when", "where", "while", "with", "yield", "nameof", "and", "or", "not",
    ];

    /// <summary>Returns HTML (escaped, with <c>span.tok-*</c> elements) for C# source.</summary>
    public static string Highlight(string code)
    {
        var sb = new StringBuilder(code.Length * 2);
        var pos = 0;
        foreach (Match m in Token().Matches(code))
        {
            sb.Append(WebUtility.HtmlEncode(code[pos..m.Index]));
            var text = WebUtility.HtmlEncode(m.Value);
            var cls = m.Groups["com"].Success ? "tok-com"
                : m.Groups["dir"].Success ? "tok-dir"
                : m.Groups["str"].Success ? "tok-str"
                : m.Groups["num"].Success ? "tok-num"
                : m.Groups["id"].Success && s_keywords.Contains(m.Value) ? "tok-kw"
                : m.Groups["id"].Success && char.IsUpper(m.Value[0]) ? "tok-type"
                : null;
            sb.Append(cls is null ? text : $"<span class=\"{cls}\">{text}</span>");
            pos = m.Index + m.Length;
        }
        sb.Append(WebUtility.HtmlEncode(code[pos..]));
        return sb.ToString();
    }

    [GeneratedRegex("""(?<com>//[^\n]*|/\*.*?\*/)|(?<dir>^[ \t]*#[a-z!]+[^\n]*)|(?<str>\$?@"(?:[^"]|"")*"|\$?"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)+')|(?<num>\b\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?[fFdDmMlLuU]*\b)|(?<id>\b[A-Za-z_][A-Za-z0-9_]*\b)""", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Token();
}
