namespace Workbook.Engine.Scripting;

/// <summary>What is known about the symbol at a cursor.</summary>
/// <param name="Signature">The symbol's display string (signature with types).</param>
/// <param name="Documentation">Summary from the XML documentation when available, else null.</param>
/// <param name="Kind">The symbol kind.</param>
public sealed record InspectResult(string Signature, string? Documentation, string Kind);
