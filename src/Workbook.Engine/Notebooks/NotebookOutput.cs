using System.Text.Json.Nodes;

namespace Workbook.Engine.Notebooks;

/// <summary>
/// One Jupyter output (nbformat 4): <c>stream</c>, <c>display_data</c>, <c>execute_result</c> or <c>error</c>.
/// Mime bundles are plain strings per mime type (JSON mime types such as <c>application/vnd.plotly.v1+json</c> hold
/// their JSON text), so a front end can send them as Jupyter messages without re-formatting.
/// </summary>
public sealed record NotebookOutput
{
    /// <summary>The nbformat output type: <c>stream</c>, <c>display_data</c>, <c>execute_result</c> or <c>error</c>.</summary>
    public required string OutputType { get; init; }

    /// <summary>For streams: <c>stdout</c> or <c>stderr</c>.</summary>
    public string? Name { get; init; }

    /// <summary>For streams: the text.</summary>
    public string? Text { get; init; }

    /// <summary>For display_data and execute_result: mime type to content (always holds <c>text/plain</c>).</summary>
    public IReadOnlyDictionary<string, string>? Data { get; init; }

    /// <summary>Output metadata (kept as read; empty for new outputs).</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>For execute_result: the execution count of the cell.</summary>
    public int? ExecutionCount { get; init; }

    /// <summary>For errors: the exception or error kind name.</summary>
    public string? EName { get; init; }

    /// <summary>For errors: the message, naming notebook, cell and line.</summary>
    public string? EValue { get; init; }

    /// <summary>For errors: the traceback lines (plain text, no ANSI colours).</summary>
    public IReadOnlyList<string>? Traceback { get; init; }

    /// <summary>A stream output.</summary>
    public static NotebookOutput Stream(string name, string text) => new() { OutputType = "stream", Name = name, Text = text };

    /// <summary>A display_data output.</summary>
    public static NotebookOutput Display(IReadOnlyDictionary<string, string> data) => new() { OutputType = "display_data", Data = data };

    /// <summary>An execute_result output.</summary>
    public static NotebookOutput Result(IReadOnlyDictionary<string, string> data, int executionCount) =>
        new() { OutputType = "execute_result", Data = data, ExecutionCount = executionCount };

    /// <summary>An error output.</summary>
    public static NotebookOutput Error(string ename, string evalue, IReadOnlyList<string> traceback) =>
        new() { OutputType = "error", EName = ename, EValue = evalue, Traceback = traceback };
}
