using System.Text.Json.Nodes;

namespace Workbook.Kernel.Protocol;

/// <summary>A decoded Jupyter message: routing identities, the four JSON parts and raw buffers.</summary>
internal sealed class JupyterMessage
{
    public required IReadOnlyList<byte[]> Identities { get; init; }
    public required JsonObject Header { get; init; }
    public required JsonObject ParentHeader { get; init; }
    public required JsonObject Metadata { get; init; }
    public required JsonObject Content { get; init; }
    public IReadOnlyList<byte[]> Buffers { get; init; } = [];

    public string MsgType => Header["msg_type"]?.GetValue<string>() ?? "";

    public string MsgId => Header["msg_id"]?.GetValue<string>() ?? "";
}
