using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbook.Engine.Notebooks;

/// <summary>
/// Reads and writes <c>.ipynb</c> files (nbformat 4.x). Writes are atomic: the JSON goes to a temporary file beside the
/// target, which then replaces it, so a failure never leaves a half-written or emptied notebook.
/// The layout follows Jupyter's own writer (one-space indent, sources as line arrays, keys of cells and outputs sorted).
/// </summary>
public static class NotebookFile
{
    /// <summary>Reads a notebook file; throws <see cref="NotebookFormatException"/> naming the file and the problem.</summary>
    public static Notebook Read(string path)
    {
        string text;
        if (Directory.Exists(path)) throw new NotebookFormatException($"{path}: is a directory, not a notebook file.");
        try { text = File.ReadAllText(path, Encoding.UTF8); }
        catch (FileNotFoundException e) { throw new NotebookFormatException($"{path}: no such notebook file.", e); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException($"{path}: cannot be read ({e.Message}).", e);
        }
        return path.EndsWith(".dib", StringComparison.OrdinalIgnoreCase) ? DibFile.Parse(text) : Parse(text, path);
    }

    /// <summary>Parses notebook JSON; <paramref name="name"/> names it in error messages.</summary>
    public static Notebook Parse(string json, string name = "notebook")
    {
        try { return ParseCore(json, name); }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException or IndexOutOfRangeException)
        {
            // a backstop: every field is read through checked getters, so this names the file even for a shape they missed
            throw new NotebookFormatException($"{name}: not a valid notebook ({e.Message}).", e);
        }
    }

    private static Notebook ParseCore(string json, string name)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, AllowDuplicateProperties = false }); }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"{name}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {OneLine(e.Message)}", e);
        }
        if (root is not JsonObject obj)
            throw new NotebookFormatException($"{name}: the top level must be a JSON object with \"cells\", \"metadata\", \"nbformat\" and \"nbformat_minor\".");

        var major = ReadInt(obj, "nbformat", name, required: true)!.Value;
        if (major != 4)
            throw new NotebookFormatException(
                $"{name}: nbformat {major} is not supported; this engine reads nbformat 4.x. " +
                "Convert it with `jupyter nbconvert --to notebook --nbformat 4 <file>` or open and save it in Jupyter.");
        var nb = new Notebook
        {
            NbFormat = 4,
            NbFormatMinor = ReadInt(obj, "nbformat_minor", name, required: false) ?? 0,
            Metadata = obj["metadata"] switch
            {
                JsonObject m => (JsonObject)m.DeepClone(),
                null => throw new NotebookFormatException($"{name}: missing required field \"metadata\"."),
                _ => throw new NotebookFormatException($"{name}: \"metadata\" must be an object."),
            },
        };
        if (obj["cells"] is not JsonArray cells)
            throw new NotebookFormatException($"{name}: missing required field \"cells\" (an array).");
        for (var i = 0; i < cells.Count; i++)
            nb.Cells.Add(ReadCell(cells[i], $"{name}: cell {i + 1}"));
        foreach (var (k, v) in obj)
            if (k is not ("nbformat" or "nbformat_minor" or "metadata" or "cells"))
                nb.Extra[k] = v?.DeepClone();
        return nb;
    }

    private static int? ReadInt(JsonObject obj, string key, string name, bool required)
    {
        var node = obj[key];
        if (node is null)
            return required ? throw new NotebookFormatException($"{name}: missing required field \"{key}\".") : null;
        try { return node.GetValue<int>(); }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new NotebookFormatException($"{name}: \"{key}\" must be an integer, found {Shown(node)}.", e);
        }
    }

    private static NotebookCell ReadCell(JsonNode? node, string where)
    {
        if (node is not JsonObject c) throw new NotebookFormatException($"{where}: a cell must be a JSON object.");
        var type = c["cell_type"] is JsonValue tv && tv.TryGetValue<string>(out var t) ? t
            : throw new NotebookFormatException($"{where}: missing required field \"cell_type\".");
        if (type is not ("code" or "markdown" or "raw"))
            throw new NotebookFormatException($"{where}: unknown cell_type \"{type}\" (allowed: code, markdown, raw).");
        if (c["source"] is null) throw new NotebookFormatException($"{where}: missing required field \"source\".");
        var cell = new NotebookCell
        {
            CellType = type,
            Id = c["id"] is JsonValue iv && iv.TryGetValue<string>(out var id) ? id : null,
            Source = ReadMultiline(c["source"], where + " source"),
            Metadata = c["metadata"] as JsonObject is { } m ? (JsonObject)m.DeepClone() : new JsonObject(),
        };
        if (type == "code")
        {
            cell.ExecutionCount = c["execution_count"] is JsonValue ev && ev.TryGetValue<int>(out var n) ? n : null;
            if (c["outputs"] is JsonArray outs)
                for (var i = 0; i < outs.Count; i++) cell.Outputs.Add(ReadOutput(outs[i], $"{where} output {i + 1}"));
            else if (c["outputs"] is not null)
                throw new NotebookFormatException($"{where}: \"outputs\" must be an array.");
        }
        foreach (var (k, v) in c)
            if (k is not ("cell_type" or "id" or "source" or "metadata" or "execution_count" or "outputs"))
                cell.Extra[k] = v?.DeepClone();
        return cell;
    }

    private static string ReadMultiline(JsonNode? node, string where) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray a => string.Concat(a.Select(x => x is JsonValue xv && xv.TryGetValue<string>(out var s) ? s
            : throw new NotebookFormatException($"{where}: expected a string or an array of strings."))),
        null => "",
        _ => throw new NotebookFormatException($"{where}: expected a string or an array of strings."),
    };

    private static NotebookOutput ReadOutput(JsonNode? node, string where)
    {
        if (node is not JsonObject o) throw new NotebookFormatException($"{where}: an output must be a JSON object.");
        var type = o["output_type"] is JsonValue tv && tv.TryGetValue<string>(out var t) ? t
            : throw new NotebookFormatException($"{where}: missing required field \"output_type\".");
        Dictionary<string, string>? data = null;
        if (o["data"] is JsonObject d)
        {
            data = [];
            foreach (var (mime, v) in d)
                data[mime] = v is JsonValue sv && sv.TryGetValue<string>(out var s) ? s
                    : v is JsonArray arr && arr.All(x => x is JsonValue xv && xv.TryGetValue<string>(out _)) && !IsJsonMime(mime) ? ReadMultiline(arr, where)
                    : v?.ToJsonString() ?? "null";
        }
        return type switch
        {
            "stream" => new NotebookOutput { OutputType = type, Name = ReadString(o, "name", where) ?? "stdout", Text = ReadMultiline(o["text"], where + " text") },
            "display_data" or "execute_result" => new NotebookOutput
            {
                OutputType = type,
                Data = data ?? [],
                Metadata = o["metadata"] as JsonObject is { } m ? (JsonObject)m.DeepClone() : null,
                ExecutionCount = type == "execute_result" && o["execution_count"] is JsonValue ev && ev.TryGetValue<int>(out var n) ? n : null,
            },
            "error" => new NotebookOutput
            {
                OutputType = type,
                EName = ReadString(o, "ename", where) ?? "Error",
                EValue = ReadString(o, "evalue", where) ?? "",
                Traceback = o["traceback"] switch
                {
                    null => [],
                    JsonArray tb => [.. tb.Select((x, i) => x is JsonValue xv && xv.TryGetValue<string>(out var line) ? line
                        : throw new NotebookFormatException($"{where}: \"traceback\" line {i + 1} must be a string, found {Shown(x)}."))],
                    var other => throw new NotebookFormatException($"{where}: \"traceback\" must be an array of strings, found {Shown(other)}."),
                },
            },
            _ => throw new NotebookFormatException($"{where}: unknown output_type \"{type}\" (allowed: stream, display_data, execute_result, error)."),
        };
    }

    /// <summary>Outputs as nbformat JSON (what <see cref="Serialize"/> writes for a cell's outputs).</summary>
    public static JsonArray OutputsToJson(IEnumerable<NotebookOutput> outputs) => new([.. outputs.Select(OutputToJson)]);

    /// <summary>Reads outputs written by <see cref="OutputsToJson"/>; <paramref name="where"/> names them in errors.</summary>
    public static List<NotebookOutput> OutputsFromJson(JsonArray outputs, string where) =>
        [.. outputs.Select((o, i) => ReadOutput(o, $"{where} output {i + 1}"))];

    /// <summary>A message on one line of at most 300 characters (the parser quotes the text it stopped at, newlines and all).</summary>
    private static string OneLine(string message)
    {
        var flat = string.Join(' ', message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()));
        return flat.Length <= 300 ? flat : flat[..300] + "...";
    }

    /// <summary>A JSON value as shown in a message: compact, at most 60 characters.</summary>
    private static string Shown(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 60 ? text : text[..60] + "...";
    }

    /// <summary>An optional string field: null when absent, a <see cref="NotebookFormatException"/> when it is not a string.</summary>
    private static string? ReadString(JsonObject o, string key, string where) => o[key] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var other => throw new NotebookFormatException($"{where}: \"{key}\" must be a string, found {Shown(other)}."),
    };

    /// <summary>True for mime types whose content is JSON (stored as a JSON value in the file, not as a string).</summary>
    public static bool IsJsonMime(string mime) => mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);

    /// <summary>Serializes a notebook to nbformat 4 JSON text (with a trailing newline).</summary>
    public static string Serialize(Notebook nb)
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray([.. nb.Cells.Select(CellToJson)]),
            ["metadata"] = nb.Metadata.DeepClone(),
            ["nbformat"] = nb.NbFormat,
            ["nbformat_minor"] = nb.NbFormatMinor,
        };
        foreach (var (k, v) in nb.Extra) root[k] = v?.DeepClone();
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 1,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return root.ToJsonString(options).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>Writes a notebook atomically (temporary file in the same folder, then replace).</summary>
    public static void Write(Notebook nb, string path) => WriteAllTextAtomic(path, Serialize(nb));

    /// <summary>Writes text atomically: a temporary file beside <paramref name="path"/> replaces it only once complete.</summary>
    public static void WriteAllTextAtomic(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
            using (var w = new StreamWriter(fs, new UTF8Encoding(false)))
            {
                w.Write(text);
                w.Flush();
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    private static JsonObject CellToJson(NotebookCell c)
    {
        var o = new JsonObject { ["cell_type"] = c.CellType };
        if (c.IsCode) o["execution_count"] = c.ExecutionCount;
        if (c.Id is not null) o["id"] = c.Id;
        o["metadata"] = c.Metadata.DeepClone();
        if (c.IsCode) o["outputs"] = new JsonArray([.. c.Outputs.Select(OutputToJson)]);
        o["source"] = Lines(c.Source);
        foreach (var (k, v) in c.Extra) o[k] = v?.DeepClone();
        return Sorted(o);
    }

    private static JsonObject Sorted(JsonObject o)
    {
        var s = new JsonObject();
        foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            o.Remove(k);
            s[k] = v;
        }
        return s;
    }

    private static JsonArray Lines(string text)
    {
        var arr = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') { arr.Add(text[start..(i + 1)]); start = i + 1; }
        if (start < text.Length) arr.Add(text[start..]);
        return arr;
    }

    private static JsonObject OutputToJson(NotebookOutput o)
    {
        var j = new JsonObject { ["output_type"] = o.OutputType };
        switch (o.OutputType)
        {
            case "stream":
                j["name"] = o.Name ?? "stdout";
                j["text"] = Lines(o.Text ?? "");
                break;
            case "display_data":
            case "execute_result":
                var data = new JsonObject();
                foreach (var (mime, v) in (o.Data ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (IsJsonMime(mime))
                    {
                        try { data[mime] = JsonNode.Parse(v); continue; }
                        catch (JsonException) { }
                    }
                    data[mime] = Lines(v);
                }
                j["data"] = data;
                if (o.OutputType == "execute_result") j["execution_count"] = o.ExecutionCount;
                j["metadata"] = o.Metadata?.DeepClone() ?? new JsonObject();
                break;
            case "error":
                j["ename"] = o.EName ?? "Error";
                j["evalue"] = o.EValue ?? "";
                j["traceback"] = new JsonArray([.. (o.Traceback ?? []).Select(t => (JsonNode?)JsonValue.Create(t))]);
                break;
        }
        return Sorted(j);
    }
}
