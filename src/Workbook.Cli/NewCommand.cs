using System.CommandLine;
using Spectre.Console;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;

namespace Workbook.Cli;

/// <summary><c>workbook new &lt;path&gt;</c>: a new notebook with .NET Interactive metadata, a title and the opening cell.</summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The notebook to create, for example notebooks/08-topic.ipynb." };
        var title = new Option<string?>("--title") { Description = "The title (a level-1 heading in the first cell)." };
        var cmd = new Command("new", "Create a notebook with the .NET Interactive metadata and the workbook's opening cell.") { path, title };
        cmd.SetAction(pr =>
        {
            var file = Path.GetFullPath(pr.GetValue(path)!);
            if (File.Exists(file))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {file} exists; not overwriting it.");
                return 2;
            }
            var nb = Notebook.CreateCSharp();
            var name = Path.GetFileNameWithoutExtension(file);
            nb.Cells.Add(NotebookCell.Markdown($"# {pr.GetValue(title) ?? name}\n"));
            nb.Cells.Add(NotebookCell.Code(OpeningCell.For(Path.GetDirectoryName(file)!, Layout.Find().Root)));
            for (var i = 0; i < nb.Cells.Count; i++) nb.Cells[i].Id = $"{name}-{i}";
            NotebookFile.Write(nb, file);
            AnsiConsole.MarkupLineInterpolated($"created {file}");
            return 0;
        });
        return cmd;
    }
}
