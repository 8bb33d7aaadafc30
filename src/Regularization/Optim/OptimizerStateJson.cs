using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Regularization.Optim;

/// <summary>
/// JSON form of an optimizer's state: <c>{"format": "regularization.optimizer_state/1", "dtype", "step",
/// "parameters": [{"name", "state": {"transform", "count", "buffers": {name: [numbers]}, "children": [state | null]}}]}</c>.
/// Numbers are written in shortest round-trip form, so a save/load cycle is exact.
/// </summary>
internal static class OptimizerStateJson
{
    public const string Format = "regularization.optimizer_state/1";

    public static string Write<T>(Optimizer<T> opt, IReadOnlyDictionary<Parameter<T>, TransformState<T>> states)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("dtype", typeof(T) == typeof(float) ? "float32" : typeof(T) == typeof(double) ? "float64" : typeof(T).Name);
            w.WriteNumber("step", opt.StepCount);
            w.WriteStartArray("parameters");
            foreach (var g in opt.Groups)
            {
                foreach (var p in g.Group.Parameters)
                {
                    if (!states.TryGetValue(p, out var s)) continue;
                    w.WriteStartObject();
                    w.WriteString("name", p.Name);
                    w.WriteString("group", g.Group.Name);
                    w.WritePropertyName("state");
                    WriteState(w, s);
                    w.WriteEndObject();
                }
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WriteState<T>(Utf8JsonWriter w, TransformState<T>? s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (s is null) { w.WriteNullValue(); return; }
        w.WriteStartObject();
        w.WriteString("transform", s.Transform);
        w.WriteNumber("count", s.Count);
        w.WriteStartObject("buffers");
        foreach (var (name, buf) in s.Buffers)
        {
            w.WriteStartArray(name);
            foreach (var x in buf)
            {
                if (typeof(T) == typeof(float)) w.WriteNumberValue(float.CreateTruncating(x));
                else w.WriteNumberValue(double.CreateTruncating(x));
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteStartArray("children");
        foreach (var c in s.Children) WriteState(w, c);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static (long Step, Dictionary<string, TransformState<T>> States) Read<T>(string json) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(json);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (!root.TryGetProperty("format", out var f) || f.GetString() != Format)
            throw new FormatException($"json is not an optimizer state: its \"format\" must be \"{Format}\".");
        long step = root.GetProperty("step").GetInt64();
        var dict = new Dictionary<string, TransformState<T>>();
        foreach (var e in root.GetProperty("parameters").EnumerateArray())
            dict[e.GetProperty("name").GetString()!] = ReadState<T>(e.GetProperty("state"))!;
        return (step, dict);
    }

    private static TransformState<T>? ReadState<T>(JsonElement e) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (e.ValueKind == JsonValueKind.Null) return null;
        var bufs = new Dictionary<string, T[]>();
        foreach (var b in e.GetProperty("buffers").EnumerateObject())
        {
            var arr = new T[b.Value.GetArrayLength()];
            int i = 0;
            foreach (var x in b.Value.EnumerateArray())
                arr[i++] = typeof(T) == typeof(float) ? T.CreateTruncating(x.GetSingle()) : T.CreateTruncating(x.GetDouble());
            bufs[b.Name] = arr;
        }
        var children = e.GetProperty("children").EnumerateArray().Select(ReadState<T>).ToArray();
        return new TransformState<T>(e.GetProperty("transform").GetString()!, bufs, children) { Count = e.GetProperty("count").GetInt64() };
    }

    /// <summary>Checks that a loaded state has the structure and buffer lengths of a fresh one.</summary>
    public static void CheckCompatible<T>(TransformState<T>? fresh, TransformState<T>? loaded, Parameter<T> p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (fresh is null && loaded is null) return;
        if (fresh is null || loaded is null || fresh.Transform != loaded.Transform || fresh.Children.Length != loaded.Children.Length)
            throw new FormatException($"saved state of {p.Name} ({loaded?.Transform ?? "null"}) does not match this optimizer's chain ({fresh?.Transform ?? "null"}).");
        foreach (var (name, buf) in fresh.Buffers)
        {
            if (!loaded.Buffers.TryGetValue(name, out var lb) || lb.Length != buf.Length)
                throw new FormatException($"saved state of {p.Name} has buffer {name} of length {(lb?.Length ?? -1)} but the parameter has {buf.Length} entries: the shapes must match.");
        }
        for (int i = 0; i < fresh.Children.Length; i++) CheckCompatible(fresh.Children[i], loaded.Children[i], p);
    }
}
