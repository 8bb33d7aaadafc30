using System.Globalization;
using Regularization.Nn;
using Regularization.Pruning;
using Regularization.Teaching;

namespace Regularization.Exercises.AnswerKeys;

/// <summary>Checks of the exercises of notebook 07 (pruning). Every expected value is computed by the library.</summary>
public static class Notebook07
{
    /// <summary>7.1: how many of the 64·128 + 128·10 = 9472 weights global magnitude pruning removes at amount 0.9.</summary>
    public static CheckResult Exercise1(Func<long> answer) =>
        Check.Equal("7.1", answer, MagnitudePruner.CountToPrune(0.9, 64 * 128 + 128 * 10),
            hint: "round(amount · n), rounding half to even, with n the number of entries of all weight matrices together (biases are not pruned).");

    /// <summary>7.2: how many of fc2's 1280 weights survive layer-wise pruning at amount 0.9.</summary>
    public static CheckResult Exercise2(Func<long> answer) =>
        Check.Equal("7.2", answer, 128 * 10 - MagnitudePruner.CountToPrune(0.9, 128 * 10),
            hint: "layer-wise pruning removes round(0.9 · size) of each tensor separately; count what is left of fc2.");

    /// <summary>
    /// 7.3: a global magnitude threshold τ that prunes exactly 80% of <paramref name="model"/>'s weights (|w| ≤ τ pruned):
    /// any τ between the largest pruned and the smallest kept magnitude is accepted.
    /// </summary>
    public static CheckResult Exercise3(Func<double> answer, Mlp<float> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var mags = model.Weights.SelectMany(p => p.Value).Select(v => Math.Abs((double)v)).Order().ToArray();
        long k = MagnitudePruner.CountToPrune(0.8, mags.Length);
        double lo = mags[k - 1], hi = mags[k];
        double mid = (lo + hi) / 2, half = (hi - lo) / 2;
        var r = Check.Close("7.3", answer, mid, absTol: half + 1e-12 * hi, relTol: 0,
            hint: $"sort all |w| of the weight matrices; the threshold is the {k}-th smallest (k = round(0.8 · {mags.Length})). " +
                  $"Any value in [{lo.ToString("G6", CultureInfo.InvariantCulture)}, {hi.ToString("G6", CultureInfo.InvariantCulture)}] is right.");
        return r;
    }

    /// <summary>7.4: which base model keeps the highest test accuracy after one-shot global pruning to 90%.</summary>
    public static CheckResult Exercise4(Func<PruningRegularizer> answer,
        IReadOnlyList<(PruningRegularizer Regularizer, double Strength, Mlp<float> Model)> bases, ClassificationData<float> test)
    {
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(test);
        var acc = bases.Select(b => (b.Regularizer, Acc: PruningCurves.OneShot(b.Model, test, [0.9])[0].Accuracy)).ToList();
        var best = acc.MaxBy(a => a.Acc).Regularizer;
        return Check.Equal("7.4", answer, best,
            hint: "prune a copy of each base model to 90% (PruningCurves.OneShot) and compare the accuracies: " +
                  string.Join(", ", acc.Select(a => $"{a.Regularizer} {(100 * a.Acc).ToString("F1", CultureInfo.InvariantCulture)}%")) + ".");
    }

    /// <summary>7.5: the target sparsity of the Zhu–Gupta schedule (s_i = 0, s_f = 0.9, t0 = 100, n = 10, Δt = 50) at step 300.</summary>
    public static CheckResult Exercise5(Func<double> answer) =>
        Check.Close("7.5", answer, new GradualPruning(0, 0.9, 100, 10, 50).SparsityAt(300), absTol: 1e-9, relTol: 1e-9,
            hint: "s_t = s_f + (s_i − s_f)(1 − (t − t0)/(n Δt))³.");
}
