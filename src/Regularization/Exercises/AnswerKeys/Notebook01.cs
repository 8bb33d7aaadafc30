using Regularization.Kernels;
using Regularization.Penalties;
using Regularization.Teaching;

namespace Regularization.Exercises.AnswerKeys;

/// <summary>Checks for the exercises of notebook 01 (penalties and their geometry). Expected values are computed with the library.</summary>
public static class Notebook01
{
    /// <summary>The loss used throughout notebook 01: <c>1/2 (w - c)ᵀA(w - c)</c>, A = [[1.5, 0.5], [0.5, 1]], c = (2, 0.8).</summary>
    public static Quadratic2D Loss { get; } = new(1.5, 0.5, 1.0, 2.0, 0.8);

    /// <summary>The vector of exercise 1.1.</summary>
    public static double[] W11 { get; } = [1.0, -2.0, 0.0, 2.0];

    /// <summary>The vector of exercise 1.2.</summary>
    public static double[] V12 { get; } = [2.5, -0.3, 0.8, -1.7];

    /// <summary>The vector of exercise 1.5.</summary>
    public static double[] V15 { get; } = [0.6, -0.8, 2.0];

    /// <summary>1.1: the elastic-net penalty (alpha = 0.5, l1_ratio = 0.3, scikit-learn form) of <see cref="W11"/>.</summary>
    public static CheckResult Exercise1(Func<double> answer) =>
        Check.Close("1.1", answer, new ElasticNetPenalty(0.5, 0.3).Value(W11), 1e-9, 1e-9,
            hint: "alpha (l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||_2^2): ||w||_1 = 5 and ||w||_2^2 = 9; don't forget the 1/2 on the squared term.");

    /// <summary>1.2: soft-thresholding of <see cref="V12"/> at 0.5 (the prox of 0.5 |x|).</summary>
    public static CheckResult Exercise2(Func<IReadOnlyList<double>?> answer)
    {
        var expected = new double[V12.Length];
        ProxKernels.SoftThreshold(V12, 0.5, expected);
        return Check.Close("1.2", answer, expected, 1e-12, 1e-12,
            hint: "sign(v) max(|v| - 0.5, 0): entries with |v| <= 0.5 become exactly 0, the others move 0.5 towards zero.");
    }

    /// <summary>1.3: the largest budget t at which the L1-constrained minimizer of <see cref="Loss"/> still has w2 = 0.</summary>
    public static CheckResult Exercise3(Func<double> answer) =>
        Check.Close("1.3", answer, ConstrainedMinimizer.LastSparseBudget(Loss), 1e-4, 0,
            hint: "on the axis w = (t, 0) the KKT conditions need |∂f/∂w2| <= -∂f/∂w1 = lambda; solve for the t where they become equal (or scan t with ConstrainedMinimizer.L1Ball).");

    /// <summary>1.4: the multiplier μ of the L2 ball of radius 1 (the ridge strength in <c>f + μ/2 ||w||²</c>).</summary>
    public static CheckResult Exercise4(Func<double> answer) =>
        Check.Close("1.4", answer, ConstrainedMinimizer.L2Ball(Loss, 1.0).Multiplier, 1e-4, 1e-4,
            hint: "find mu with ||(A + mu I)^-1 A c||_2 = 1 (the norm decreases as mu grows, so bisection works); check with ConstrainedMinimizer.Ridge.");

    /// <summary>1.5: the group prox of <see cref="V15"/> with groups {0, 1} and {2}, threshold 1.2 for each group.</summary>
    public static CheckResult Exercise5(Func<IReadOnlyList<double>?> answer)
    {
        var pen = new GroupLassoPenalty(1.2, [[0, 1], [2]], 3, [1.0, 1.0]);
        var expected = new double[3];
        pen.Prox(V15, 1.0, expected);
        return Check.Close("1.5", answer, expected, 1e-12, 1e-12,
            hint: "each group is scaled by max(0, 1 - 1.2 / ||v_g||_2): the first group has norm 1 (so it vanishes as a whole), the second has norm 2.");
    }
}
