namespace Workbook.Engine.Scripting;

/// <summary>Completions at a cursor: the candidates replace the text between <paramref name="CursorStart"/> and <paramref name="CursorEnd"/>.</summary>
/// <param name="Items">The candidates, sorted.</param>
/// <param name="CursorStart">Start (0-based character offset) of the text the candidates replace.</param>
/// <param name="CursorEnd">End (0-based character offset) of the text the candidates replace.</param>
public sealed record CompletionResult(IReadOnlyList<CompletionItem> Items, int CursorStart, int CursorEnd);
