namespace Workbook.Engine.Notebooks;

/// <summary>A notebook file that is not valid nbformat 4 JSON; the message names the file and what is wrong.</summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotebookFormatException(string message, Exception? inner = null) : base(message, inner) { }
}
