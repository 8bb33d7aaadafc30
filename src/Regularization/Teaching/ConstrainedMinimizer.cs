using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// Exact minimizers of a two-coefficient quadratic over the L1 and L2 balls and of its lasso and ridge penalized forms:
/// the points where the loss contours first touch the constraint region.
/// </summary>
public static class ConstrainedMinimizer
{
    /// <summary>
    /// <c>argmin f(w) s.t. ||w||₁ &lt;= t</c>. When c lies outside the ball the minimizer is on its boundary, four segments;
    /// f restricted to each segment is a one-dimensional quadratic, minimized in closed form and clamped to the segment, so
    /// a minimizer at a corner has an exactly-zero coordinate. The multiplier is <c>λ = |∂f/∂w_j|</c> on the support
    /// (the lasso <c>f + λ||w||₁</c> has the same solution).
    /// </summary>
    public static ConstrainedSolution L1Ball(Quadratic2D f, double t)
    {
        Guard.NotNull(f, nameof(f));
        Guard.NonNegative(t, nameof(t));
        if (Math.Abs(f.C1) + Math.Abs(f.C2) <= t) return new ConstrainedSolution(f.Center, t, 0, false);
        double[] best = [0, 0];
        double bestF = double.PositiveInfinity;
        foreach (int s1 in new[] { 1, -1 })
            foreach (int s2 in new[] { 1, -1 })
            {
                // w(a) = (s1 a, s2 (t - a)), a in [0, t]: p0 = (0, s2 t), direction d = (s1, -s2).
                double p1 = 0, p2 = s2 * t, d1 = s1, d2 = -s2;
                double e1 = p1 - f.C1, e2 = p2 - f.C2;
                double dAd = f.A11 * d1 * d1 + 2 * f.A12 * d1 * d2 + f.A22 * d2 * d2;
                double dAe = d1 * (f.A11 * e1 + f.A12 * e2) + d2 * (f.A12 * e1 + f.A22 * e2);
                double a = Math.Clamp(-dAe / dAd, 0, t);
                double[] w = [a == 0 ? 0 : s1 * a, a == t ? 0 : s2 * (t - a)];
                double v = f.Value(w[0], w[1]);
                if (v < bestF) { bestF = v; best = w; }
            }
        var g = f.Gradient(best);
        double lambda = best[0] != 0 && best[1] != 0
            ? 0.5 * (-g[0] * Math.Sign(best[0]) - g[1] * Math.Sign(best[1]))
            : best[0] != 0 ? -g[0] * Math.Sign(best[0])
            : best[1] != 0 ? -g[1] * Math.Sign(best[1])
            : Math.Max(Math.Abs(g[0]), Math.Abs(g[1]));
        return new ConstrainedSolution(best, t, lambda, true);
    }

    /// <summary>
    /// <c>argmin f(w) s.t. ||w||₂ &lt;= t</c>. When c lies outside the ball the minimizer is the ridge solution
    /// <c>w(μ) = (A + μI)⁻¹ A c</c> whose norm equals t; μ solves the secular equation
    /// <c>Σ_i (λ_i b_i / (λ_i + μ))² = t²</c> (λ_i, v_i the eigenpairs of A, b_i = v_iᵀc), decreasing in μ, found by bisection
    /// to machine precision. The multiplier reported is μ, the strength of the penalty <c>μ/2 ||w||²</c>.
    /// </summary>
    public static ConstrainedSolution L2Ball(Quadratic2D f, double t)
    {
        Guard.NotNull(f, nameof(f));
        Guard.NonNegative(t, nameof(t));
        double cn = Math.Sqrt(f.C1 * f.C1 + f.C2 * f.C2);
        if (cn <= t) return new ConstrainedSolution(f.Center, t, 0, false);
        if (t == 0) return new ConstrainedSolution([0, 0], 0, double.PositiveInfinity, true);
        double lmax = f.Eigenvalues().Max;
        double lo = 0, hi = lmax * cn / t; // at hi the norm is <= t
        for (int i = 0; i < 400 && hi - lo > 1e-16 * Math.Max(1, hi); i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Norm(Ridge(f, mid)) > t) lo = mid; else hi = mid;
        }
        double mu = 0.5 * (lo + hi);
        return new ConstrainedSolution(Ridge(f, mu), t, mu, true);
    }

    /// <summary>The ridge solution <c>argmin f(w) + μ/2 ||w||² = (A + μI)⁻¹ A c</c>.</summary>
    public static double[] Ridge(Quadratic2D f, double mu)
    {
        Guard.NotNull(f, nameof(f));
        Guard.NonNegative(mu, nameof(mu));
        double b1 = f.A11 * f.C1 + f.A12 * f.C2, b2 = f.A12 * f.C1 + f.A22 * f.C2;
        double m11 = f.A11 + mu, m22 = f.A22 + mu, det = m11 * m22 - f.A12 * f.A12;
        return [(m22 * b1 - f.A12 * b2) / det, (m11 * b2 - f.A12 * b1) / det];
    }

    /// <summary>
    /// The lasso solution <c>argmin f(w) + λ ||w||₁</c>, exactly: each of the nine sign patterns z ∈ {-1, 0, 1}² is tried,
    /// solving the KKT equations <c>(A(w - c))_S + λ z_S = 0</c> on its support S, and the one whose signs agree and whose
    /// zero coordinates satisfy <c>|(A(w - c))_j| &lt;= λ</c> is returned.
    /// </summary>
    public static double[] Lasso(Quadratic2D f, double lambda)
    {
        Guard.NotNull(f, nameof(f));
        Guard.NonNegative(lambda, nameof(lambda));
        if (lambda == 0) return f.Center;
        double b1 = f.A11 * f.C1 + f.A12 * f.C2, b2 = f.A12 * f.C1 + f.A22 * f.C2; // A c
        double tol = 1e-12 * Math.Max(1, Math.Max(Math.Abs(b1), Math.Abs(b2)));
        if (Math.Abs(b1) <= lambda + tol && Math.Abs(b2) <= lambda + tol) return [0, 0];
        foreach (int z1 in new[] { -1, 0, 1 })
            foreach (int z2 in new[] { -1, 0, 1 })
            {
                if (z1 == 0 && z2 == 0) continue;
                double w1 = 0, w2 = 0;
                if (z1 != 0 && z2 != 0)
                {
                    double r1 = b1 - lambda * z1, r2 = b2 - lambda * z2, det = f.A11 * f.A22 - f.A12 * f.A12;
                    w1 = (f.A22 * r1 - f.A12 * r2) / det; w2 = (f.A11 * r2 - f.A12 * r1) / det;
                    if (Math.Sign(w1) != z1 || Math.Sign(w2) != z2) continue;
                }
                else if (z1 != 0)
                {
                    w1 = (b1 - lambda * z1) / f.A11;
                    if (Math.Sign(w1) != z1 || Math.Abs(f.A12 * w1 - b2) > lambda + tol) continue;
                }
                else
                {
                    w2 = (b2 - lambda * z2) / f.A22;
                    if (Math.Sign(w2) != z2 || Math.Abs(f.A12 * w2 - b1) > lambda + tol) continue;
                }
                return [w1, w2];
            }
        throw new InvalidOperationException($"no sign pattern satisfied the KKT conditions at lambda = {lambda} (A is not positive definite?).");
    }

    /// <summary>
    /// The largest budget at which the L1-ball minimizer still has an exactly-zero coordinate (0 when it never has one):
    /// the lasso solution leaves the axis at a kink of its piecewise-linear path. Found by bisection on t in
    /// <c>[0, ||c||₁]</c> to a relative accuracy of 1e-12.
    /// </summary>
    public static double LastSparseBudget(Quadratic2D f)
    {
        Guard.NotNull(f, nameof(f));
        double hi = Math.Abs(f.C1) + Math.Abs(f.C2), lo = 0;
        if (f.C1 == 0 || f.C2 == 0) return hi;
        if (L1Ball(f, 1e-12 * hi).Zeros == 0) return 0;
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (L1Ball(f, mid).Zeros > 0) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    private static double Norm(double[] w) => Math.Sqrt(w[0] * w[0] + w[1] * w[1]);
}
