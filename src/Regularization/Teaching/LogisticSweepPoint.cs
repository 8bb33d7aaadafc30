namespace Regularization.Teaching;

/// <summary>One fit of a sweep over scikit-learn's C (see <see cref="LogisticStudy.SweepC"/>).</summary>
/// <param name="C">Inverse regularization strength.</param>
/// <param name="Lambda">The equivalent glmnet lambda, <c>1/(C W)</c> with W the training weight sum.</param>
/// <param name="NonZero">Non-zero coefficients (intercepts excluded).</param>
/// <param name="TestAccuracy">Share of test rows classified correctly.</param>
/// <param name="Recall">Recall of the watched class on the test rows: correctly predicted rows of that class / rows of that class.</param>
/// <param name="Precision">Precision of the watched class on the test rows (NaN when it is never predicted).</param>
/// <param name="Converged">Whether the solver reached its KKT tolerance.</param>
public sealed record LogisticSweepPoint(double C, double Lambda, int NonZero, double TestAccuracy, double Recall, double Precision, bool Converged);
