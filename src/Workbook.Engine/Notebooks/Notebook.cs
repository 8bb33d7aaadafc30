using System.Text.Json.Nodes;

namespace Workbook.Engine.Notebooks;

/// <summary>
/// A Jupyter notebook (nbformat 4.x) in memory. Notebook metadata and unknown top-level fields are kept as read;
/// <see cref="NotebookFile"/> reads and writes it.
/// </summary>
public sealed class Notebook
{
    /// <summary>The major format version (4).</summary>
    public int NbFormat { get; set; } = 4;

    /// <summary>The minor format version.</summary>
    public int NbFormatMinor { get; set; } = 5;

    /// <summary>The notebook metadata, kept as read.</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; set; } = [];

    /// <summary>Top-level fields this engine does not interpret, kept as read.</summary>
    public JsonObject Extra { get; set; } = new();

    /// <summary>The code cells in order.</summary>
    public IEnumerable<NotebookCell> CodeCells => Cells.Where(c => c.IsCode);

    /// <summary>The notebook's default kernel (<c>metadata.polyglot_notebook.kernelInfo.defaultKernelName</c>), or null.</summary>
    public string? DefaultKernelName =>
        ((Metadata["polyglot_notebook"] as JsonObject)?["kernelInfo"] as JsonObject)?["defaultKernelName"] is JsonValue v
        && v.TryGetValue<string>(out var name) ? name : null;

    /// <summary>
    /// The kernel a code cell runs in: its own <see cref="NotebookCell.Language"/>, else the notebook's
    /// <see cref="DefaultKernelName"/>; a name or alias listed in <c>polyglot_notebook.kernelInfo.items</c> maps to that
    /// item's name. Null when neither is stated (the engine's default, C#). Magic commands in the cell still win.
    /// </summary>
    public string? KernelNameFor(NotebookCell cell)
    {
        var name = cell.Language ?? DefaultKernelName;
        if (name is null) return null;
        var items = ((Metadata["polyglot_notebook"] as JsonObject)?["kernelInfo"] as JsonObject)?["items"] as JsonArray;
        foreach (var item in items?.OfType<JsonObject>() ?? [])
        {
            var itemName = item["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : null;
            if (itemName is null) continue;
            var aliases = (item["aliases"] as JsonArray)?.OfType<JsonValue>().Select(a => a.TryGetValue<string>(out var x) ? x : null) ?? [];
            if (itemName == name || aliases.Contains(name)) return itemName;
        }
        return name;
    }

    /// <summary>
    /// A new empty notebook with the metadata .NET Interactive (Polyglot Notebooks) writes for C# notebooks:
    /// <c>kernelspec</c> <c>.net-csharp</c>, <c>language_info</c> C#, and <c>polyglot_notebook.kernelInfo</c>.
    /// </summary>
    public static Notebook CreateCSharp() => new() { Metadata = DotNetInteractiveMetadata() };

    /// <summary>The notebook-level metadata of a .NET Interactive C# notebook.</summary>
    public static JsonObject DotNetInteractiveMetadata() => new()
    {
        ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
        ["language_info"] = new JsonObject
        {
            ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp", ["name"] = "C#", ["pygments_lexer"] = "csharp", ["version"] = "13.0",
        },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
            },
        },
    };

    /// <summary>A deep copy.</summary>
    public Notebook Clone() => new()
    {
        NbFormat = NbFormat,
        NbFormatMinor = NbFormatMinor,
        Metadata = (JsonObject)Metadata.DeepClone(),
        Cells = [.. Cells.Select(c => c.Clone())],
        Extra = (JsonObject)Extra.DeepClone(),
    };

    /// <summary>
    /// The workbook's metadata convention: committed notebooks carry .NET Interactive's <c>kernelspec</c>
    /// (<c>.net-csharp</c>) and <c>language_info</c> (<see cref="DotNetInteractiveMetadata"/>), whatever kernel last saved
    /// them (Jupyter writes the kernel it ran, e.g. <c>workbook-csharp</c>). Restores both when they differ, for a C#
    /// notebook (one whose kernelspec or language_info says C#, or has neither); returns what it changed.
    /// </summary>
    public IReadOnlyList<string> NormalizeMetadata()
    {
        var changed = new List<string>();
        var convention = DotNetInteractiveMetadata();
        var language = Metadata["kernelspec"]?["language"]?.GetValue<string>() ?? Metadata["language_info"]?["name"]?.GetValue<string>();
        if (language is not null && language != "C#") return changed;
        foreach (var key in new[] { "kernelspec", "language_info" })
        {
            if (JsonNode.DeepEquals(Metadata[key], convention[key])) continue;
            Metadata[key] = convention[key]!.DeepClone();
            changed.Add(key);
        }
        return changed;
    }

    /// <summary>Removes every output and execution count (for clean commits). Returns how many outputs were removed.</summary>
    public int StripOutputs()
    {
        var removed = 0;
        foreach (var c in Cells.Where(c => c.IsCode))
        {
            removed += c.Outputs.Count;
            c.Outputs.Clear();
            c.ExecutionCount = null;
        }
        return removed;
    }
}
