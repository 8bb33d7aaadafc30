using System.Text.Json.Nodes;

namespace Workbook.Kernel.Tests;

/// <summary>JSON text to compare outputs written by different writers (nbformat, the engine, the .NET Interactive tool).</summary>
internal static class CanonicalJson
{
    /// <summary>
    /// JSON with object keys sorted at every level (nbformat writes sorted keys; the engine keeps insertion order) and
    /// numbers by value (Python's json writes 7.8e-05 where .NET wrote 7.8E-05).
    /// </summary>
    public static string Of(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => System.Text.Json.JsonSerializer.Serialize(p.Key) + ":" + Of(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Of)) + "]",
        null => "null",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            v.GetValue<double>().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };
}
