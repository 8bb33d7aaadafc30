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

    /// <summary>
    /// <see cref="TryWarmStart"/> for a candidate extrapolated along a path, without the O(nnz p) refresh (covariance updates only):
    /// the current state must be the solution <c>w1</c> with its exact correlations <c>c1</c>, <paramref name="w0"/> and
    /// <paramref name="c0"/> the solution and correlations before it, and <paramref name="candidate"/> = <c>w1 + t (w1 - w0)</c> except
    /// for coordinates set to zero. As <c>c = X^T y - G w</c> is affine in w, the candidate's correlations are
    /// <c>c1 + t (c1 - c0) - G e</c>, with <c>e</c> the candidate's departure from the straight line (non-zero only where it was set to zero).
    /// </summary>
    internal bool TryExtrapolatedStart(ReadOnlySpan<double> candidate, double t, ReadOnlySpan<double> w0, ReadOnlySpan<double> c0,
        ReadOnlySpan<double> l1, ReadOnlySpan<double> l2, bool positive)
    {
        if (!UsesGram) return TryWarmStart(candidate, l1, l2, positive);
        Validation.Guard.SameLength(candidate.Length, _p, nameof(candidate), "the number of features");
        double before = ObjectiveAt(l1, l2);
        _wSave ??= new double[_p];
        _cSave ??= new double[_p];
        _w.CopyTo(_wSave, 0);
        _c.CopyTo(_cSave, 0);
        var gram = _gram!;
        for (int j = 0; j < _p; j++)
        {
            double v = candidate[j];
            if (positive && v < 0) v = 0;
            _w[j] = v;
            _c[j] += t * (_c[j] - c0[j]);
        }
        for (int j = 0; j < _p; j++)
        {
            double w1 = _wSave[j];
            if (_w[j] != 0 || (w1 == 0 && w0[j] == 0)) continue;
            double e = -w1 - t * (w1 - w0[j]); // set to zero instead of w1 + t (w1 - w0)
            if (e != 0) Kernels.VectorKernels.Axpy(-e, gram.AsSpan((int)((long)j * _p), _p), _c);
        }
        if (ObjectiveAt(l1, l2) < before) return true;
        _wSave.CopyTo(_w, 0);
        _cSave.CopyTo(_c, 0);
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
