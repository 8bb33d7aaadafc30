using System.Text.Json.Nodes;

namespace Workbook.Engine.Notebooks;

/// <summary>One notebook cell: code, markdown or raw. Unknown fields and metadata are kept as read.</summary>
public sealed class NotebookCell
{
    /// <summary><c>code</c>, <c>markdown</c> or <c>raw</c>.</summary>
    public required string CellType { get; set; }

    /// <summary>The cell id (nbformat 4.5+), or null.</summary>
    public string? Id { get; set; }

    /// <summary>The source text (lines joined).</summary>
    public string Source { get; set; } = "";

    /// <summary>The cell metadata, kept as read.</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>Outputs of a code cell.</summary>
    public List<NotebookOutput> Outputs { get; set; } = [];

    /// <summary>Execution count of a code cell, or null when not executed.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>Attachments and other fields this engine does not interpret, kept as read.</summary>
    public JsonObject Extra { get; set; } = new();

    /// <summary>True for code cells.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>
    /// The cell's language from .NET Interactive metadata (<c>polyglot_notebook.kernelName</c> or
    /// <c>dotnet_interactive.language</c>), or null when not stated (the notebook default, C#).
    /// </summary>
    public string? Language =>
        (Metadata["polyglot_notebook"] as JsonObject)?["kernelName"]?.GetValue<string>()
        ?? (Metadata["dotnet_interactive"] as JsonObject)?["language"]?.GetValue<string>();

    /// <summary>A new C# code cell with .NET Interactive metadata.</summary>
    public static NotebookCell Code(string source) => new()
    {
        CellType = "code",
        Source = source,
        Metadata = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        },
    };

    /// <summary>A new markdown cell.</summary>
    public static NotebookCell Markdown(string source) => new() { CellType = "markdown", Source = source };

    /// <summary>A deep copy.</summary>
    public NotebookCell Clone() => new()
    {
        CellType = CellType,
        Id = Id,
        Source = Source,
        Metadata = (JsonObject)Metadata.DeepClone(),
        Outputs = [.. Outputs],
        ExecutionCount = ExecutionCount,
        Extra = (JsonObject)Extra.DeepClone(),
    };
}
