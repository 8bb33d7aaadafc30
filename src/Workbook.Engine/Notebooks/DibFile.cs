using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;

namespace Workbook.Engine.Notebooks;

/// <summary>
/// Reads a <c>.dib</c> file (.NET Interactive's plain-text notebook: cells separated by <c>#!kernel</c> lines) with
/// <see cref="CodeSubmission"/> from Microsoft.DotNet.Interactive.Documents, into a <see cref="Notebook"/>: <c>markdown</c>
/// elements become markdown cells, every other element a code cell whose <c>polyglot_notebook.kernelName</c> is its kernel.
/// </summary>
public static class DibFile
{
    /// <summary>The kernels a <c>.dib</c> file may name, with their aliases (those of <see cref="Kernels.WorkbookKernel"/>).</summary>
    public static KernelInfoCollection KernelInfos()
    {
        var infos = new KernelInfoCollection
        {
            new KernelInfo("csharp", "C#", ["c#", "C#", "cs"]),
            new KernelInfo("html", "HTML", []),
            new KernelInfo("javascript", "JavaScript", ["js"]),
            new KernelInfo("markdown", "Markdown", ["md"]),
            new KernelInfo("value", null, []),
        };
        infos.DefaultKernelName = "csharp";
        return infos;
    }

    /// <summary>Parses <c>.dib</c> text.</summary>
    public static Notebook Parse(string text)
    {
        var document = CodeSubmission.Parse(text, KernelInfos());
        var notebook = Notebook.CreateCSharp();
        foreach (var element in document.Elements)
        {
            if (element.KernelName is "markdown" or "md")
            {
                notebook.Cells.Add(NotebookCell.Markdown(element.Contents));
                continue;
            }
            var cell = NotebookCell.Code(element.Contents);
            var kernel = element.KernelName ?? "csharp";
            cell.Metadata["dotnet_interactive"] = new JsonObject { ["language"] = kernel };
            cell.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernel };
            notebook.Cells.Add(cell);
        }
        return notebook;
    }
}
