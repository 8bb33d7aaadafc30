using System.Collections.Concurrent;
using Workbook.Engine.Notebooks;
using Workbook.Engine.Running;

namespace Workbook.Kernel.Tests;

/// <summary>
/// The headless runner's result for a notebook, run once per test process and shared by the tests that compare another
/// front end with it (the workbook kernel through nbconvert, the real .NET Interactive tool): notebook 06 alone takes
/// minutes. Notebook outputs are deterministic, so one run serves all; callers only read it.
/// </summary>
internal static class HeadlessRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<NotebookRunResult>>> s_runs = new(StringComparer.Ordinal);

    public static Task<NotebookRunResult> OfAsync(string notebookPath) =>
        s_runs.GetOrAdd(Path.GetFullPath(notebookPath), path => new Lazy<Task<NotebookRunResult>>(
            () => NotebookRunner.RunAsync(NotebookFile.Read(path), path, new RunOptions { SetCurrentDirectory = false }))).Value;
}
