using System.Numerics;
using System.Text;
using System.Text.Json;
using Regularization.Tensors;

namespace Regularization.Optim;

/// <summary>
/// JSON form of an optimizer's state: <c>{"format": "regularization.optimizer_state/1", "dtype", "step",
/// "parameters": [{"name", "group", "state": {"transform", "count", "buffers": {name: [numbers]}, "children": [state | null]}}]}</c>.
/// Buffers are written under PyTorch's names; numbers in shortest round-trip form, so a save/load cycle is exact. Loading
/// copies the saved counts and buffers into freshly created typed states, after checking that their structure matches.
/// </summary>
internal static class OptimizerStateJson
{
    public const string Format = "regularization.optimizer_state/1";

    /// <summary>A state as read from JSON, before it is copied into a typed state.</summary>
    internal sealed record Saved<T>(string Transform, long Count, Dictionary<string, T[]> Buffers, Saved<T>?[] Children) where T : unmanaged, IFloatingPointIeee754<T>;

    private static string DType<T>() => typeof(T) == typeof(float) ? "float32" : typeof(T) == typeof(double) ? "float64" : typeof(T).Name;

    public static string Write<T>(Optimizer<T> opt, IReadOnlyDictionary<Parameter<T>, TransformState<T>> states)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("dtype", DType<T>());
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
        foreach (var (name, buf) in s.NamedBuffers())
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

    /// <summary>Parses saved state; any JSON or layout error becomes a <see cref="FormatException"/> that says what is wrong.</summary>
    public static (long Step, Dictionary<string, Saved<T>> States) Read<T>(string json) where T : unmanaged, IFloatingPointIeee754<T>
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e)
        {
            throw new FormatException($"json is not valid JSON ({e.Message}): LoadStateJson needs the text SaveStateJson wrote.", e);
        }
        using (doc)
        {
            string where = "the document";
            try
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var f) || f.ValueKind != JsonValueKind.String || f.GetString() != Format)
                    throw new FormatException($"json is not an optimizer state: its \"format\" must be \"{Format}\".");
                where = "\"dtype\"";
                string dtype = root.GetProperty("dtype").GetString() ?? "";
                if (dtype != DType<T>())
                    throw new FormatException($"the saved state has dtype {dtype} but this optimizer's is {DType<T>()}: load it into an Optimizer of the same element type.");
                where = "\"step\"";
                long step = root.GetProperty("step").GetInt64();
                if (step < 0) throw new FormatException($"\"step\" = {step} is not allowed: it must be >= 0.");
                var dict = new Dictionary<string, Saved<T>>();
                int k = 0;
                foreach (var e in root.GetProperty("parameters").EnumerateArray())
                {
                    where = $"parameters[{k++}]";
                    string name = e.GetProperty("name").GetString() ?? throw new FormatException($"{where}.name is null.");
                    if (!dict.TryAdd(name, ReadState<T>(e.GetProperty("state"), where + ".state")!))
                        throw new FormatException($"the saved state lists parameter {name} twice.");
                }
                return (step, dict);
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or JsonException)
            {
                throw new FormatException($"the optimizer state JSON is malformed at {where}: {e.Message} (expected the layout SaveStateJson writes).", e);
            }
        }
    }

    private static Saved<T>? ReadState<T>(JsonElement e, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (e.ValueKind == JsonValueKind.Null) return null;
        var bufs = new Dictionary<string, T[]>();
        foreach (var b in e.GetProperty("buffers").EnumerateObject())
        {
            var arr = new T[b.Value.GetArrayLength()];
            int i = 0;
            foreach (var x in b.Value.EnumerateArray())
            {
                bool ok = x.ValueKind == JsonValueKind.Number;
                if (ok && typeof(T) == typeof(float)) { ok = x.TryGetSingle(out float f); arr[i] = T.CreateTruncating(f); }
                else if (ok) { ok = x.TryGetDouble(out double d); arr[i] = T.CreateTruncating(d); }
                if (!ok || !T.IsFinite(arr[i]))
                    throw new FormatException($"{where}.buffers.{b.Name}[{i}] = {x.GetRawText()} is not a finite number.");
                i++;
            }
            bufs[b.Name] = arr;
        }
        int c = 0;
        var children = e.GetProperty("children").EnumerateArray().Select(x => ReadState<T>(x, $"{where}.children[{c++}]")).ToArray();
        long count = e.GetProperty("count").GetInt64();
        if (count < 0) throw new FormatException($"{where}.count = {count} is not allowed: it must be >= 0.");
        return new Saved<T>(e.GetProperty("transform").GetString() ?? "", count, bufs, children);
    }

    /// <summary>Copies a saved state into a fresh typed state of this optimizer's chain, checking structure, buffer names and lengths.</summary>
    public static void CopyInto<T>(TransformState<T>? fresh, Saved<T>? saved, Parameter<T> p, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (fresh is null && saved is null) return;
        if (fresh is null || saved is null || fresh.Transform != saved.Transform || fresh.Children.Count != saved.Children.Length)
            throw new FormatException($"saved {where} of {p.Name} ({saved?.Transform ?? "null"}) does not match this optimizer's chain ({fresh?.Transform ?? "null"}).");
        var names = fresh.NamedBuffers().Select(kv => kv.Key).ToHashSet();
        foreach (var extra in saved.Buffers.Keys.Where(k => !names.Contains(k)))
            throw new FormatException($"saved {where} of {p.Name} has a buffer {extra} that {fresh.Transform} does not keep.");
        foreach (var (name, buf) in fresh.NamedBuffers())
        {
            if (!saved.Buffers.TryGetValue(name, out var lb) || lb.Length != buf.Length)
                throw new FormatException($"saved {where} of {p.Name} has buffer {name} of length {(lb?.Length ?? -1)} but the parameter has {buf.Length} entries: the shapes must match.");
            lb.CopyTo(buf, 0);
        }
        fresh.Count = saved.Count;
        for (int i = 0; i < saved.Children.Length; i++) CopyInto(fresh.Children[i], saved.Children[i], p, $"{where}.children[{i}]");
    }
}
