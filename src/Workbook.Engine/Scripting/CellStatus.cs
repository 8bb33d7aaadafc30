namespace Workbook.Engine.Scripting;

/// <summary>How a cell ended.</summary>
public enum CellStatus
{
    /// <summary>Ran to completion.</summary>
    Ok,
    /// <summary>A directive, compile error or exception; an error output was emitted.</summary>
    Error,
    /// <summary>Stopped by the caller's cancellation token (an interrupt).</summary>
    Cancelled,
    /// <summary>Stopped because it exceeded the per-cell timeout.</summary>
    Timeout,
}
