using MathNet.Numerics.LinearAlgebra;
using Regularization.CrossValidation;
using Regularization.Data;
using Regularization.Kernels;
using Regularization.Validation;

namespace Regularization.Linear;

/// <summary>
/// Ridge regression (scikit-learn's <c>Ridge</c>): the exact minimizer of
/// <c>sum_i s_i (y_i - x_i w - b)^2 + Alpha ||w||_2^2</c> (sums, not means; the intercept b is not penalized; sample weights
/// <c>s_i</c> are used as given, all 1 by default). Closed form on centered data: <c>w = (X^T X + Alpha I)^-1 X^T y</c>.
/// In glmnet's scale this is <c>lambda = Alpha sd(y) / n</c> with <c>alpha = 0</c> (see <see cref="PenaltyConversion"/>).
/// </summary>
/// <example><code>var m = new Ridge(1.0).Fit(x, y); m.Coef; m.Intercept;</code></example>
public sealed class Ridge
{
    /// <summary>Creates the estimator with penalty <paramref name="alpha"/> (finite, &gt;= 0).</summary>
    public Ridge(double alpha = 1.0) => Alpha = Guard.NonNegative(alpha, nameof(alpha));

    /// <summary>Penalty strength.</summary>
    public double Alpha { get; }

    /// <summary>Fit an unpenalized intercept (default true).</summary>
    public bool FitIntercept { get; init; } = true;

    /// <summary>Primal Cholesky, dual Cholesky or eigendecomposition (default automatic: primal when n &gt;= p, dual otherwise).</summary>
    public RidgeSolver Solver { get; init; } = RidgeSolver.Auto;

    /// <summary>The constraints on every option, checked at the start of <see cref="Fit"/>.</summary>
    public static IReadOnlyList<OptionRule> OptionRules { get; } =
    [
        OptionRule.NonNegative<Ridge>(nameof(Alpha), e => e.Alpha),
        OptionRule.Defined<Ridge, RidgeSolver>(nameof(Solver), e => e.Solver),
    ];

    /// <summary>Fits the model.</summary>
    public RidgeModel Fit(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight = null)
    {
        OptionRule.CheckAll(this, OptionRules);
        Guard.NotNull(x, nameof(x));
        if (sampleWeight is null && FitIntercept && Alpha > 0 && x.RowCount > 0 && x.ColumnCount > 0
            && ResolveSolver(Solver, x.RowCount, x.ColumnCount, Alpha) == RidgeSolver.Cholesky)
            return FitPrimalCentered(x, y);
        var d = CenteredDesign.Create(x, y, sampleWeight, FitIntercept);
        double a = EffectiveAlpha(Alpha, d, sampleWeight);
        var solver = ResolveSolver(Solver, d.N, d.P, a);
        double[] w;
        if (a == 0 && solver != RidgeSolver.Svd && ColumnDependence.Find(d) is { } dependent)
            throw new ArgumentException(
                $"alpha = 0 with solver = {solver} needs a full-rank x, but {dependent}; " +
                "remove that column, use alpha > 0, or use Solver = RidgeSolver.Svd for the minimum-norm least-squares solution.", nameof(x));
        try
        {
            w = solver switch
            {
                RidgeSolver.Cholesky => SolvePrimal(d, a),
                RidgeSolver.Dual => SolveDual(d, a),
                _ => new RidgeSpectrum(d).Coef(a),
            };
        }
        catch (InvalidOperationException e) when (a == 0)
        {
            throw new ArgumentException(
                $"alpha = 0 with solver = {solver} needs a full-rank x, but {ColumnDependence.Describe(d)} ({e.Message.TrimEnd('.')}); " +
                "remove that column, use alpha > 0, or use Solver = RidgeSolver.Svd for the minimum-norm least-squares solution.", nameof(x), e);
        }
        var model = new RidgeModel(Vector<double>.Build.DenseOfArray(w), d.InterceptFor(w), Alpha, solver);
        d.Release();
        return model;
    }

    /// <summary>
    /// Ridge coefficients for many alphas from one eigendecomposition (the SVD route): one column of <c>Coefs</c> per alpha, in the order given.
    /// </summary>
    public static RegularizationPath Path(Matrix<double> x, Vector<double> y, IReadOnlyList<double> alphas, bool fitIntercept = true, Vector<double>? sampleWeight = null)
    {
        var grid = Grids.Checked(alphas);
        var d = CenteredDesign.Create(x, y, sampleWeight, fitIntercept);
        var spec = new RidgeSpectrum(d);
        var coefs = Matrix<double>.Build.Dense(d.P, grid.Length);
        var intercepts = new double[grid.Length];
        var results = new CdResult[grid.Length];
        for (int k = 0; k < grid.Length; k++)
        {
            var w = spec.Coef(EffectiveAlpha(grid[k], d, sampleWeight));
            coefs.SetColumn(k, w);
            intercepts[k] = d.InterceptFor(w);
            results[k] = new CdResult(0, 0, true, "closed form (eigendecomposition)");
        }
        return new RegularizationPath(grid, 0.0, coefs, intercepts, results, 0);
    }

    /// <summary>
    /// Effective degrees of freedom <c>df(alpha) = sum_j d_j^2 / (d_j^2 + alpha)</c> over the singular values of the centered X (ESL eq. 3.50).
    /// </summary>
    public static double DegreesOfFreedom(Matrix<double> x, double alpha, bool fitIntercept = true)
    {
        Guard.NonNegative(alpha, nameof(alpha));
        var y = Vector<double>.Build.Dense(x.RowCount);
        return new RidgeSpectrum(CenteredDesign.Create(x, y, null, fitIntercept)).DegreesOfFreedom(alpha);
    }

    // CenteredDesign normalizes weights to sum to n; scikit-learn's Ridge uses them as given, so rescale alpha.
    internal static double EffectiveAlpha(double alpha, CenteredDesign d, Vector<double>? sampleWeight) =>
        sampleWeight is null ? alpha : alpha * d.N / sampleWeight.Sum();

    private static RidgeSolver ResolveSolver(RidgeSolver requested, int n, int p, double alpha)
    {
        var solver = requested == RidgeSolver.Auto ? (n >= p ? RidgeSolver.Cholesky : RidgeSolver.Dual) : requested;
        if (alpha == 0 && solver != RidgeSolver.Svd && (solver == RidgeSolver.Dual ? p < n : n < p))
            solver = RidgeSolver.Svd; // singular system without a penalty: minimum-norm least squares through the spectrum
        return solver;
    }

    /// <summary>
    /// The primal Cholesky solve with an intercept and no weights, without the centered copy of X that
    /// <see cref="CenteredDesign"/> makes: the entries checked (finite, and no overflow in the sums), one pass for the column means, then the
    /// centered Gram matrix and <c>X_c^T y_c</c> from cache-sized centered panels (<see cref="GramKernels.CenteredGramLower"/>),
    /// and an in-place Cholesky solve on the lower triangle. Same numbers as the copy (G bit-identical for p &lt;= 512).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private RidgeModel FitPrimalCentered(Matrix<double> x, Vector<double> y)
    {
        int n = x.RowCount, p = x.ColumnCount;
        Guard.Design(x, "x", forSums: true);  // finite, and small enough that the Gram sums cannot overflow
        Guard.Target(y, n, "y", "x.RowCount", forSums: true);
        var src = MatrixOps.ColumnMajor(x);
        var mean = new double[p];
        for (int j = 0; j < p; j++)
        {
            double s = System.Numerics.Tensors.TensorPrimitives.Sum(src.AsSpan(j * n, n));
            mean[j] = s / n;
        }
        var ys = MatrixOps.Array(y).AsSpan(0, n).ToArray();
        double yMean = System.Numerics.Tensors.TensorPrimitives.Sum<double>(ys) / n;
        System.Numerics.Tensors.TensorPrimitives.Subtract(ys, yMean, ys);
        var g = GC.AllocateUninitializedArray<double>(checked(p * p));
        var q = new double[p];
        GramKernels.CenteredGramLower(src, n, p, mean, ys, g, q);
        var w = DenseLinearAlgebra.CholeskySolveInPlace(g, p, Alpha, q);
        double intercept = yMean;
        for (int j = 0; j < p; j++) intercept -= mean[j] * w[j];
        return new RidgeModel(Vector<double>.Build.DenseOfArray(w), intercept, Alpha, RidgeSolver.Cholesky);
    }

    private static double[] SolvePrimal(CenteredDesign d, double alpha)
    {
        int n = d.N, p = d.P;
        var g = new double[(long)p * p];
        GramKernels.Gram(d.X, n, p, g);
        var q = new double[p];
        GramKernels.TransposeMultiply(d.X, n, p, d.Y, q);
        return DenseLinearAlgebra.CholeskySolve(g, p, alpha, q);
    }

    private static double[] SolveDual(CenteredDesign d, double alpha)
    {
        int n = d.N, p = d.P;
        var xt = new double[(long)n * p];
        GramKernels.Transpose(d.X, n, p, xt);
        var k = new double[(long)n * n];
        GramKernels.Gram(xt, p, n, k);
        var a = DenseLinearAlgebra.CholeskySolve(k, n, alpha, d.Y);
        var w = new double[p];
        GramKernels.TransposeMultiply(d.X, n, p, a, w);
        return w;
    }
}
