namespace Workbook.Kernel.Backend;

/// <summary>What is known about the symbol under the cursor.</summary>
/// <param name="Found">Whether a symbol was found.</param>
/// <param name="PlainText">Signature and documentation as plain text.</param>
/// <param name="Markdown">Optional markdown rendering of the same.</param>
public sealed record KernelInspection(bool Found, string PlainText = "", string? Markdown = null)
{
    /// <summary>Nothing found.</summary>
    public static KernelInspection NotFound { get; } = new(false);
}
