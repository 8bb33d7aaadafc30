using Regularization.Optim;
using Regularization.Teaching;

namespace Regularization.Exercises.AnswerKeys;

/// <summary>Checks for the exercises of notebook 02 (gradient derivations). Expected values are computed with the library.</summary>
public static class Notebook02
{
    /// <summary>The loss of the 2-D examples of notebook 02 (the same as notebook 01's).</summary>
    public static Quadratic2D Loss { get; } = new(1.5, 0.5, 1.0, 2.0, 0.8);

    /// <summary>2.1: PyTorch's <c>weight_decay</c> that reproduces SGD on <c>L + 0.005 ||w||²</c>.</summary>
    public static CheckResult Exercise1(Func<double> answer)
    {
        // Find wd by matching one SGD step with the penalty's gradient step (w <- w - eta (g + 2 lambda w)).
        double lambda = 0.005, eta = 0.1;
        var step = OptimizerTrajectory.Run(_ => [0.0], [1.0], 1, p => Optimizers.Sgd(new[] { p }, eta, weightDecay: 1.0));
        double perUnit = 1.0 - step[1][0];                 // eta * wd with wd = 1
        double expected = eta * 2 * lambda / perUnit;       // the wd that shrinks like the penalty
        return Check.Close("2.1", answer, expected, 1e-12, 1e-9,
            hint: "the gradient of lambda ||w||^2 is 2 lambda w, and PyTorch adds weight_decay * w to the gradient.");
    }

    /// <summary>
    /// 2.2: the gradient of <c>F(w) = log(1 + exp(-y xᵀw)) + 0.1 ||w||²</c> for x = (1, -2, 0.5), y = 1 (labels ±1), checked by
    /// central differences at three points.
    /// </summary>
    public static CheckResult Exercise2(Func<Func<double[], double[]>> answer)
    {
        double[] x = [1.0, -2.0, 0.5];
        double y = 1.0, lambda = 0.1;
        double F(double[] w) => Math.Log(1 + Math.Exp(-y * (x[0] * w[0] + x[1] * w[1] + x[2] * w[2]))) + lambda * (w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
        Func<double[], double[]> grad;
        try { grad = answer(); }
        catch (NotImplementedException) { return Check.That("2.2", false, "", "not answered yet: replace the NotImplementedException with a function w => gradient."); }
        catch (Exception e) { return Check.That("2.2", false, "", $"your answer threw {e.GetType().Name}: {e.Message}"); }
        double[][] points = [[0.0, 0.0, 0.0], [0.3, -0.2, 1.0], [-1.0, 0.5, 2.0]];
        double worst = 0;
        foreach (var w in points)
        {
            GradientCheckResult r;
            try { r = FiniteDifference.Check(F, grad, w); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Check.That("2.2", false, "", $"your gradient failed at w = ({string.Join(", ", w)}): {e.Message}");
            }
            worst = Math.Max(worst, r.RelativeError);
            if (!r.Passed)
                return Check.That("2.2", false, "",
                    $"at w = ({string.Join(", ", w)}) your gradient is ({string.Join(", ", r.Analytic.Select(v => v.ToString("G6")))}) but central differences give ({string.Join(", ", r.Numeric.Select(v => v.ToString("G6")))}); relative error {r.RelativeError:E2}. Hint: d/dz log(1 + e^-z) = -1/(1 + e^z), and the penalty adds 2 lambda w.");
        }
        return Check.That("2.2", true, $"your gradient matches central differences at 3 points (worst relative error {worst:E2}).", "");
    }

    /// <summary>2.3: SGD steps with <c>weight_decay = 2 λ</c>, η = 0.1, λ = 0.05 and no loss gradient until |w| first falls to half or less.</summary>
    public static CheckResult Exercise3(Func<int> answer)
    {
        var path = OptimizerTrajectory.Run(_ => [0.0], [1.0], 1000, p => Optimizers.Sgd(new[] { p }, 0.1, weightDecay: 2 * 0.05));
        int k = Array.FindIndex(path, w => Math.Abs(w[0]) <= 0.5);
        return Check.Equal("2.3", answer, k,
            hint: "each step multiplies w by (1 - 2 eta lambda) = 0.99; solve 0.99^k <= 1/2 for the smallest integer k.");
    }

    /// <summary>2.4: proximal L1 steps (η = 0.1, λ = 0.3, no loss gradient) from w = 1 until w is exactly 0.</summary>
    public static CheckResult Exercise4(Func<int> answer)
    {
        var path = OptimizerTrajectory.Run(_ => [0.0], [1.0], 1000, p => Optimizers.Sgd(new[] { p }, 0.1, l1: 0.3, l1Mode: L1Mode.Proximal));
        int k = Array.FindIndex(path, w => w[0] == 0.0);
        return Check.Equal("2.4", answer, k,
            hint: "each proximal step moves w by eta lambda = 0.03 towards zero and stops at zero; count the steps.");
    }

    /// <summary>2.5: one proximal-gradient step on <see cref="Loss"/> + 1.3 ||w||₁ from w = (1, 0.5) with η = 0.4.</summary>
    public static CheckResult Exercise5(Func<IReadOnlyList<double>?> answer)
    {
        var path = OptimizerTrajectory.Run(Loss.Gradient, [1.0, 0.5], 1, p => Optimizers.Sgd(new[] { p }, 0.4, l1: 1.3, l1Mode: L1Mode.Proximal));
        return Check.Close("2.5", answer, path[1], 1e-12, 1e-12,
            hint: "first the gradient step v = w - eta A(w - c), then soft-threshold each entry of v at eta lambda = 0.52.");
    }
}
