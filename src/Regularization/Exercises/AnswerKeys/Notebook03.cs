using MathNet.Numerics.LinearAlgebra;
using Regularization.CrossValidation;
using Regularization.Data;
using Regularization.Linear;
using Regularization.Teaching;

namespace Regularization.Exercises.AnswerKeys;

/// <summary>
/// Checks for the exercises of notebook 03 (ridge, lasso and elastic net on real data). Expected values are computed with the
/// library on the same data as the notebook: diabetes standardized with the population sd, prostate as in ESL.
/// </summary>
public static class Notebook03
{
    private static (Matrix<double> X, Vector<double> Y) Diabetes()
    {
        var d = Datasets.Diabetes();
        return (Standardizer.FitTransform(d.X).Z, d.Y);
    }

    /// <summary>3.1: effective degrees of freedom of <c>Ridge(100)</c> on the standardized diabetes data.</summary>
    public static CheckResult Exercise1(Func<double> answer)
    {
        var (x, _) = Diabetes();
        double expected = Ridge.DegreesOfFreedom(x, 100);
        return Check.Close("3.1", answer, expected, 1e-6, 1e-8,
            hint: "df = sum_j d_j^2 / (d_j^2 + 100) over the 10 singular values of X; it lies between 0 and 10, close to 10 for a small penalty. " +
                  "Did you use d_j rather than d_j^2, or the eigenvalues of X^T X / n?");
    }

    /// <summary>3.2: <c>alpha_max = max_j |x_j^T (y - mean y)| / n</c> for the lasso on the standardized diabetes data.</summary>
    public static CheckResult Exercise2(Func<double> answer)
    {
        var (x, y) = Diabetes();
        double expected = ElasticNet.AlphaMax(x, y, 1.0);
        return Check.Close("3.2", answer, expected, 1e-9, 1e-9,
            hint: "center y (X is already centered), take the absolute inner product of every column with it, the maximum, and divide by n = 442 (not by 2n).");
    }

    /// <summary>3.3: glmnet's lambda (alpha = 0) equivalent to <c>Ridge(50)</c> on diabetes.</summary>
    public static CheckResult Exercise3(Func<double> answer)
    {
        var (x, y) = Diabetes();
        double expected = PenaltyConversion.RidgeToGlmnetLambda(50, x.RowCount, PenaltyConversion.GlmnetTargetScale(y.ToArray()));
        return Check.Close("3.3", answer, expected, 1e-9, 1e-9,
            hint: "Ridge(alpha) is the elastic net with l1Ratio 0 at alpha/n; glmnet's rescaling of y by s_y divides the L2 term by s_y, so lambda = alpha s_y / n.");
    }

    /// <summary>3.4: the one-standard-error alpha of <paramref name="curve"/>, recomputed by the student.</summary>
    public static CheckResult Exercise4(CvCurve curve, Func<double> answer)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return Check.Close("3.4", answer, curve.At1Se, 0, 1e-12,
            hint: $"the bound is Mean[IndexMin] + StdError[IndexMin] = {curve.Mean[curve.IndexMin] + curve.StdError[curve.IndexMin]:G6}; " +
                  "among all grid points with Mean <= bound take the LARGEST alpha (the strongest penalty), not the one closest to the minimum.");
    }

    /// <summary>3.5: test MSE of ridge at df = 3 on ESL's prostate split.</summary>
    public static CheckResult Exercise5(Func<double> answer)
    {
        var t = EslTable33.Reproduce();
        double lambda = EslTable33.RidgeLambdaForDf(t.XTrain, 3.0);
        double expected = new Ridge(lambda).Fit(t.XTrain, t.YTrain).MeanSquaredError(t.XTest, t.YTest);
        return Check.Close("3.5", answer, expected, 1e-6, 1e-6,
            hint: "find lambda with Ridge.DegreesOfFreedom(esl.XTrain, lambda) = 3 (it is larger than the df = 5 lambda), fit Ridge(lambda) on the training rows " +
                  "and return MeanSquaredError on the 30 test rows.");
    }
}
