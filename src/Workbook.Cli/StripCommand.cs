using System.CommandLine;
using Spectre.Console;
using Workbook.Engine.Notebooks;

namespace Workbook.Cli;

/// <summary>
/// <c>workbook strip [paths]</c>: remove outputs and execution counts in place (atomic), and restore the metadata
/// convention (<see cref="Notebook.NormalizeMetadata"/>: .NET Interactive's kernelspec and language_info, which Jupyter
/// rewrites when it saves a notebook run with the workbook kernel), for clean commits.
/// </summary>
internal static class StripCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.ZeroOrMore, Description = "Notebooks or folders (default: notebooks/)." };
        var check = new Option<bool>("--check") { Description = "Change nothing; exit 1 if any notebook has outputs or other metadata than the convention." };
        var cmd = new Command("strip", "Remove outputs and execution counts from notebooks and restore their .NET Interactive metadata, for clean commits.") { paths, check };
        cmd.SetAction(pr =>
        {
            var layout = Layout.Find();
            var given = pr.GetValue(paths) ?? [];
            List<string> files;
            try { files = given.Length > 0 ? Layout.Expand(given) : Directory.Exists(layout.Notebooks) ? Layout.Expand([layout.Notebooks]) : []; }
            catch (FileNotFoundException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return 2;
            }
            var dirty = 0;
            var malformed = 0;
            foreach (var f in files)
            {
                Notebook nb;
                try { nb = NotebookFile.Read(f); }
                catch (NotebookFormatException e)
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]✗[/] {e.Message}");
                    malformed++;
                    continue;
                }
                var hadCounts = nb.CodeCells.Any(c => c.ExecutionCount is not null);
                var removed = nb.StripOutputs();
                var metadata = nb.NormalizeMetadata();
                if (removed == 0 && !hadCounts && metadata.Count == 0) continue;
                dirty++;
                var what = metadata.Count == 0 ? "" : $"; {string.Join(" and ", metadata)} not .NET Interactive's";
                if (pr.GetValue(check))
                {
                    AnsiConsole.MarkupLineInterpolated($"[yellow]{f}[/]: has {removed} output(s){what}");
                }
                else
                {
                    NotebookFile.Write(nb, f);
                    AnsiConsole.MarkupLineInterpolated($"stripped {removed} output(s) from {f}{(metadata.Count == 0 ? "" : $", restored its {string.Join(" and ", metadata)}")}");
                }
            }
            if (malformed > 0) AnsiConsole.MarkupLineInterpolated($"[red]{malformed} notebook(s) could not be read; they were left as they are.[/]");
            return malformed > 0 || (pr.GetValue(check) && dirty > 0) ? 1 : 0;
        });
        return cmd;
    }
}
