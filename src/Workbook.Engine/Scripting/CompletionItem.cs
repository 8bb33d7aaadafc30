namespace Workbook.Engine.Scripting;

/// <summary>One completion candidate.</summary>
/// <param name="Text">The text to insert.</param>
/// <param name="Kind">The symbol kind (Method, Property, Field, Local, NamedType, Namespace, Keyword, ...).</param>
/// <param name="Detail">A signature or description.</param>
public sealed record CompletionItem(string Text, string Kind, string Detail);
