using MathNet.Numerics.LinearAlgebra;
using Regularization.CrossValidation;
using Regularization.Data;
using Regularization.Validation;

namespace Regularization.Linear;

/// <summary>Shared machinery of the elastic-net estimators: penalty weights, alpha_max, grids and warm-started paths.</summary>
internal static class ElasticNetCore
{
    /// <summary>Checked per-feature penalty factors (finite, &gt;= 0, one per column; all 1 when null), as a fresh array.</summary>
    internal static double[] PenaltyFactors(IReadOnlyList<double>? pf, int p)
    {
        var r = new double[p];
        if (pf is null) { Array.Fill(r, 1.0); return r; }
        Guard.SameLength(pf.Count, p, "penaltyFactor", "x.ColumnCount");
        for (int j = 0; j < p; j++) r[j] = Guard.NonNegative(pf[j], $"penaltyFactor[{j}]");
        return r;
    }

    /// <summary>
    /// Checks the options every path shares before any work: the stopping rule, the algorithm, and either the explicit grid
    /// (non-empty, finite, &gt;= 0; returned in the order given) or the automatic one's size and <c>0 &lt; eps &lt; 1</c> (null returned).
    /// </summary>
    internal static double[]? CheckPathOptions(int nAlphas, double eps, IReadOnlyList<double>? alphas, double tol, int maxIter, CdAlgorithm algorithm)
    {
        Guard.Positive(tol, nameof(tol));
        Guard.AtLeast(maxIter, 1, nameof(maxIter));
        Guard.Defined(algorithm, nameof(algorithm));
        if (alphas is not null) return Grids.Checked(alphas);
        Guard.InOpenRange(eps, 0, 1, nameof(eps));
        Guard.AtLeast(nAlphas, 1, nameof(nAlphas));
        return null;
    }

    /// <summary>
    /// A checked warm start: length p, finite, and a finite residual sum of squares <c>||Y - X w||^2</c> on the prepared design
    /// (a start such as 1e300 would overflow every later sum).
    /// </summary>
    internal static double[] CheckedStart(Vector<double> initialCoef, CenteredDesign d)
    {
        Guard.SameLength(initialCoef.Count, d.P, nameof(initialCoef), "x.ColumnCount");
        var w = initialCoef.ToArray();
        Guard.Finite(w, nameof(initialCoef));
        var fit = new double[d.N];
        Kernels.GramKernels.Multiply(d.X, d.N, d.P, w, fit);
        double rss = 0;
        for (int i = 0; i < d.N; i++) { double e = d.Y[i] - fit[i]; rss += e * e; }
        if (!double.IsFinite(rss))
            throw new ArgumentException(
                $"initialCoef (largest |entry| {w.Max(Math.Abs):G3}) gives a residual sum of squares of {rss:G3}: the start overflows double; give a start of the coefficients' scale, or none.", nameof(initialCoef));
        return w;
    }

    internal static void Weights(double alpha, double l1Ratio, double[] pf, int n, Span<double> l1, Span<double> l2)
    {
        for (int j = 0; j < pf.Length; j++)
        {
            l1[j] = n * alpha * l1Ratio * pf[j];
            l2[j] = n * alpha * (1 - l1Ratio) * pf[j];
        }
    }

    /// <summary>
    /// alpha_max = max over penalized j of |x_j^T r| / (n l1Ratio pf_j), r the residual after fitting the unpenalized columns
    /// (r = y when every column is penalized). Leaves the solver at the unpenalized fit (a warm start for the path).
    /// </summary>
    internal static double AlphaMax(CoordinateDescentSolver solver, double l1Ratio, double[] pf)
    {
        if (l1Ratio <= 0)
            throw new ArgumentOutOfRangeException(nameof(l1Ratio), l1Ratio,
                $"l1Ratio = {l1Ratio} is not allowed for an automatic alpha grid: alpha_max = max|x^T y| / (n l1Ratio) needs l1Ratio > 0; pass explicit alphas instead.");
        int p = pf.Length, n = solver.Rows;
        if (pf.All(f => f == 0))
            throw new ArgumentException(
                $"penaltyFactor is 0 for all {p} features: nothing is penalized, so there is no alpha_max and no automatic alpha grid; penalize at least one feature or give explicit alphas.", "penaltyFactor");
        ReadOnlySpan<double> c = solver.XTy;
        if (pf.Any(f => f == 0))
        {
            var l1 = new double[p];
            var l2 = new double[p];
            for (int j = 0; j < p; j++) l1[j] = pf[j] == 0 ? 0 : double.MaxValue;
            solver.Solve(l1, l2, false, 1e-14, 10000);
            c = solver.Correlations;
        }
        double m = 0;
        for (int j = 0; j < p; j++)
            if (pf[j] > 0) m = Math.Max(m, Math.Abs(c[j]) / (n * l1Ratio * pf[j]));
        return m;
    }

    internal static double[] Grid(double alphaMax, double eps, int nAlphas)
    {
        Guard.InOpenRange(eps, 0, 1, nameof(eps));
        Guard.AtLeast(nAlphas, 1, nameof(nAlphas));
        const double resolution = 1e-15; // numpy finfo(float).resolution, scikit-learn's floor for a degenerate alpha_max
        if (alphaMax <= resolution) return Enumerable.Repeat(resolution, nAlphas).ToArray();
        return Grids.Geometric(alphaMax, eps, nAlphas);
    }

    /// <summary>
    /// Fits every alpha in order, each warm-started from the previous solution. With covariance updates and
    /// <paramref name="extrapolate"/>, from the third alpha on the warm start is the linear extrapolation in alpha of the previous
    /// two solutions (exact for the lasso while the active set and signs do not change: its path is piecewise linear in alpha;
    /// coefficients that would cross zero start at zero), taken only when it lowers the objective at the new alpha; this cuts the
    /// sweeps by about a third on the benchmark paths. The stopping rule, and so the accuracy, is unchanged.
    /// </summary>
    internal static RegularizationPath RunPath(CenteredDesign d, CoordinateDescentSolver solver, double l1Ratio, double[] alphas, double[] pf,
        bool positive, double tol, int maxIter, bool extrapolate = true)
    {
        int p = d.P, k = alphas.Length;
        var coefs = Matrix<double>.Build.Dense(p, k);
        var intercepts = new double[k];
        var results = new CdResult[k];
        var dev = new double[k];
        var l1 = new double[p];
        var l2 = new double[p];
        var prev = new double[p];
        bool havePrev = false;
        extrapolate &= solver.UsesGram; // with naive updates the extra O(n p) refresh costs more than the sweeps it saves
        double[]? w0 = extrapolate ? new double[p] : null, w1 = extrapolate ? new double[p] : null, cand = extrapolate ? new double[p] : null;
        double[]? c0 = extrapolate ? new double[p] : null, c1 = extrapolate ? new double[p] : null;
        for (int a = 0; a < k; a++)
        {
            Weights(alphas[a], l1Ratio, pf, d.N, l1, l2);
            if (extrapolate && a >= 2 && Extrapolate(alphas[a - 2], alphas[a - 1], alphas[a], w0!, w1!, cand!))
                solver.TryExtrapolatedStart(cand, (alphas[a] - alphas[a - 1]) / (alphas[a - 1] - alphas[a - 2]), w0, c0!, l1, l2, positive);
            results[a] = solver.Solve(l1, l2, positive, tol, maxIter, havePrev ? prev : default);
            Array.Copy(l1, prev, p);
            havePrev = true;
            var w = solver.Coef;
            for (int j = 0; j < p; j++) coefs[j, a] = w[j];
            intercepts[a] = d.InterceptFor(w);
            var (rss, tss) = solver.ResidualSums();
            dev[a] = tss > 0 ? 1 - rss / tss : 0;
            if (extrapolate)
            {
                (w0, w1, c0, c1) = (w1, w0, c1, c0);
                w.CopyTo(w1);
                solver.Correlations.CopyTo(c1);
            }
        }
        return new RegularizationPath(alphas, l1Ratio, coefs, intercepts, results, tol, dev);
    }

    /// <summary>
    /// <c>dest = w1 + t (w1 - w0)</c> with <c>t = (a2 - a1) / (a1 - a0)</c>, except that coefficients zero at <c>a1</c> or changing sign
    /// are set to zero. Returns false (dest unusable) unless <c>0 &lt; t &lt;= 4</c> (a monotone grid) or when dest equals w1.
    /// </summary>
    internal static bool Extrapolate(double a0, double a1, double a2, ReadOnlySpan<double> w0, ReadOnlySpan<double> w1, Span<double> dest)
    {
        double t = (a2 - a1) / (a1 - a0);
        if (!(t > 0 && t <= 4)) return false;
        bool moved = false;
        for (int j = 0; j < dest.Length; j++)
        {
            double v1 = w1[j];
            double v = v1 + t * (v1 - w0[j]);
            if (v1 == 0 || (v > 0) != (v1 > 0)) v = 0;
            dest[j] = v;
            moved |= v != v1;
        }
        return moved;
    }
}
