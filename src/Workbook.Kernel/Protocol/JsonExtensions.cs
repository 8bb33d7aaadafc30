using System.Text.Json.Nodes;

namespace Workbook.Kernel.Protocol;

internal static class JsonExtensions
{
    /// <summary>Applies <paramref name="change"/> to <paramref name="node"/> and returns it.</summary>
    public static JsonObject Also(this JsonObject node, Action<JsonObject> change)
    {
        change(node);
        return node;
    }
}
