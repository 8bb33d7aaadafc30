using Workbook.Engine.Scripting;

namespace Workbook.Engine.Running;

/// <summary>A progress report: a code cell starts (<paramref name="Status"/> null) or ends.</summary>
/// <param name="CodeCellNumber">1-based index among code cells.</param>
/// <param name="CodeCellCount">Number of code cells.</param>
/// <param name="Status">Null when the cell starts; how it ended otherwise.</param>
/// <param name="Elapsed">The cell's wall time when it ended.</param>
public sealed record CellProgress(int CodeCellNumber, int CodeCellCount, CellStatus? Status, TimeSpan Elapsed);
