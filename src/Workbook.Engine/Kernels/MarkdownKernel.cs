using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Workbook.Engine.Html;

namespace Workbook.Engine.Kernels;

/// <summary>
/// The <c>markdown</c> kernel (<c>#!markdown</c>, or a cell whose kernel name is <c>markdown</c>): displays the submission as
/// <c>text/markdown</c> with a rendered <c>text/html</c> (Markdig, math left for KaTeX), as Polyglot Notebooks renders a
/// markdown cell.
/// </summary>
public sealed class MarkdownKernel : Kernel, IKernelCommandHandler<SubmitCode>
{
    /// <summary>Creates the kernel (name <c>markdown</c>, alias <c>md</c>).</summary>
    public MarkdownKernel() : base("markdown")
    {
        KernelInfo.LanguageName = "Markdown";
        KernelInfo.DisplayName = "Markdown";
    }

    /// <inheritdoc />
    public Task HandleAsync(SubmitCode command, KernelInvocationContext context)
    {
        var text = command.Code.Trim('\n', '\r');
        context.Publish(new DisplayedValueProduced(text, command,
            [new FormattedValue("text/markdown", text), new FormattedValue("text/html", MarkdownRenderer.ToHtml(text)), new FormattedValue("text/plain", text)]));
        return Task.CompletedTask;
    }
}
