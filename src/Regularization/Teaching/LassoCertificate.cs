using MathNet.Numerics.LinearAlgebra;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// An independent optimality certificate for an elastic-net (or lasso) solution, recomputed from the data, not taken from the solver.
/// For the objective <c>P(w) = 1/(2n) ||y - Xw - b||^2 + alpha (rho ||w||_1 + (1 - rho)/2 ||w||^2)</c> (X and y centered when an
/// intercept is fitted) it reports:
/// <list type="bullet">
/// <item>the KKT conditions: with <c>c_j = x_j^T r / n</c> and <c>r = y - Xw</c>, an active coefficient needs
/// <c>c_j - alpha (1 - rho) w_j = alpha rho sign(w_j)</c> and a zero one needs <c>|c_j| &lt;= alpha rho</c>;</item>
/// <item>the duality gap <c>P(w) - D(theta)</c> for the dual point obtained by scaling the residual into the dual feasible set
/// (scikit-learn's construction). Weak duality gives <c>P(w) - P(w*) &lt;= gap</c>: the gap bounds how suboptimal w is.
/// For the lasso this is exactly the solver's <c>DualGap / n</c>; with an L2 term the solver uses a tighter dual (the Fenchel
/// conjugate of the elastic-net penalty), so its gap is smaller, and both are valid bounds.</item>
/// </list>
/// </summary>
/// <example><code>var c = LassoCertificate.Compute(x, y, m.Coef, alpha, 1.0); c.MaxKktViolation; c.DualGap; c.Normalized;</code></example>
public sealed class LassoCertificate
{
    private LassoCertificate() { }

    /// <summary>Computes the certificate of <paramref name="coef"/> at (<paramref name="alpha"/>, <paramref name="l1Ratio"/>).</summary>
    public static LassoCertificate Compute(Matrix<double> x, Vector<double> y, Vector<double> coef, double alpha, double l1Ratio = 1.0, bool fitIntercept = true)
    {
        Guard.Design(x);
        Guard.Target(y, x.RowCount);
        Guard.NotNull(coef, nameof(coef));
        Guard.SameLength(coef.Count, x.ColumnCount, "coef.Count", "x.ColumnCount");
        Guard.Positive(alpha, nameof(alpha));
        Guard.InClosedRange(l1Ratio, 0, 1, nameof(l1Ratio));
        int n = x.RowCount, p = x.ColumnCount;
        var xc = x.Clone();
        var yc = y.Clone();
        if (fitIntercept)
        {
            for (int j = 0; j < p; j++) { double m = xc.Column(j).Average(); for (int i = 0; i < n; i++) xc[i, j] -= m; }
            yc = yc.Subtract(yc.Average());
        }
        var r = yc - xc * coef;
        var c = xc.TransposeThisAndMultiply(r) / n;
        double l1 = alpha * l1Ratio, l2 = alpha * (1 - l1Ratio);
        var viol = new double[p];
        for (int j = 0; j < p; j++)
        {
            double g = c[j] - l2 * coef[j];
            viol[j] = coef[j] != 0 ? Math.Abs(g - l1 * Math.Sign(coef[j])) : Math.Max(0, Math.Abs(g) - l1);
        }
        double rr = r.DotProduct(r), w1 = coef.L1Norm(), w2 = coef.DotProduct(coef);
        double primal = rr / (2 * n) + l1 * w1 + l2 / 2 * w2;
        // dual point theta = s r / n with s chosen so that |x_j^T theta - l2 w_j| <= l1 (scikit-learn's scaling, divided by n)
        double dualNorm = 0;
        for (int j = 0; j < p; j++) dualNorm = Math.Max(dualNorm, Math.Abs(c[j] - l2 * coef[j]));
        double s = l1 > 0 && dualNorm > l1 ? l1 / dualNorm : 1.0;
        double gap = (rr + s * s * rr) / (2 * n) + l1 * w1 - s * r.DotProduct(yc) / n + l2 / 2 * (1 + s * s) * w2;
        return new LassoCertificate
        {
            Alpha = alpha, L1Ratio = l1Ratio, Correlations = c.ToArray(), KktViolations = viol,
            Normalized = c.Select((v, j) => l1 > 0 ? (v - l2 * coef[j]) / l1 : double.NaN).ToArray(),
            Active = coef.Select(v => v != 0).ToArray(), PrimalObjective = primal, DualGap = Math.Max(gap, 0), DualScale = s,
        };
    }

    /// <summary>The penalty strength.</summary>
    public double Alpha { get; private init; }

    /// <summary>The L1 share rho.</summary>
    public double L1Ratio { get; private init; }

    /// <summary><c>c_j = x_j^T r / n</c>: the correlation of every feature with the residual (minus the loss gradient).</summary>
    public double[] Correlations { get; private init; } = [];

    /// <summary><c>(c_j - alpha (1 - rho) w_j) / (alpha rho)</c>: exactly +-1 on active features, inside [-1, 1] on zero ones at the optimum.</summary>
    public double[] Normalized { get; private init; } = [];

    /// <summary>Whether each coefficient is non-zero.</summary>
    public bool[] Active { get; private init; } = [];

    /// <summary>How far each feature is from its KKT condition (0 at the exact optimum).</summary>
    public double[] KktViolations { get; private init; } = [];

    /// <summary>The largest KKT violation.</summary>
    public double MaxKktViolation => KktViolations.Length == 0 ? 0 : KktViolations.Max();

    /// <summary>The objective value <c>P(w)</c> (mean scale, 1/(2n) on the residual sum of squares).</summary>
    public double PrimalObjective { get; private init; }

    /// <summary>The duality gap on the mean scale: <c>P(w) - P(w*) &lt;= DualGap</c>. Multiply by n for scikit-learn's <c>dual_gap_</c>.</summary>
    public double DualGap { get; private init; }

    /// <summary>The factor that scaled the residual into the dual feasible set (1 when it already was).</summary>
    public double DualScale { get; private init; }
}
