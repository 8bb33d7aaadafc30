using System.Security.Cryptography;
using System.Text;

namespace Workbook.Kernel.Protocol;

/// <summary>
/// HMAC-SHA256 signing and checking of Jupyter messages (over header, parent header, metadata and content), with a
/// bounded history of seen signatures so a captured message cannot be replayed.
/// </summary>
internal sealed class MessageSigner
{
    private const int HistoryLimit = 1 << 16;
    private readonly byte[] _key;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();

    public MessageSigner(string key) => _key = Encoding.UTF8.GetBytes(key);

    /// <summary>False when the key is empty: Jupyter then sends and expects empty signatures.</summary>
    public bool Enabled => _key.Length > 0;

    public string Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parent, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!Enabled)
        {
            return "";
        }

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(header);
        hmac.AppendData(parent);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Checks a received signature; returns null when valid, else why it is rejected.</summary>
    public string? Verify(string signature, byte[] header, byte[] parent, byte[] metadata, byte[] content)
    {
        if (!Enabled)
        {
            return null;
        }

        if (signature.Length == 0)
        {
            return "missing signature";
        }

        var expected = Sign(header, parent, metadata, content);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            return "wrong signature";
        }

        lock (_gate)
        {
            if (!_seen.Add(signature))
            {
                return "replayed signature (already seen)";
            }

            _order.Enqueue(signature);
            if (_order.Count > HistoryLimit)
            {
                _seen.Remove(_order.Dequeue());
            }
        }

        return null;
    }
}
