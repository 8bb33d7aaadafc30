using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Running;

/// <summary>The result of running a notebook.</summary>
/// <param name="Executed">The executed notebook (a copy; the input is unchanged).</param>
/// <param name="Cells">One entry per code cell that ran.</param>
/// <param name="Elapsed">Total wall time.</param>
public sealed record NotebookRunResult(Notebook Executed, IReadOnlyList<CellRun> Cells, TimeSpan Elapsed)
{
    /// <summary>The first failing cell, or null when every cell ran.</summary>
    public CellRun? FirstFailure => Cells.FirstOrDefault(c => c.Status != Scripting.CellStatus.Ok);

    /// <summary>True when every code cell ran without error.</summary>
    public bool Succeeded => FirstFailure is null;

    /// <summary>From the start of the run to the first output of any cell.</summary>
    public TimeSpan? TimeToFirstOutput => Cells.Select(c => c.TimeToFirstOutput).FirstOrDefault(t => t is not null);
}
