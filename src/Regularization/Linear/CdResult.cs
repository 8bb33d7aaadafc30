namespace Regularization.Linear;

/// <summary>Outcome of one coordinate-descent solve.</summary>
/// <param name="Iterations">Passes over the coordinates: full sweeps plus active-set sweeps (maxIter bounds the full sweeps). StopReason gives the two counts.</param>
/// <param name="DualGap">
/// Final duality gap of the objective multiplied by n (scikit-learn's convention, <c>1/2 ||y - Xw||^2 + n alpha (...)</c>).
/// </param>
/// <param name="Converged">True when <c>DualGap &lt;= Tol ||y||^2</c> (y as prepared: centered and weighted).</param>
/// <param name="StopReason">Why the solver stopped, in words.</param>
public readonly record struct CdResult(int Iterations, double DualGap, bool Converged, string StopReason);
