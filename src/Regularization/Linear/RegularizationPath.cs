using MathNet.Numerics.LinearAlgebra;
using Regularization.CrossValidation;
using Regularization.Validation;

namespace Regularization.Linear;

/// <summary>
/// A warm-started solution path: for every penalty value (in the order fitted) the coefficients, intercept, duality gap,
/// sweeps and whether the solver converged. <see cref="Coefs"/> has one column per alpha (scikit-learn's <c>coefs</c> layout).
/// </summary>
public sealed class RegularizationPath
{
    private readonly CdResult[] _results;

    internal RegularizationPath(double[] alphas, double l1Ratio, Matrix<double> coefs, double[] intercepts, CdResult[] results, double tol,
        double[]? devianceExplained = null)
    {
        DevianceExplained = devianceExplained ?? Enumerable.Repeat(double.NaN, alphas.Length).ToArray();
        Alphas = alphas;
        L1Ratio = l1Ratio;
        Coefs = coefs;
        Intercepts = intercepts;
        _results = results;
        DualGaps = results.Select(r => r.DualGap).ToArray();
        Iterations = results.Select(r => r.Iterations).ToArray();
        Converged = results.Select(r => r.Converged).ToArray();
        StopReasons = results.Select(r => r.StopReason).ToArray();
        Tol = tol;
    }

    /// <summary>The penalty values, in the order they were fitted (descending for generated grids).</summary>
    public double[] Alphas { get; }

    /// <summary>The grid under the name every path and CV curve shares (<see cref="CvCurve.Grid"/>, <c>LogisticPath.Grid</c>): <see cref="Alphas"/>.</summary>
    public double[] Grid => Alphas;

    /// <summary>The L1 share of the penalty (1 for the lasso; NaN for the group lasso).</summary>
    public double L1Ratio { get; }

    /// <summary>Coefficients, p x nAlphas: column k is the solution at <c>Alphas[k]</c>.</summary>
    public Matrix<double> Coefs { get; }

    /// <summary>Intercept at every alpha (0 without intercept).</summary>
    public double[] Intercepts { get; }

    /// <summary>Duality gap at every alpha (objective multiplied by n).</summary>
    public double[] DualGaps { get; }

    /// <summary>Full sweeps at every alpha.</summary>
    public int[] Iterations { get; }

    /// <summary>Whether the solver met the tolerance at every alpha.</summary>
    public bool[] Converged { get; }

    /// <summary>Why the solver stopped at every alpha.</summary>
    public string[] StopReasons { get; }

    /// <summary>
    /// Share of the null deviance explained at every alpha, glmnet's <c>dev.ratio</c>: <c>1 - RSS / TSS</c> on the (weighted)
    /// training data, TSS about the mean with an intercept and about 0 without. Computed by the coordinate-descent paths
    /// (lasso, elastic net, group lasso); NaN for the closed-form <see cref="Ridge.Path"/>.
    /// </summary>
    public double[] DevianceExplained { get; }

    /// <summary>The tolerance used (gap &lt;= Tol ||y||^2).</summary>
    public double Tol { get; }

    /// <summary>Indices of the alphas where the solver did not converge (empty when all did).</summary>
    public int[] NotConverged => Enumerable.Range(0, Alphas.Length).Where(k => !Converged[k]).ToArray();

    /// <summary>True when every alpha converged.</summary>
    public bool AllConverged => Converged.All(c => c);

    /// <summary>Number of non-zero coefficients at every alpha.</summary>
    public int[] NonZeroCounts => Enumerable.Range(0, Alphas.Length).Select(k => Coefs.Column(k).Count(v => v != 0)).ToArray();

    /// <summary>
    /// The fitted model at index <paramref name="k"/>, with its certificate (duality gap, sweeps, convergence, stop reason):
    /// an <see cref="ElasticNetModel"/> whose <see cref="ElasticNetModel.L1Ratio"/> is the path's (NaN for a group-lasso path).
    /// </summary>
    public ElasticNetModel ModelAt(int k)
    {
        if (k < 0 || k >= Alphas.Length)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k = {k} is not allowed: it must lie in [0, {Alphas.Length - 1}].");
        return new ElasticNetModel(Coefs.Column(k), Intercepts[k], Alphas[k], L1Ratio, _results[k]);
    }

    /// <summary>
    /// Coefficients and intercept at penalty <paramref name="at"/>: exact at a grid point, linearly interpolated in alpha between
    /// the two neighbouring points otherwise (glmnet's <c>coef(fit, s = at)</c>); outside the grid it throws.
    /// </summary>
    public (Vector<double> Coef, double Intercept) CoefAt(double at)
    {
        var (lo, hi, w) = GridPoint.Locate(Alphas, at);
        var c = Coefs.Column(lo) * w;
        if (hi != lo) c += Coefs.Column(hi) * (1 - w);
        return (c, w * Intercepts[lo] + (1 - w) * Intercepts[hi]);
    }

    /// <summary>Predictions on <paramref name="x"/> at penalty <paramref name="at"/> (see <see cref="CoefAt"/>): glmnet's <c>predict(fit, x, s = at)</c>.</summary>
    public Vector<double> Predict(Matrix<double> x, double at)
    {
        Guard.NotNull(x, nameof(x));
        Guard.SameLength(x.ColumnCount, Coefs.RowCount, "x.ColumnCount", "the number of coefficients");
        var (c, b) = CoefAt(at);
        return x * c + b;
    }

    /// <summary>Predictions of every path point on <paramref name="x"/>: n x nAlphas.</summary>
    public Matrix<double> Predict(Matrix<double> x)
    {
        Guard.NotNull(x, nameof(x));
        Guard.SameLength(x.ColumnCount, Coefs.RowCount, "x.ColumnCount", "the number of coefficients");
        var r = x * Coefs;
        for (int k = 0; k < Alphas.Length; k++)
            for (int i = 0; i < x.RowCount; i++) r[i, k] += Intercepts[k];
        return r;
    }
}
