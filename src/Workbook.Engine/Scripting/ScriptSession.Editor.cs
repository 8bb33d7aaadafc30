using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Workbook.Engine.Scripting;

public sealed partial class ScriptSession
{
    private static readonly string[] s_keywords =
    [
        "abstract", "as", "async", "await", "base", "bool", "break", "case", "catch", "char", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "false", "finally", "float", "for", "foreach", "if",
        "in", "int", "interface", "internal", "is", "long", "nameof", "new", "null", "object", "out", "override", "params",
        "private", "protected", "public", "readonly", "record", "ref", "return", "sealed", "static", "string", "struct",
        "switch", "this", "throw", "true", "try", "typeof", "using", "var", "void", "while", "yield",
    ];

    /// <summary>Whether <paramref name="code"/> is a complete submission (magic command and directive lines are ignored;
    /// a cell in another kernel's language is complete).</summary>
    public CodeCompleteness IsComplete(string code)
    {
        var first = code.TrimStart().Split('\n', 2)[0].Trim();
        if (first.StartsWith("#!", StringComparison.Ordinal) && first is not ("#!csharp" or "#!c#" or "#!C#")
            && !first.StartsWith("#!set", StringComparison.Ordinal) && !first.StartsWith("#!share", StringComparison.Ordinal)
            && !first.StartsWith("#!time", StringComparison.Ordinal))
            return CodeCompleteness.Complete;
        var tree = CSharpSyntaxTree.ParseText(BlankDirectives(code), ParseOptions);
        if (!SyntaxFactory.IsCompleteSubmission(tree)) return CodeCompleteness.Incomplete;
        return tree.GetDiagnostics().Any(x => x.Severity == DiagnosticSeverity.Error) ? CodeCompleteness.Invalid : CodeCompleteness.Complete;
    }

    /// <summary>Directive and magic command lines become blank lines of the same length, so offsets are unchanged.</summary>
    private static string BlankDirectives(string code)
    {
        var lines = code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var t = lines[i].TrimStart();
            if (t.StartsWith("#r ", StringComparison.Ordinal) || t.StartsWith("#i ", StringComparison.Ordinal) || t.StartsWith("#!", StringComparison.Ordinal))
                lines[i] = new string(' ', lines[i].Length);
        }
        return string.Join('\n', lines);
    }

    private (SemanticModel Model, SyntaxTree Tree) Analyze(string code)
    {
        var text = BlankDirectives(code);
        var options = ScriptOptions.WithFilePath("");
        Script script = _csharp.ScriptState is { } state
            ? state.Script.ContinueWith(text, options)
            : CSharpScript.Create(text, options);
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Single(t => t.ToString() == text);
        return (compilation.GetSemanticModel(tree), tree);
    }

    /// <summary>Roslyn-based completions at <paramref name="cursor"/> (0-based offset into <paramref name="code"/>), aware of
    /// the session's state: variables and types from earlier cells, members after a dot, extension methods.</summary>
    public Task<CompletionResult> GetCompletionsAsync(string code, int cursor, CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_')) start--;
        var prefix = code[start..cursor];
        var (model, tree) = Analyze(code);
        var root = tree.GetRoot(cancellationToken);
        IEnumerable<ISymbol> symbols;
        var dot = start > 0 && code[start - 1] == '.';
        var memberAccess = false;
        if (dot)
        {
            var token = root.FindToken(start - 1);
            ExpressionSyntax? receiver = token.Parent switch
            {
                MemberAccessExpressionSyntax ma => ma.Expression,
                QualifiedNameSyntax qn => qn.Left,
                _ => null,
            };
            if (receiver is not null)
            {
                memberAccess = true;
                var symbol = model.GetSymbolInfo(receiver, cancellationToken).Symbol;
                if (symbol is INamespaceOrTypeSymbol nt)
                {
                    symbols = model.LookupSymbols(start, nt).Where(s => s is INamespaceOrTypeSymbol || s.IsStatic);
                }
                else
                {
                    var type = model.GetTypeInfo(receiver, cancellationToken).Type;
                    symbols = type is null ? [] : model.LookupSymbols(start, type, includeReducedExtensionMethods: true).Where(s => !s.IsStatic || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension });
                }
            }
            else
            {
                symbols = [];
            }
        }
        else
        {
            symbols = model.LookupSymbols(start);
        }
        var items = symbols
            .Where(s => s.CanBeReferencedByName && s.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .GroupBy(s => s.Name)
            .Select(g => new CompletionItem(g.Key, g.First().Kind.ToString(), g.First().ToDisplayString()))
            .ToList();
        if (!memberAccess && !dot)
            items.AddRange(s_keywords.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && items.All(i => i.Text != k)).Select(k => new CompletionItem(k, "Keyword", k)));
        items.Sort((a, b) => string.CompareOrdinal(a.Text, b.Text));
        return new CompletionResult(items, start, cursor);
    }, cancellationToken);

    /// <summary>The signature and XML documentation summary of the symbol at (or just before) <paramref name="cursor"/>,
    /// or null when there is none.</summary>
    public Task<InspectResult?> InspectAsync(string code, int cursor, CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var (model, tree) = Analyze(code);
        var root = tree.GetRoot(cancellationToken);
        var pos = cursor > 0 && (cursor == code.Length || !char.IsLetterOrDigit(code[cursor])) ? cursor - 1 : cursor;
        var token = root.FindToken(Math.Max(0, pos));
        ISymbol? symbol = null;
        for (var node = token.Parent; node is not null && symbol is null; node = node.Parent)
        {
            var info = model.GetSymbolInfo(node, cancellationToken);
            symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(node, cancellationToken);
            if (node is StatementSyntax) break;
        }
        if (symbol is null) return null;
        string? doc = null;
        var xml = symbol.GetDocumentationCommentXml(cancellationToken: cancellationToken);
        if (!string.IsNullOrWhiteSpace(xml))
        {
            try
            {
                var summary = XElement.Parse(xml).Element("summary");
                doc = summary is null ? null : string.Join(" ", summary.DescendantNodes().OfType<XText>().Select(t => t.Value.Trim())
                    .Concat(summary.Descendants().Where(e => e.Attribute("cref") is not null).Select(_ => ""))).Trim();
                doc = summary is null ? null : SummaryText(summary);
            }
            catch (System.Xml.XmlException) { doc = xml; }
        }
        return (InspectResult?)new InspectResult(symbol.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), doc, symbol.Kind.ToString());
    }, cancellationToken);

    private static string SummaryText(XElement e)
    {
        var parts = e.Nodes().Select(n => n switch
        {
            XText t => t.Value,
            XElement x when x.Attribute("cref") is { } cref => cref.Value.Length > 2 && cref.Value[1] == ':' ? cref.Value[2..] : cref.Value,
            XElement x when x.Attribute("name") is { } name => name.Value,
            XElement x => SummaryText(x),
            _ => "",
        });
        return string.Join(" ", string.Concat(parts).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }
}
