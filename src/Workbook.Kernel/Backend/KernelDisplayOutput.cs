using System.Text.Json.Nodes;

namespace Workbook.Kernel.Backend;

/// <summary>A rich display (a <c>display_data</c> message), or the value of the cell's trailing expression.</summary>
/// <param name="Data">The mime bundle: mime type to content (a string, or JSON for <c>+json</c> types).</param>
/// <param name="Metadata">Per-mime metadata (may be empty).</param>
/// <param name="IsExecuteResult">True for the cell's trailing value (published as <c>execute_result</c>).</param>
/// <param name="DisplayId">Optional display id for later updates (sent in <c>transient</c>).</param>
public sealed record KernelDisplayOutput(JsonObject Data, JsonObject Metadata, bool IsExecuteResult = false, string? DisplayId = null)
    : KernelOutput;
