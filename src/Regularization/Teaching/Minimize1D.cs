using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>Golden-section search for a convex (unimodal) function on an interval: a derivative-free way to check a prox formula.</summary>
public static class Minimize1D
{
    /// <summary>The minimizer of a unimodal <paramref name="f"/> on [lo, hi], to an interval width of <paramref name="tolerance"/>
    /// (comparisons of function values limit the accuracy at a smooth minimum to about the square root of machine epsilon, ~1e-8).</summary>
    public static double GoldenSection(Func<double, double> f, double lo, double hi, double tolerance = 1e-12)
    {
        Guard.NotNull(f, nameof(f));
        if (!(double.IsFinite(lo) && double.IsFinite(hi) && lo < hi))
            throw new ArgumentException($"[lo, hi] = [{lo}, {hi}] is not a finite interval with lo < hi.", nameof(lo));
        Guard.Positive(tolerance, nameof(tolerance));
        double r = (Math.Sqrt(5) - 1) / 2;
        double a = lo, b = hi, x1 = b - r * (b - a), x2 = a + r * (b - a), f1 = f(x1), f2 = f(x2);
        for (int i = 0; i < 500 && b - a > tolerance; i++)
        {
            if (f1 <= f2) { b = x2; x2 = x1; f2 = f1; x1 = b - r * (b - a); f1 = f(x1); }
            else { a = x1; x1 = x2; f1 = f2; x2 = a + r * (b - a); f2 = f(x2); }
        }
        return 0.5 * (a + b);
    }
}
