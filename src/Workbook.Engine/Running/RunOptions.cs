namespace Workbook.Engine.Running;

/// <summary>Options of <see cref="NotebookRunner"/>.</summary>
public sealed record RunOptions
{
    /// <summary>Per-cell time limit (default 10 minutes); null for none.</summary>
    public TimeSpan? CellTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Keep running the remaining cells after a failing cell (default: stop at the first error).</summary>
    public bool ContinueOnError { get; init; }

    /// <summary>Set the process's current directory to the notebook's folder while it runs (default true).</summary>
    public bool SetCurrentDirectory { get; init; } = true;

    /// <summary>Receives log lines (restores and the like).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Called when a code cell has ended, with its record and the executed cell (outputs and execution count set),
    /// before the next cell starts (the child process of <c>workbook run</c> streams each cell to its parent so).</summary>
    public Action<CellRun, Notebooks.NotebookCell>? CellCompleted { get; init; }
}
