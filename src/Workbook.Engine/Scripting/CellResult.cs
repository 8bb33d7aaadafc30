using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Scripting;

/// <summary>The result of one <c>ScriptSession.ExecuteAsync</c> call.</summary>
/// <param name="Status">How the cell ended.</param>
/// <param name="Outputs">Every output emitted, in order (the same ones the callback saw; streams not merged).</param>
/// <param name="Error">The error output when <paramref name="Status"/> is not <see cref="CellStatus.Ok"/>.</param>
/// <param name="ErrorLine">The 1-based line within the cell the error points at, when known.</param>
/// <param name="Elapsed">Wall time of the cell, including restore and compile.</param>
public sealed record CellResult(CellStatus Status, IReadOnlyList<NotebookOutput> Outputs, NotebookOutput? Error, int? ErrorLine, TimeSpan Elapsed)
{
    /// <summary>True when the cell ran to completion.</summary>
    public bool IsOk => Status == CellStatus.Ok;
}
