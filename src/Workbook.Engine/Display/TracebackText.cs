using System.Text.RegularExpressions;

namespace Workbook.Engine.Display;

/// <summary>
/// The lines of an error's traceback as the notebook shows them. Roslyn names the class of each compiled
/// submission <c>Submission#k</c>, k counting compilations from 0 (failed ones too), so a frame of cell 23 read
/// <c>at Submission#22...</c>; frames now name the cell
/// (<c>at Cell23...</c>) and the location reads <c>in 03-ridge.ipynb, cell 23, line 2</c>.
/// </summary>
internal static partial class TracebackText
{
    /// <summary>Rewrites stack trace lines: <c>Submission#k</c> to <c>Cell&lt;n&gt;</c>, <c>in &lt;nb&gt;#cell&lt;n&gt;:line &lt;l&gt;</c> to <c>in &lt;nb&gt;, cell &lt;n&gt;, line &lt;l&gt;</c>.</summary>
    /// <param name="lines">The stack trace lines.</param>
    /// <param name="cellOfSubmission">The cell number of each submission class (<c>Submission#k</c>) that ran.</param>
    public static IEnumerable<string> Frames(IEnumerable<string> lines, IReadOnlyDictionary<string, int> cellOfSubmission) =>
        lines.Select(line => Location().Replace(
            SubmissionClass().Replace(line, m => cellOfSubmission.TryGetValue(m.Value, out var cell) ? $"Cell{cell}" : m.Value),
            m => $" in {m.Groups["nb"].Value}, cell {m.Groups["cell"].Value}, line {m.Groups["line"].Value}"));

    /// <summary>The cell of each submission class named in <paramref name="lines"/>, read from frames that carry both the
    /// class (<c>Submission#k</c>) and the cell's file (<c>&lt;nb&gt;#cell&lt;n&gt;</c>).</summary>
    public static IReadOnlyDictionary<string, int> SubmissionCells(IEnumerable<string> lines)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (SubmissionClass().Match(line) is { Success: true } s && CellFile().Match(line) is { Success: true } c)
                map.TryAdd(s.Value, int.Parse(c.Groups["cell"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return map;
    }

    [GeneratedRegex("#cell(?<cell>[0-9]+):line ")]
    private static partial Regex CellFile();

    [GeneratedRegex("Submission#[0-9]+")]
    private static partial Regex SubmissionClass();

    [GeneratedRegex(" in (?<nb>[^\\n]*?)#cell(?<cell>[0-9]+):line (?<line>[0-9]+)")]
    private static partial Regex Location();
}
