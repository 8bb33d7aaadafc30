namespace Regularization.Teaching;

/// <summary>An analytic gradient compared with central finite differences.</summary>
/// <param name="Analytic">The gradient from the formula.</param>
/// <param name="Numeric">The central-difference estimate.</param>
/// <param name="MaxAbsError">Largest entry-wise absolute difference.</param>
/// <param name="RelativeError"><c>||analytic - numeric|| / max(||analytic|| + ||numeric||, tiny)</c>, the usual gradient-check figure.</param>
/// <param name="Tolerance">The relative error below which the check passes.</param>
public sealed record GradientCheckResult(double[] Analytic, double[] Numeric, double MaxAbsError, double RelativeError, double Tolerance)
{
    /// <summary>True when <see cref="RelativeError"/> is at most <see cref="Tolerance"/>.</summary>
    public bool Passed => RelativeError <= Tolerance;

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Passed ? "gradient check passed" : "gradient check FAILED")}: relative error {RelativeError:E2} (tolerance {Tolerance:E0}), max |analytic - numeric| = {MaxAbsError:E2}";
}
