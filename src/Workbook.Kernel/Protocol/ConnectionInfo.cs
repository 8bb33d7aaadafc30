using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbook.Kernel.Protocol;

/// <summary>A Jupyter connection file: where the five sockets bind and how messages are signed.</summary>
public sealed record ConnectionInfo
{
    /// <summary><c>tcp</c> or <c>ipc</c>.</summary>
    [JsonPropertyName("transport")] public string Transport { get; init; } = "tcp";

    /// <summary>The address every socket binds to (loopback by default).</summary>
    [JsonPropertyName("ip")] public string Ip { get; init; } = "127.0.0.1";

    /// <summary>Shell (ROUTER) port.</summary>
    [JsonPropertyName("shell_port")] public int ShellPort { get; init; }

    /// <summary>IOPub (PUB) port.</summary>
    [JsonPropertyName("iopub_port")] public int IopubPort { get; init; }

    /// <summary>Stdin (ROUTER) port.</summary>
    [JsonPropertyName("stdin_port")] public int StdinPort { get; init; }

    /// <summary>Control (ROUTER) port.</summary>
    [JsonPropertyName("control_port")] public int ControlPort { get; init; }

    /// <summary>Heartbeat (REP) port.</summary>
    [JsonPropertyName("hb_port")] public int HeartbeatPort { get; init; }

    /// <summary>HMAC key; empty disables signing (Jupyter's convention).</summary>
    [JsonPropertyName("key")] public string Key { get; init; } = "";

    /// <summary>Signature scheme; only <c>hmac-sha256</c> is supported.</summary>
    [JsonPropertyName("signature_scheme")] public string SignatureScheme { get; init; } = "hmac-sha256";

    /// <summary>Kernel name the client asked for (informational).</summary>
    [JsonPropertyName("kernel_name")] public string? KernelName { get; init; }

    /// <summary>Reads and checks a connection file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid connection file.</exception>
    public static ConnectionInfo Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Jupyter connection file '{path}' does not exist.", path);
        }

        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Jupyter connection file '{path}' is not valid JSON: {e.Message}", e);
        }

        if (info is null)
        {
            throw new InvalidDataException($"Jupyter connection file '{path}' is empty (null); expected a JSON object.");
        }

        info.Validate(path);
        return info;
    }

    private void Validate(string path)
    {
        if (Transport is not ("tcp" or "ipc"))
        {
            throw new InvalidDataException($"Connection file '{path}': transport is '{Transport}'; allowed: 'tcp' or 'ipc'.");
        }

        if (SignatureScheme != "hmac-sha256")
        {
            throw new InvalidDataException(
                $"Connection file '{path}': signature_scheme is '{SignatureScheme}'; only 'hmac-sha256' is supported.");
        }

        if (string.IsNullOrWhiteSpace(Ip))
        {
            throw new InvalidDataException($"Connection file '{path}': ip is empty; expected an address such as 127.0.0.1.");
        }

        foreach (var (name, port) in new[]
                 {
                     ("shell_port", ShellPort), ("iopub_port", IopubPort), ("stdin_port", StdinPort),
                     ("control_port", ControlPort), ("hb_port", HeartbeatPort),
                 })
        {
            if (port is < 1 or > 65535)
            {
                throw new InvalidDataException($"Connection file '{path}': {name} is {port}; expected a port in 1..65535.");
            }
        }
    }

    /// <summary>The ZeroMQ endpoint for <paramref name="port"/> on this connection's transport and address.</summary>
    public string Endpoint(int port) => Transport == "ipc" ? $"ipc://{Ip}-{port}" : $"tcp://{Ip}:{port}";
}
