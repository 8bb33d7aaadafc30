namespace Workbook.Kernel.Backend;

/// <summary>Text written to standard output or error by a cell.</summary>
/// <param name="Name"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The text, as written.</param>
public sealed record KernelStreamOutput(string Name, string Text) : KernelOutput;
