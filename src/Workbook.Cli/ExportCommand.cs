using System.CommandLine;
using Spectre.Console;
using Workbook.Engine.Notebooks;

namespace Workbook.Cli;

/// <summary><c>workbook export [paths]</c>: HTML pages from already executed notebooks (default: artifacts/notebooks/).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.ZeroOrMore, Description = "Executed notebooks or folders (default: artifacts/notebooks/)." };
        var output = new Option<string?>("--out", "-o") { Description = "Artifacts folder; pages go to <out>/site (default: artifacts/)." };
        var cmd = new Command("export", "Write the HTML site from already executed notebooks, without running them.") { paths, output };
        cmd.SetAction(pr =>
        {
            var layout = Layout.Find();
            var artifacts = layout.Artifacts(pr.GetValue(output));
            var given = pr.GetValue(paths) ?? [];
            List<string> files;
            try { files = Layout.Expand(given.Length > 0 ? given : [Path.Combine(artifacts, "notebooks")]); }
            catch (FileNotFoundException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message} (run `workbook run` first to execute the notebooks)");
                return 2;
            }
            var failures = 0;
            var pages = new List<(string, Notebook)>();
            var names = Layout.RelativeNames(files);
            for (var i = 0; i < files.Count; i++)
            {
                try
                {
                    pages.Add((names[i], NotebookFile.Read(files[i])));
                }
                catch (NotebookFormatException e)
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]✗[/] {e.Message}");
                    failures++;
                }
            }
            Site.WriteLinkedPages(artifacts, pages);
            foreach (var (f, _) in pages) AnsiConsole.MarkupLineInterpolated($"[green]✓[/] {Path.Combine(artifacts, "site", Site.PageName(f))}");
            Site.WriteIndex(artifacts, new Dictionary<string, (Workbook.Engine.Running.NotebookRunResult?, string?)>());
            return failures == 0 ? 0 : 1;
        });
        return cmd;
    }
}
