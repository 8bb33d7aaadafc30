using Workbook.Engine.Notebooks;
using Workbook.Engine.Scripting;

namespace Workbook.Engine.Running;

/// <summary>How one code cell ran.</summary>
/// <param name="CellIndex">0-based index among all cells of the notebook.</param>
/// <param name="CodeCellNumber">1-based index among code cells: the number error messages use and the execution count.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Error">The error output, if any.</param>
/// <param name="TimeToFirstOutput">From the start of the notebook run to this cell's first output, if it had one.</param>
public sealed record CellRun(int CellIndex, int CodeCellNumber, CellStatus Status, TimeSpan Elapsed, NotebookOutput? Error, TimeSpan? TimeToFirstOutput);
