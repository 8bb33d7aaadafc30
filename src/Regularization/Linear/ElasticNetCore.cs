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
        Guard.Positive(eps, nameof(eps));
        Guard.AtLeast(nAlphas, 1, nameof(nAlphas));
        const double resolution = 1e-15; // numpy finfo(float).resolution, scikit-learn's floor for a degenerate alpha_max
        if (alphaMax <= resolution) return Enumerable.Repeat(resolution, nAlphas).ToArray();
        return Grids.Geometric(alphaMax, eps, nAlphas);
    }

    internal static RegularizationPath RunPath(CenteredDesign d, CoordinateDescentSolver solver, double l1Ratio, double[] alphas, double[] pf,
        bool positive, double tol, int maxIter)
    {
        int p = d.P, k = alphas.Length;
        var coefs = Matrix<double>.Build.Dense(p, k);
        var intercepts = new double[k];
        var results = new CdResult[k];
        var l1 = new double[p];
        var l2 = new double[p];
        var prev = new double[p];
        bool havePrev = false;
        for (int a = 0; a < k; a++)
        {
            Weights(alphas[a], l1Ratio, pf, d.N, l1, l2);
            results[a] = solver.Solve(l1, l2, positive, tol, maxIter, havePrev ? prev : default);
            Array.Copy(l1, prev, p);
            havePrev = true;
            var w = solver.Coef;
            for (int j = 0; j < p; j++) coefs[j, a] = w[j];
            intercepts[a] = d.InterceptFor(w);
        }
        return new RegularizationPath(alphas, l1Ratio, coefs, intercepts, results, tol);
    }
}
