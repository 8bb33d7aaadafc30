using System.Net;

namespace Regularization.Exercises;

/// <summary>The outcome of one automatic check: passed or not, and feedback a student can act on.</summary>
/// <param name="Exercise">Exercise id, for example "3.2".</param>
/// <param name="Passed">True when the answer is accepted.</param>
/// <param name="Feedback">What was checked and, on failure, how far off the answer is and a hint.</param>
public sealed record CheckResult(string Exercise, bool Passed, string Feedback)
{
    /// <summary>One line: a tick or a cross, the exercise and the feedback.</summary>
    public override string ToString() => $"{(Passed ? "✔" : "✘")} Exercise {Exercise}: {Feedback}";

    /// <summary>An HTML block (green when passed, amber otherwise) for notebook display.</summary>
    public string ToHtml()
    {
        string color = Passed ? "#1a7f37" : "#9a6700";
        string bg = Passed ? "#dafbe1" : "#fff8c5";
        return $"<div class=\"exercise-check\" style=\"border-left:4px solid {color};background:{bg};padding:6px 10px;margin:4px 0\">" +
               $"<b>{(Passed ? "✔ Passed" : "✘ Not yet")}</b> — Exercise {WebUtility.HtmlEncode(Exercise)}: " +
               $"{WebUtility.HtmlEncode(Feedback)}</div>";
    }
}
