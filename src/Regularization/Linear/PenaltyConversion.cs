using Regularization.Validation;

namespace Regularization.Linear;

/// <summary>
/// Moving between the penalty scales of scikit-learn, glmnet and logistic C, on the same data.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>scikit-learn elastic net: <c>1/(2n) RSS + alpha (l1 ||w||_1 + (1 - l1)/2 ||w||^2)</c>.</item>
/// <item>glmnet gaussian: <c>1/(2n) RSS + lambda ((1 - a)/2 ||w||^2 + a ||w||_1)</c>, but glmnet first divides y by
/// <c>sdY = sqrt(mean((y - mean y)^2))</c> (population sd) and rescales back, which leaves the L1 term alone and divides the
/// L2 term by sdY. Hence <c>a = l1 / (l1 + (1 - l1) sdY)</c> and <c>lambda = alpha (l1 + (1 - l1) sdY)</c>; for the lasso
/// <c>lambda = alpha</c>.</item>
/// <item>scikit-learn Ridge: <c>RSS + alphaRidge ||w||^2</c> equals the elastic net with l1 = 0 and <c>alpha = alphaRidge / n</c>;
/// glmnet: <c>a = 0</c>, <c>lambda = alphaRidge sdY / n</c>.</item>
/// <item>Logistic regression: scikit-learn's <c>C sum_i loss_i + penalty(w)</c> equals glmnet's <c>mean loss + lambda penalty</c>
/// with <c>lambda = 1 / (C n)</c> (L1: penalty ||w||_1; L2: penalty ||w||^2 / 2).</item>
/// </list>
/// </remarks>
public static class PenaltyConversion
{
    /// <summary>scikit-learn (alpha, l1Ratio) to glmnet (alpha, lambda) for gaussian data whose target has population sd <paramref name="sdY"/>.</summary>
    public static (double GlmnetAlpha, double Lambda) SklearnToGlmnet(double alpha, double l1Ratio, double sdY)
    {
        Guard.NonNegative(alpha, nameof(alpha));
        Guard.InClosedRange(l1Ratio, 0, 1, nameof(l1Ratio));
        Guard.Positive(sdY, nameof(sdY));
        double s = l1Ratio + (1 - l1Ratio) * sdY;
        return (l1Ratio / s, alpha * s);
    }

    /// <summary>glmnet (alpha, lambda) to scikit-learn (alpha, l1Ratio); the inverse of <see cref="SklearnToGlmnet"/>.</summary>
    public static (double Alpha, double L1Ratio) GlmnetToSklearn(double glmnetAlpha, double lambda, double sdY)
    {
        Guard.InClosedRange(glmnetAlpha, 0, 1, nameof(glmnetAlpha));
        Guard.NonNegative(lambda, nameof(lambda));
        Guard.Positive(sdY, nameof(sdY));
        // a = l1 / (l1 + (1 - l1) sdY)  =>  l1 = a sdY / (1 - a + a sdY)
        double l1 = glmnetAlpha * sdY / (1 - glmnetAlpha + glmnetAlpha * sdY);
        double s = l1 + (1 - l1) * sdY;
        return (lambda / s, l1);
    }

    /// <summary>scikit-learn <c>Ridge(alphaRidge)</c> to the elastic-net alpha with l1Ratio = 0: <c>alphaRidge / n</c>.</summary>
    public static double RidgeToElasticNetAlpha(double ridgeAlpha, int n) =>
        Guard.NonNegative(ridgeAlpha, nameof(ridgeAlpha)) / Guard.AtLeast(n, 1, nameof(n));

    /// <summary>The elastic-net alpha with l1Ratio = 0 to scikit-learn's <c>Ridge</c> alpha: <c>n alpha</c>.</summary>
    public static double ElasticNetToRidgeAlpha(double alpha, int n) =>
        Guard.NonNegative(alpha, nameof(alpha)) * Guard.AtLeast(n, 1, nameof(n));

    /// <summary>scikit-learn <c>Ridge(alphaRidge)</c> to glmnet's lambda (with glmnet alpha = 0): <c>alphaRidge sdY / n</c>.</summary>
    public static double RidgeToGlmnetLambda(double ridgeAlpha, int n, double sdY) =>
        Guard.NonNegative(ridgeAlpha, nameof(ridgeAlpha)) * Guard.Positive(sdY, nameof(sdY)) / Guard.AtLeast(n, 1, nameof(n));

    /// <summary>glmnet's lambda (alpha = 0) to scikit-learn's <c>Ridge</c> alpha: <c>lambda n / sdY</c>.</summary>
    public static double GlmnetLambdaToRidge(double lambda, int n, double sdY) =>
        Guard.NonNegative(lambda, nameof(lambda)) * Guard.AtLeast(n, 1, nameof(n)) / Guard.Positive(sdY, nameof(sdY));

    /// <summary>Logistic C (scikit-learn, loss summed) to lambda (glmnet, loss averaged): <c>1 / (C n)</c>.</summary>
    public static double LogisticCToLambda(double c, int n) => 1.0 / (Guard.Positive(c, nameof(c)) * Guard.AtLeast(n, 1, nameof(n)));

    /// <summary>Lambda (glmnet, loss averaged) to logistic C (scikit-learn, loss summed): <c>1 / (lambda n)</c>.</summary>
    public static double LambdaToLogisticC(double lambda, int n) => 1.0 / (Guard.Positive(lambda, nameof(lambda)) * Guard.AtLeast(n, 1, nameof(n)));

    /// <summary>The population standard deviation glmnet divides y by: <c>sqrt(mean((y - mean y)^2))</c>.</summary>
    public static double GlmnetTargetScale(IReadOnlyList<double> y)
    {
        Guard.NotNull(y, nameof(y));
        if (y.Count == 0) throw new ArgumentException("y is empty: empty data is not allowed.", nameof(y));
        double m = y.Average();
        return Math.Sqrt(y.Sum(v => (v - m) * (v - m)) / y.Count);
    }
}
