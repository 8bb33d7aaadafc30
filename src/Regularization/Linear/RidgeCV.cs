using MathNet.Numerics.LinearAlgebra;
using Regularization.CrossValidation;
using Regularization.Data;
using Regularization.Validation;

namespace Regularization.Linear;

/// <summary>
/// Ridge with the alpha chosen by efficient leave-one-out (scikit-learn's <c>RidgeCV</c> default) or GCV: one eigendecomposition
/// of the centered Gram matrix (n &gt; p) or kernel matrix (n &lt;= p), after which every alpha costs O(n p).
/// Objective as <see cref="Ridge"/>: <c>||y - X w - b||^2 + alpha ||w||^2</c>.
/// </summary>
/// <example><code>var cv = new RidgeCV(Grids.Geometric(1e3, 1e-6, 50)).Fit(x, y); cv.Alpha; cv.Curve.Mean; cv.Model.Coef;</code></example>
public sealed class RidgeCV
{
    /// <summary>Creates the estimator over the given alphas (each finite and &gt; 0; default scikit-learn's 0.1, 1, 10).</summary>
    public RidgeCV(IReadOnlyList<double>? alphas = null)
    {
        Alphas = alphas is null ? [0.1, 1.0, 10.0] : alphas.ToArray();
        OptionRules[0].Check(this);
    }

    /// <summary>The grid, in the order given.</summary>
    public IReadOnlyList<double> Alphas { get; }

    /// <summary>Fit an unpenalized intercept (default true).</summary>
    public bool FitIntercept { get; init; } = true;

    /// <summary>Leave-one-out (default) or GCV.</summary>
    public RidgeCVMode Mode { get; init; } = RidgeCVMode.LeaveOneOut;

    /// <summary>The constraints on every option, checked at the start of <see cref="Fit"/> (the alphas also by the constructor).</summary>
    public static IReadOnlyList<OptionRule> OptionRules { get; } =
    [
        OptionRule.PositiveList<RidgeCV>(nameof(Alphas), e => e.Alphas),
        OptionRule.Defined<RidgeCV, RidgeCVMode>(nameof(Mode), e => e.Mode),
    ];

    /// <summary>Fits every alpha, selects the best and refits on all rows.</summary>
    public RidgeCVResult Fit(Matrix<double> x, Vector<double> y)
    {
        OptionRule.CheckAll(this, OptionRules);
        var d = CenteredDesign.Create(x, y, null, FitIntercept);
        int n = d.N;
        if (n < 2) throw new ArgumentException($"x has {n} row(s): leave-one-out needs at least 2.", nameof(x));
        var spec = new RidgeSpectrum(d);
        var grid = Alphas.ToArray();
        var scores = Matrix<double>.Build.Dense(grid.Length, n);
        int q = grid.Length;
        var fittedAll = new double[(long)n * q];
        var levAll = new double[(long)n * q];
        spec.FittedAndLeverageAll(grid, fittedAll, levAll);
        double h0 = FitIntercept ? 1.0 / n : 0.0;
        for (int k = 0; k < q; k++)
        {
            var fitted = fittedAll.AsSpan(k * n, n);
            var lev = levAll.AsSpan(k * n, n);
            if (Mode == RidgeCVMode.LeaveOneOut)
            {
                for (int i = 0; i < n; i++)
                {
                    double e = (d.Y[i] - fitted[i]) / (1 - h0 - lev[i]);
                    scores[k, i] = e * e;
                }
            }
            else
            {
                double rss = 0, tr = h0 * n;
                for (int i = 0; i < n; i++) { double e = d.Y[i] - fitted[i]; rss += e * e; tr += lev[i]; }
                double denom = 1 - tr / n;
                double g = rss / n / (denom * denom);
                for (int i = 0; i < n; i++) scores[k, i] = g;
            }
        }
        var curve = new CvCurve(grid, scores, strongerIsLarger: true, lowerIsBetter: true,
            measure: Mode == RidgeCVMode.LeaveOneOut ? "loo_mse" : "gcv");
        var w = spec.Coef(grid[curve.IndexMin]);
        var model = new RidgeModel(Vector<double>.Build.DenseOfArray(w), d.InterceptFor(w), grid[curve.IndexMin], RidgeSolver.Svd);
        return new RidgeCVResult(grid, curve, model, Mode);
    }
}
