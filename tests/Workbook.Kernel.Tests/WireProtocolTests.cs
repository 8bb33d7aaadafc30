using System.Text;
using System.Text.Json.Nodes;
using Workbook.Kernel.Protocol;

namespace Workbook.Kernel.Tests;

/// <summary>Signing, decoding and position conversion, without sockets.</summary>
public sealed class WireProtocolTests
{
    [Fact]
    public void Signer_MatchesRfc4231TestCase2_WhenDataIsSplitAcrossTheFourParts()
    {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        var signer = new MessageSigner("Jefe");
        var signature = signer.Sign("what do "u8, "ya want "u8, "for "u8, "nothing?"u8);
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", signature);
    }

    [Fact]
    public void Signer_WithEmptyKey_SignsNothingAndAcceptsEverything()
    {
        var signer = new MessageSigner("");
        Assert.False(signer.Enabled);
        Assert.Equal("", signer.Sign("a"u8, "b"u8, "c"u8, "d"u8));
        Assert.Null(signer.Verify("", [1], [2], [3], [4]));
    }

    [Fact]
    public void Decode_AcceptsOwnEncoding_AndKeepsIdentitiesAndContent()
    {
        var codec = new WireCodec(new MessageSigner("secret"));
        var frames = codec.Encode([Encoding.ASCII.GetBytes("client-1")], "execute_request", null, new JsonObject { ["code"] = "1+1" });
        var message = new WireCodec(new MessageSigner("secret")).Decode(frames, out var rejection);
        Assert.Null(rejection);
        Assert.NotNull(message);
        Assert.Equal("execute_request", message.MsgType);
        Assert.Equal("1+1", message.Content["code"]!.GetValue<string>());
        Assert.Equal("client-1", Encoding.ASCII.GetString(Assert.Single(message.Identities)));
        Assert.Equal("5.3", message.Header["version"]!.GetValue<string>());
    }

    [Fact]
    public void Encode_KeepsHtmlAndNonAsciiUnescaped_AndRoundTrips()
    {
        var codec = new WireCodec(new MessageSigner("secret"));
        const string html = "<b>λ = 0.5 & α → ∞</b> 😀";
        var frames = codec.Encode([], "display_data", null, new JsonObject { ["data"] = new JsonObject { ["text/html"] = html } });
        // Supplementary-plane characters (the emoji) are escaped as \uD83D\uDE00 pairs; the rest travels as is.
        Assert.Contains("<b>λ = 0.5 & α → ∞</b> ", Encoding.UTF8.GetString(frames[^1]));
        var decoded = new WireCodec(new MessageSigner("secret")).Decode(frames, out _);
        Assert.Equal(html, decoded!.Content["data"]!["text/html"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("other-key", "wrong signature")]
    [InlineData("", "missing signature")]
    public void Decode_RejectsForeignOrMissingSignature(string senderKey, string reason)
    {
        var frames = new WireCodec(new MessageSigner(senderKey)).Encode([], "execute_request", null, new JsonObject { ["code"] = "x" });
        var message = new WireCodec(new MessageSigner("secret")).Decode(frames, out var rejection);
        Assert.Null(message);
        Assert.Equal(reason, rejection);
    }

    [Fact]
    public void Decode_RejectsTamperedContentAndReplays()
    {
        var sender = new WireCodec(new MessageSigner("secret"));
        var receiver = new WireCodec(new MessageSigner("secret"));
        var frames = sender.Encode([], "execute_request", null, new JsonObject { ["code"] = "safe()" });
        var tampered = frames.ToList();
        tampered[^1] = Encoding.UTF8.GetBytes("{\"code\":\"evil()\"}");
        Assert.Null(receiver.Decode(tampered, out var why));
        Assert.Equal("wrong signature", why);

        Assert.NotNull(receiver.Decode(frames, out _));
        Assert.Null(receiver.Decode(frames, out why));
        Assert.StartsWith("replayed", why);
    }

    [Fact]
    public void Decode_RejectsMissingDelimiterAndShortMessages()
    {
        var codec = new WireCodec(new MessageSigner("k"));
        Assert.Null(codec.Decode([Encoding.ASCII.GetBytes("{}")], out var why));
        Assert.Contains("delimiter", why);
        Assert.Null(codec.Decode(["<IDS|MSG>"u8.ToArray(), [], "{}"u8.ToArray()], out why));
        Assert.Contains("expected at least 5", why);
    }

    [Fact]
    public void CodePoints_ConvertAcrossSurrogatePairs()
    {
        const string text = "a😀b"; // 😀 is two UTF-16 units, one code point
        Assert.Equal(3, CodePoints.Length(text));
        Assert.Equal(3, CodePoints.ToUtf16(text, 2));
        Assert.Equal(4, CodePoints.ToUtf16(text, 3));
        Assert.Equal(2, CodePoints.FromUtf16(text, 3));
        Assert.Equal(4, CodePoints.ToUtf16(text, 99));
        for (var cp = 0; cp <= 3; cp++)
        {
            Assert.Equal(cp, CodePoints.FromUtf16(text, CodePoints.ToUtf16(text, cp)));
        }
    }

    [Fact]
    public void ConnectionFile_Loads_AndBadFieldsAreNamed()
    {
        var dir = Directory.CreateTempSubdirectory("workbook-conn-").FullName;
        try
        {
            var good = Path.Combine(dir, "good.json");
            File.WriteAllText(good, """
                {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
                 "ip": "127.0.0.1", "key": "abc", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "workbook-csharp"}
                """);
            var info = ConnectionInfo.Load(good);
            Assert.Equal("tcp://127.0.0.1:5004", info.Endpoint(info.ControlPort));
            Assert.Equal("abc", info.Key);

            var bad = Path.Combine(dir, "bad.json");
            File.WriteAllText(bad, File.ReadAllText(good).Replace("5005", "70000"));
            Assert.Contains("hb_port is 70000", Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(bad)).Message);
            File.WriteAllText(bad, File.ReadAllText(good).Replace("hmac-sha256", "hmac-md5"));
            Assert.Contains("'hmac-md5'", Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(bad)).Message);
            File.WriteAllText(bad, "{ not json");
            Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(bad)).Message);
            Assert.Throws<FileNotFoundException>(() => ConnectionInfo.Load(Path.Combine(dir, "missing.json")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
