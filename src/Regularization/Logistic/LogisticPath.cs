using MathNet.Numerics.LinearAlgebra;

namespace Regularization.Logistic;

/// <summary>
/// A logistic regularization path: one fitted model per lambda (descending), with the per-point certificate
/// (KKT violation, iterations, convergence).
/// </summary>
public sealed class LogisticPath
{
    internal LogisticPath(double[] lambdas, double lambdaMax, IReadOnlyList<LogisticModel> models)
    {
        Lambdas = lambdas;
        LambdaMax = lambdaMax;
        Models = models;
    }

    /// <summary>The lambdas (glmnet form), in path order (descending).</summary>
    public double[] Lambdas { get; }

    /// <summary>The grid under the name every path and CV curve shares (<see cref="CrossValidation.CvCurve.Grid"/>, <c>RegularizationPath.Grid</c>): <see cref="Lambdas"/>.</summary>
    public double[] Grid => Lambdas;

    /// <summary>The fitted model at index <paramref name="k"/>, with its certificate (KKT violation, iterations, stop reason), as <c>RegularizationPath.ModelAt</c>.</summary>
    public LogisticModel ModelAt(int k)
    {
        if (k < 0 || k >= Models.Count)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k = {k} is not allowed: it must lie in [0, {Models.Count - 1}].");
        return Models[k];
    }

    /// <summary>
    /// Decision function (linear predictor, one column per coefficient vector) on <paramref name="x"/> at <paramref name="at"/>:
    /// exact at a grid lambda, interpolated linearly in lambda between the two neighbouring fits otherwise (glmnet's
    /// <c>predict(fit, x, s = at, type = "link")</c>); outside the grid it throws.
    /// </summary>
    public Matrix<double> DecisionFunction(Matrix<double> x, double at)
    {
        var (lo, hi, w) = CrossValidation.GridPoint.Locate(Lambdas, at);
        var d = Models[lo].DecisionFunction(x) * w;
        if (hi != lo) d += Models[hi].DecisionFunction(x) * (1 - w);
        return d;
    }

    /// <summary>scikit-learn's C at every lambda: <c>1/(lambda W)</c>.</summary>
    public double[] Cs => Models.Select(m => m.C).ToArray();

    /// <summary>glmnet's lambda_max for these data (every penalized coefficient is 0 at and above it).</summary>
    public double LambdaMax { get; }

    /// <summary>The fitted model at every lambda.</summary>
    public IReadOnlyList<LogisticModel> Models { get; }

    /// <summary>Binary paths: coefficients, p x nLambdas (column k at <c>Lambdas[k]</c>). For multinomial paths use <see cref="CoefsOfClass"/>.</summary>
    public Matrix<double> Coefs => Models[0].IsMultinomial
        ? throw new InvalidOperationException("Coefs is for binary paths; this path is multinomial: use CoefsOfClass(k).")
        : CoefsOfClass(0);

    /// <summary>Coefficients of class k (row k of each model's Coef), p x nLambdas.</summary>
    public Matrix<double> CoefsOfClass(int k)
    {
        int rows = Models[0].Coef.RowCount;
        if (k < 0 || k >= rows) throw new ArgumentOutOfRangeException(nameof(k), k, $"k = {k} is not allowed: it must lie in [0, {rows - 1}].");
        return Matrix<double>.Build.Dense(Models[0].Features, Models.Count, (j, l) => Models[l].Coef[k, j]);
    }

    /// <summary>Binary paths: the intercept at every lambda.</summary>
    public double[] Intercepts => Models.Select(m => m.Intercept[0]).ToArray();

    /// <summary>Number of non-zero coefficients at every lambda.</summary>
    public int[] NonZeroCounts => Models.Select(m => m.NonZeroCount).ToArray();

    /// <summary>KKT violation at every lambda.</summary>
    public double[] KktViolations => Models.Select(m => m.KktViolation).ToArray();

    /// <summary>Outer iterations at every lambda.</summary>
    public int[] Iterations => Models.Select(m => m.Iterations).ToArray();

    /// <summary>Whether every point converged.</summary>
    public bool Converged => Models.All(m => m.Converged);

    /// <summary>Indices of the lambdas that did not converge.</summary>
    public int[] NotConverged => Enumerable.Range(0, Models.Count).Where(i => !Models[i].Converged).ToArray();
}
