using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Regularization.Exercises;

/// <summary>
/// Tolerance-aware checks for exercises. A check never throws on a wrong answer: it returns a <see cref="CheckResult"/>
/// with feedback (how far off, where, and a hint), records it in <see cref="ExerciseLog"/>, and displays well in a notebook.
/// An answer that itself throws (for example a <c>NotImplementedException</c> left in place) is reported as "not answered yet".
/// </summary>
public static class Check
{
    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static CheckResult Record(CheckResult r)
    {
        ExerciseLog.Add(r);
        return r;
    }

    private static CheckResult Guarded<T>(string exercise, Func<T> answer, Func<T, CheckResult> check)
    {
        T value;
        try { value = answer(); }
        catch (NotImplementedException) { return Record(new CheckResult(exercise, false, "not answered yet: replace the NotImplementedException with your answer.")); }
        catch (Exception e) { return Record(new CheckResult(exercise, false, $"your answer threw {e.GetType().Name}: {e.Message}")); }
        return check(value);
    }

    /// <summary>Checks a number: passes when <c>|actual - expected| &lt;= absTol + relTol |expected|</c>.</summary>
    public static CheckResult Close(string exercise, double actual, double expected, double absTol = 1e-6, double relTol = 1e-6, string? hint = null)
    {
        if (!double.IsFinite(actual))
            return Record(new CheckResult(exercise, false, $"your answer is {F(actual)}, which is not a finite number.{Hint(hint)}"));
        double err = Math.Abs(actual - expected), tol = absTol + relTol * Math.Abs(expected);
        if (err <= tol)
            return Record(new CheckResult(exercise, true, $"{F(actual)} matches the expected value within {F(tol)}."));
        string how = Math.Sign(actual) != Math.Sign(expected) && expected != 0 ? "has the wrong sign" :
            Math.Abs(actual) > Math.Abs(expected) ? "is too large" : "is too small";
        string rel = expected != 0 ? $" ({F(err / Math.Abs(expected) * 100)}% off)" : "";
        return Record(new CheckResult(exercise, false, $"your answer {F(actual)} {how}: expected {F(expected)} within {F(tol)}{rel}.{Hint(hint)}"));
    }

    /// <summary>Checks a number computed by <paramref name="answer"/>; an exception becomes feedback.</summary>
    public static CheckResult Close(string exercise, Func<double> answer, double expected, double absTol = 1e-6, double relTol = 1e-6, string? hint = null) =>
        Guarded(exercise, answer, a => Close(exercise, a, expected, absTol, relTol, hint));

    /// <summary>Checks a vector entry by entry with the same rule as <see cref="Close(string, double, double, double, double, string?)"/>.</summary>
    public static CheckResult Close(string exercise, IReadOnlyList<double>? actual, IReadOnlyList<double> expected, double absTol = 1e-6, double relTol = 1e-6, string? hint = null)
    {
        if (actual is null)
            return Record(new CheckResult(exercise, false, $"your answer is null.{Hint(hint)}"));
        if (actual.Count != expected.Count)
            return Record(new CheckResult(exercise, false, $"your answer has {actual.Count} entries; expected {expected.Count}.{Hint(hint)}"));
        int worst = -1; double worstExcess = 0, worstErr = 0;
        for (int i = 0; i < actual.Count; i++)
        {
            double err = double.IsFinite(actual[i]) ? Math.Abs(actual[i] - expected[i]) : double.PositiveInfinity;
            double excess = err - (absTol + relTol * Math.Abs(expected[i]));
            if (excess > worstExcess || (worst < 0 && excess > 0)) { worst = i; worstExcess = excess; worstErr = err; }
        }
        if (worst < 0)
            return Record(new CheckResult(exercise, true, $"all {actual.Count} entries match within tolerance."));
        int bad = Enumerable.Range(0, actual.Count).Count(i => !(Math.Abs(actual[i] - expected[i]) <= absTol + relTol * Math.Abs(expected[i])));
        return Record(new CheckResult(exercise, false,
            $"{bad} of {actual.Count} entries are off; the worst is entry {worst}: {F(actual[worst])} instead of {F(expected[worst])} (error {F(worstErr)}).{Hint(hint)}"));
    }

    /// <summary>Checks a vector computed by <paramref name="answer"/>; an exception becomes feedback.</summary>
    public static CheckResult Close(string exercise, Func<IReadOnlyList<double>?> answer, IReadOnlyList<double> expected, double absTol = 1e-6, double relTol = 1e-6, string? hint = null) =>
        Guarded(exercise, answer, a => Close(exercise, a, expected, absTol, relTol, hint));

    /// <summary>Checks a MathNet vector.</summary>
    public static CheckResult Close(string exercise, Vector<double>? actual, Vector<double> expected, double absTol = 1e-6, double relTol = 1e-6, string? hint = null) =>
        Close(exercise, actual?.ToArray(), expected.ToArray(), absTol, relTol, hint);

    /// <summary>Checks an exact value (an integer count, a chosen index, a label).</summary>
    public static CheckResult Equal<T>(string exercise, T actual, T expected, string? hint = null)
    {
        bool ok = EqualityComparer<T>.Default.Equals(actual, expected);
        return Record(new CheckResult(exercise, ok, ok ? $"{actual} is correct." : $"your answer {actual} is not right (expected {expected}).{Hint(hint)}"));
    }

    /// <summary>Checks an exact value computed by <paramref name="answer"/>; an exception becomes feedback.</summary>
    public static CheckResult Equal<T>(string exercise, Func<T> answer, T expected, string? hint = null) =>
        Guarded(exercise, answer, a => Equal(exercise, a, expected, hint));

    /// <summary>Checks a claim about the answer; <paramref name="failure"/> explains what is wrong when it does not hold.</summary>
    public static CheckResult That(string exercise, bool condition, string success, string failure) =>
        Record(new CheckResult(exercise, condition, condition ? success : failure));

    /// <summary>Checks a claim computed by <paramref name="condition"/>; an exception becomes feedback.</summary>
    public static CheckResult That(string exercise, Func<bool> condition, string success, string failure) =>
        Guarded(exercise, condition, c => That(exercise, c, success, failure));

    private static string Hint(string? hint) => string.IsNullOrEmpty(hint) ? "" : " Hint: " + hint;
}
