namespace Regularization.Teaching;

/// <summary>A library fit set beside one fit of the breast-cancer reference (tests/reference/05_logistic_breast_cancer.json).</summary>
/// <param name="Penalty">"l1" or "l2".</param>
/// <param name="C">scikit-learn's C.</param>
/// <param name="MaxAbsDifference">Largest |ours - coef_exact| over the coefficients and the intercept.</param>
/// <param name="Zeros">Zero coefficients in our fit.</param>
/// <param name="ReferenceZeros">Zero coefficients in the reference's exact solution.</param>
/// <param name="KktViolation">Our fit's KKT violation (mean form).</param>
/// <param name="Iterations">Our solver's outer iterations.</param>
public sealed record ReferenceComparison(string Penalty, double C, double MaxAbsDifference, int Zeros, int ReferenceZeros, double KktViolation, int Iterations);
