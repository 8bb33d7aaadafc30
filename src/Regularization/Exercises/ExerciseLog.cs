using System.Net;

namespace Regularization.Exercises;

/// <summary>
/// The results of every <see cref="Check"/> in this process, latest per exercise id.
/// Instructors' solution notebooks end with <see cref="RequireAllPassed"/>, so a check that rejects a correct solution fails CI.
/// </summary>
public static class ExerciseLog
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, CheckResult> Latest = new();
    private static readonly List<string> Order = new();

    internal static void Add(CheckResult r)
    {
        lock (Gate)
        {
            if (!Latest.ContainsKey(r.Exercise)) Order.Add(r.Exercise);
            Latest[r.Exercise] = r;
        }
    }

    /// <summary>The latest result of each exercise, in the order first checked.</summary>
    public static IReadOnlyList<CheckResult> Results
    {
        get { lock (Gate) return Order.Select(id => Latest[id]).ToArray(); }
    }

    /// <summary>Forgets every result (a new notebook run).</summary>
    public static void Clear()
    {
        lock (Gate) { Latest.Clear(); Order.Clear(); }
    }

    /// <summary>A one-line-per-exercise summary.</summary>
    public static string Summary() =>
        $"{Results.Count(r => r.Passed)} of {Results.Count} exercises passed" +
        string.Concat(Results.Select(r => Environment.NewLine + r));

    /// <summary>HTML table of the summary, for notebook display.</summary>
    public static string SummaryHtml() =>
        $"<p><b>{Results.Count(r => r.Passed)} of {Results.Count} exercises passed</b></p><ul>" +
        string.Concat(Results.Select(r => $"<li>{(r.Passed ? "✔" : "✘")} {WebUtility.HtmlEncode(r.Exercise)}: {WebUtility.HtmlEncode(r.Feedback)}</li>")) + "</ul>";

    /// <summary>Throws when an expected exercise was not checked or did not pass (for solution notebooks and tests).</summary>
    /// <param name="expected">Exercise ids that must have been checked and passed (others are ignored); when empty, every recorded exercise must have passed.</param>
    public static void RequireAllPassed(params string[] expected)
    {
        var results = Results.ToDictionary(r => r.Exercise);
        var missing = expected.Where(id => !results.ContainsKey(id)).ToArray();
        var failed = results.Values.Where(r => !r.Passed && (expected.Length == 0 || expected.Contains(r.Exercise))).ToArray();
        if (missing.Length > 0 || failed.Length > 0 || results.Count == 0)
            throw new InvalidOperationException(
                (results.Count == 0 ? "no exercise was checked. " : "") +
                (missing.Length > 0 ? $"not checked: {string.Join(", ", missing)}. " : "") +
                (failed.Length > 0 ? "failed: " + string.Join("; ", failed.Select(f => f.ToString())) : ""));
    }
}
