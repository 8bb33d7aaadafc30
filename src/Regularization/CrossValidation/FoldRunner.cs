using System.Runtime.ExceptionServices;

namespace Regularization.CrossValidation;

/// <summary>
/// Runs the folds of a cross-validation, in parallel when allowed. Each fold writes only its own slots, so the results are
/// identical to the sequential run whatever the schedule; when folds fail, the error of the lowest-numbered failing fold is
/// rethrown as it was (the one the sequential loop would have met first).
/// </summary>
internal static class FoldRunner
{
    /// <summary>The worker count for <paramref name="maxDegreeOfParallelism"/>: -1 means every core.</summary>
    public static int Workers(int maxDegreeOfParallelism) => maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;

    public static void For(int folds, int maxDegreeOfParallelism, Action<int> body)
    {
        int workers = Math.Min(Workers(maxDegreeOfParallelism), folds);
        if (workers <= 1)
        {
            for (int f = 0; f < folds; f++) body(f);
            return;
        }
        var errors = new Exception?[folds];
        Parallel.For(0, folds, new ParallelOptions { MaxDegreeOfParallelism = workers }, f =>
        {
            try { body(f); }
            catch (Exception e) { errors[f] = e; }
        });
        foreach (var e in errors)
            if (e is not null) ExceptionDispatchInfo.Capture(e).Throw();
    }
}
