namespace Workbook.Engine.Scripting;

/// <summary>Options of a <see cref="ScriptSession"/>.</summary>
public sealed record ScriptSessionOptions
{
    /// <summary>The folder relative paths resolve against (<c>#r "x.dll"</c>, <c>#i "nuget: ./feed"</c>): the notebook's folder.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The notebook's name as error messages show it (for example <c>01-penalties.ipynb</c>).</summary>
    public string NotebookName { get; init; } = "notebook";

    /// <summary>Per-cell time limit; null or <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>
    /// When true, the session sets the process's current directory to <see cref="WorkingDirectory"/> before each cell,
    /// so relative file paths in cells work as in Jupyter (the current directory is process-wide).
    /// </summary>
    public bool SetCurrentDirectory { get; init; }

    /// <summary>Receives progress lines such as the packages a <c>#r "nuget: ..."</c> restored (may be null).</summary>
    public Action<string>? Log { get; init; }
}
