namespace Workbook.Kernel.Backend;

/// <summary>The answer to Jupyter's <c>is_complete_request</c>.</summary>
/// <param name="Status"><c>complete</c>, <c>incomplete</c>, <c>invalid</c> or <c>unknown</c>.</param>
/// <param name="Indent">For <c>incomplete</c>: the indentation to use on the next line.</param>
public sealed record KernelCodeCompleteness(string Status, string Indent = "");
