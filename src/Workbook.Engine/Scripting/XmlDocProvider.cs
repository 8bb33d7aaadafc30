using System.Globalization;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace Workbook.Engine.Scripting;

/// <summary>Reads an assembly's XML documentation file (beside the dll) lazily, for <see cref="ScriptSession.InspectAsync"/>.</summary>
internal sealed class XmlDocProvider(string path) : DocumentationProvider
{
    private readonly Lazy<Dictionary<string, string>> _members = new(() =>
    {
        try
        {
            return XDocument.Load(path).Descendants("member")
                .Where(m => m.Attribute("name") is not null)
                .GroupBy(m => m.Attribute("name")!.Value)
                .ToDictionary(g => g.Key, g => g.First().ToString());
        }
        catch (Exception e) when (e is IOException or System.Xml.XmlException)
        {
            return [];
        }
    });

    protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default) =>
        _members.Value.TryGetValue(documentationMemberID, out var xml) ? xml : null;

    public override bool Equals(object? obj) => obj is XmlDocProvider o && o.Path == Path;

    public override int GetHashCode() => Path.GetHashCode(StringComparison.Ordinal);

    private string Path => path;
}
