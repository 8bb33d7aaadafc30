namespace Workbook.Engine.Scripting;

/// <summary>Whether a piece of code is a complete submission (Jupyter's <c>is_complete</c>).</summary>
public enum CodeCompleteness
{
    /// <summary>Complete: can be executed.</summary>
    Complete,
    /// <summary>Incomplete: more input is expected (an open brace, an unterminated string, ...).</summary>
    Incomplete,
    /// <summary>Complete but with syntax errors.</summary>
    Invalid,
}
