namespace Regularization.Linear;

/// <summary>
/// Lasso with alpha chosen by k-fold cross-validation (scikit-learn's <c>LassoCV</c>, glmnet's <c>cv.glmnet</c> with alpha = 1).
/// See <see cref="ElasticNetCV"/> for the grid, folds, curve and options.
/// </summary>
/// <example><code>var cv = new LassoCV { Cv = 5 }.Fit(x, y); cv.AlphaMin; cv.Alpha1Se; cv.Curve.Mean; cv.Model.Coef;</code></example>
public sealed class LassoCV : ElasticNetCV
{
    /// <summary>Creates the estimator (l1 ratio 1).</summary>
    public LassoCV() : base([1.0]) { }
}
