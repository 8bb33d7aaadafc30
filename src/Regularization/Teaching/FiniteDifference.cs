using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// Finite-difference derivatives for checking derivations: the central difference <c>(f(w + h e_i) - f(w - h e_i)) / 2h</c>
/// has error O(h²) for smooth f; one-sided differences expose the two slopes at a kink such as |w| at 0.
/// </summary>
public static class FiniteDifference
{
    /// <summary>The central-difference derivative of a scalar function.</summary>
    public static double Derivative(Func<double, double> f, double x, double h = 1e-6)
    {
        Guard.NotNull(f, nameof(f));
        Guard.Positive(h, nameof(h));
        return (f(x + h) - f(x - h)) / (2 * h);
    }

    /// <summary>The left and right difference quotients <c>(f(x) - f(x - h)) / h</c> and <c>(f(x + h) - f(x)) / h</c>.</summary>
    public static (double Left, double Right) OneSided(Func<double, double> f, double x, double h = 1e-6)
    {
        Guard.NotNull(f, nameof(f));
        Guard.Positive(h, nameof(h));
        double fx = f(x);
        return ((fx - f(x - h)) / h, (f(x + h) - fx) / h);
    }

    /// <summary>The central-difference gradient of <paramref name="f"/> at <paramref name="w"/> (w is not modified).</summary>
    public static double[] Gradient(Func<double[], double> f, IReadOnlyList<double> w, double h = 1e-6)
    {
        Guard.NotNull(f, nameof(f));
        Guard.NotNull(w, nameof(w));
        Guard.Positive(h, nameof(h));
        var x = w.ToArray();
        var g = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i];
            x[i] = xi + h; double fp = f(x);
            x[i] = xi - h; double fm = f(x);
            x[i] = xi;
            g[i] = (fp - fm) / (2 * h);
        }
        return g;
    }

    /// <summary>
    /// Compares an analytic gradient with central differences at <paramref name="w"/>; passes when the relative error is at
    /// most <paramref name="tolerance"/> (1e-6 suits double precision with h = 1e-6 on well-scaled functions).
    /// </summary>
    public static GradientCheckResult Check(Func<double[], double> f, Func<double[], double[]> gradient, IReadOnlyList<double> w,
        double h = 1e-6, double tolerance = 1e-6)
    {
        Guard.NotNull(gradient, nameof(gradient));
        Guard.Positive(tolerance, nameof(tolerance));
        var numeric = Gradient(f, w, h);
        var analytic = gradient(w.ToArray());
        if (analytic is null || analytic.Length != numeric.Length)
            throw new ArgumentException($"gradient returned {(analytic is null ? "null" : analytic.Length + " entries")}; expected {numeric.Length}.", nameof(gradient));
        double maxAbs = 0, diff = 0, na = 0, nn = 0;
        for (int i = 0; i < numeric.Length; i++)
        {
            double d = analytic[i] - numeric[i];
            maxAbs = Math.Max(maxAbs, Math.Abs(d));
            diff += d * d; na += analytic[i] * analytic[i]; nn += numeric[i] * numeric[i];
        }
        double rel = Math.Sqrt(diff) / Math.Max(Math.Sqrt(na) + Math.Sqrt(nn), 1e-300);
        if (double.IsNaN(rel)) rel = double.PositiveInfinity;
        return new GradientCheckResult(analytic, numeric, maxAbs, rel, tolerance);
    }
}
