namespace Workbook.Kernel.Backend;

/// <summary>An error output, as Jupyter's <c>error</c> message carries it.</summary>
/// <param name="Name">Exception or error type name (<c>ename</c>).</param>
/// <param name="Value">Message (<c>evalue</c>).</param>
/// <param name="Traceback">Lines shown to the user (<c>traceback</c>).</param>
public sealed record KernelError(string Name, string Value, IReadOnlyList<string> Traceback);
