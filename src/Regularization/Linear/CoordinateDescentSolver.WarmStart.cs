namespace Regularization.Linear;

// Warm starts chosen by the caller (for example a path point extrapolated from the previous two, see ElasticNetCore.RunPath).
public sealed partial class CoordinateDescentSolver
{
    private double[]? _wSave, _cSave, _rSave;

    /// <summary>
    /// Moves to the warm start <paramref name="candidate"/> when its objective <c>1/2 ||y - X w||^2 + sum_j l1_j |w_j| + 1/2 sum_j l2_j w_j^2</c>
    /// is strictly lower than that of the current coefficients; otherwise leaves the solver exactly as it was. Returns whether the
    /// candidate was taken. Costs one refresh of the correlations (O(nnz p) with covariance updates, O(n p) with naive updates).
    /// </summary>
    internal bool TryWarmStart(ReadOnlySpan<double> candidate, ReadOnlySpan<double> l1, ReadOnlySpan<double> l2, bool positive)
    {
        Validation.Guard.SameLength(candidate.Length, _p, nameof(candidate), "the number of features");
        if (!_cValid) RefreshState();
        double before = ObjectiveAt(l1, l2);
        _wSave ??= new double[_p];
        _cSave ??= new double[_p];
        _w.CopyTo(_wSave, 0);
        _c.CopyTo(_cSave, 0);
        if (_r is not null) { _rSave ??= new double[_n]; _r.CopyTo(_rSave, 0); }
        for (int j = 0; j < _p; j++)
        {
            double v = candidate[j];
            _w[j] = positive && v < 0 ? 0 : v;
        }
        RefreshState();
        if (ObjectiveAt(l1, l2) < before) return true;
        _wSave.CopyTo(_w, 0);
        _cSave.CopyTo(_c, 0);
        if (_r is not null) _rSave!.CopyTo(_r, 0);
        _cValid = true;
        return false;
    }

    /// <summary>The objective at the current coefficients, from the up-to-date correlations (or residual).</summary>
    private double ObjectiveAt(ReadOnlySpan<double> l1, ReadOnlySpan<double> l2)
    {
        var (rn2, _) = LeastSquaresResidual.Norms(_r, _y, _n, _yy, _xty, _w, _c);
        double pen = 0;
        for (int j = 0; j < _p; j++)
        {
            double wj = _w[j];
            if (wj != 0) pen += l1[j] * Math.Abs(wj) + 0.5 * l2[j] * wj * wj;
        }
        return 0.5 * rn2 + pen;
    }
}
