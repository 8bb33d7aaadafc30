using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbook.Kernel.Protocol;

/// <summary>
/// Encodes and decodes Jupyter's multipart wire format:
/// <c>[identities…, "&lt;IDS|MSG&gt;", signature, header, parent_header, metadata, content, buffers…]</c>.
/// </summary>
internal sealed class WireCodec
{
    public const string ProtocolVersion = "5.3";
    private static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();
    private readonly MessageSigner _signer;
    private readonly string _session = Guid.NewGuid().ToString("N");
    private long _counter;

    public WireCodec(MessageSigner signer) => _signer = signer;

    public string Session => _session;

    /// <summary>Decodes and authenticates frames. Returns null and sets <paramref name="rejection"/> when rejected.</summary>
    public JupyterMessage? Decode(IReadOnlyList<byte[]> frames, out string? rejection)
    {
        var delimiterIndex = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter))
            {
                delimiterIndex = i;
                break;
            }
        }

        if (delimiterIndex < 0)
        {
            rejection = "no <IDS|MSG> delimiter";
            return null;
        }

        if (frames.Count < delimiterIndex + 6)
        {
            rejection = $"{frames.Count - delimiterIndex - 1} frames after the delimiter; expected at least 5";
            return null;
        }

        var signature = Encoding.ASCII.GetString(frames[delimiterIndex + 1]);
        var header = frames[delimiterIndex + 2];
        var parent = frames[delimiterIndex + 3];
        var metadata = frames[delimiterIndex + 4];
        var content = frames[delimiterIndex + 5];
        rejection = _signer.Verify(signature, header, parent, metadata, content);
        if (rejection is not null)
        {
            return null;
        }

        try
        {
            var message = new JupyterMessage
            {
                Identities = frames.Take(delimiterIndex).ToArray(),
                Header = ParseObject(header, "header"),
                ParentHeader = ParseObject(parent, "parent_header"),
                Metadata = ParseObject(metadata, "metadata"),
                Content = ParseObject(content, "content"),
                Buffers = frames.Skip(delimiterIndex + 6).ToArray(),
            };
            if (message.MsgType.Length == 0)
            {
                rejection = "header has no msg_type";
                return null;
            }

            return message;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            rejection = e.Message;
            return null;
        }
    }

    private static JsonObject ParseObject(byte[] bytes, string part) =>
        JsonNode.Parse(bytes) as JsonObject ?? throw new FormatException($"{part} is not a JSON object");

    /// <summary>A new header for a message this kernel sends.</summary>
    public JsonObject NewHeader(string msgType) => new()
    {
        ["msg_id"] = $"{_session}_{Interlocked.Increment(ref _counter)}",
        ["session"] = _session,
        ["username"] = "kernel",
        ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["msg_type"] = msgType,
        ["version"] = ProtocolVersion,
    };

    /// <summary>Encodes and signs a message addressed to <paramref name="identities"/>.</summary>
    public List<byte[]> Encode(IEnumerable<byte[]> identities, string msgType, JsonObject? parentHeader, JsonObject content,
        JsonObject? metadata = null)
    {
        var header = Serialize(NewHeader(msgType));
        var parent = Serialize(parentHeader);
        var meta = Serialize(metadata);
        var body = Serialize(content);
        var frames = new List<byte[]>(identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(_signer.Sign(header, parent, meta, body)));
        frames.Add(header);
        frames.Add(parent);
        frames.Add(meta);
        frames.Add(body);
        return frames;
    }

    // Valid JSON without escaping HTML-sensitive and non-ASCII characters: outputs such as inlined plotly.js stay
    // their size (the default encoder turns every '<' into six bytes). Front ends parse JSON, never embed it raw.
    private static readonly JsonSerializerOptions WireJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static byte[] Serialize(JsonObject? node) =>
        node is null ? "{}"u8.ToArray() : Encoding.UTF8.GetBytes(node.ToJsonString(WireJson));
}
