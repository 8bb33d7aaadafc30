using System.Numerics.Tensors;
using Regularization.Kernels;

namespace Regularization.Logistic;

/// <summary>
/// Coordinate descent on glmnet's quadratic model of the log-loss around the current coefficients:
/// <c>Q(d) = -sum_i r_i e_i + 1/2 sum_i h_i e_i^2 + penalty(w + d)</c> with <c>e = X d + d_b</c>, where <c>r</c> is minus the loss
/// gradient in eta and <c>h</c> its Hessian diagonal. The residual <c>rho = r - h e</c> is kept up to date, so each coordinate
/// costs one fused dot product (with the weighted column sum of squares on the first visit) and one residual update.
/// </summary>
internal sealed class CoordinateDescent
{
    private readonly LogisticData _d;
    private readonly double[] _hdiag;
    private readonly bool[] _hvalid;
    private readonly List<int> _active = new();

    public CoordinateDescent(LogisticData d)
    {
        _d = d;
        _hdiag = new double[d.P];
        _hvalid = new bool[d.P];
    }

    /// <summary>Number of coordinate updates performed so far (for diagnostics).</summary>
    public long Updates { get; private set; }

    /// <summary>Number of sweeps (full or active-set passes) performed so far.</summary>
    public long Sweeps { get; private set; }

    /// <summary>Forgets the cached Hessian diagonal (call when h changes).</summary>
    public void NewWeights() => Array.Clear(_hvalid);

    /// <summary>
    /// Minimizes the quadratic model over the candidate coordinates (and the intercept) until the largest change of a
    /// coordinate's gradient (<c>h_jj |delta_j|</c>) in a sweep is below <paramref name="innerTol"/>.
    /// </summary>
    public int Solve(ReadOnlySpan<double> h, Span<double> rho, Span<double> beta, ref double b, bool fitIntercept,
        in PenaltySpec pen, List<int> candidates, double innerTol, int maxSweeps)
    {
        int sweeps = 0;
        double hsum = fitIntercept ? TensorPrimitives.Sum(h) : 0;
        while (sweeps < maxSweeps)
        {
            double mc = Sweep(candidates, h, rho, beta, ref b, fitIntercept, hsum, pen);
            sweeps++;
            if (mc < innerTol) break;
            _active.Clear();
            foreach (int j in candidates) if (beta[j] != 0) _active.Add(j);
            int sinceNewton = 0;
            while (sweeps < maxSweeps)
            {
                if (sinceNewton >= Math.Max(ActiveNewtonAfter, _active.Count / 4) && _active.Count <= ActiveNewtonMax)
                {
                    ActiveSetNewton(h, rho, beta, ref b, fitIntercept, hsum, pen);
                    sinceNewton = 0;
                }
                mc = Sweep(_active, h, rho, beta, ref b, fitIntercept, hsum, pen);
                sweeps++;
                sinceNewton++;
                if (mc < innerTol) break;
            }
        }
        Sweeps += sweeps;
        return sweeps;
    }

    /// <summary>
    /// Coordinate sweeps over the active set before a direct solve is tried (at least this many, and at least |A|/4, so that the
    /// solve's cost, about n |A|^2 / 2, never exceeds that of the sweeps it replaces, about 2 n |A| each).
    /// </summary>
    internal const int ActiveNewtonAfter = 4;

    /// <summary>Largest active set for which the direct solve (a Cholesky of |A|+1 rows) is used.</summary>
    internal const int ActiveNewtonMax = 400;

    /// <summary>
    /// Accelerates coordinate descent on ill-conditioned models: with the active set A and its signs fixed, the quadratic model's
    /// stationarity conditions are the linear system
    /// <c>(X_A^T H X_A + lambda (1-alpha) Pf_A) d_A + X_A^T h d_b = X_A^T rho - lambda (1-alpha) Pf_A w_A - lambda alpha Pf_A s_A</c>
    /// (and the intercept row). It is solved by Cholesky; the step is taken in full when no coefficient changes sign, and
    /// otherwise up to the first zero crossing (that coefficient leaves A). Either way the model value decreases; the following
    /// coordinate sweeps re-check every condition.
    /// </summary>
    private void ActiveSetNewton(ReadOnlySpan<double> h, Span<double> rho, Span<double> beta, ref double b, bool fitIntercept, double hsum, in PenaltySpec pen)
    {
        _nz.Clear();
        foreach (int j in _active) if (beta[j] != 0) _nz.Add(j);
        int n = _d.N, a = _nz.Count, m = a + (fitIntercept ? 1 : 0);
        if (a == 0) return;
        var mat = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(m, m);
        var rhs = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(m);
        var t = _scratch.Length >= n ? _scratch : (_scratch = new double[n]);
        var tn = t.AsSpan(0, n);
        for (int ia = 0; ia < a; ia++)
        {
            int j = _nz[ia];
            var xj = _d.Column(j);
            TensorPrimitives.Multiply(xj, h, tn);
            for (int ib = 0; ib <= ia; ib++)
                mat[ia, ib] = mat[ib, ia] = TensorPrimitives.Dot(tn, _d.Column(_nz[ib]));
            mat[ia, ia] += pen.L2(j);
            if (fitIntercept) mat[ia, a] = mat[a, ia] = TensorPrimitives.Sum<double>(tn);
            rhs[ia] = TensorPrimitives.Dot(xj, rho) - pen.L2(j) * beta[j] - pen.L1(j) * Math.Sign(beta[j]);
        }
        if (fitIntercept)
        {
            mat[a, a] = hsum;
            rhs[a] = TensorPrimitives.Sum<double>(rho);
        }
        MathNet.Numerics.LinearAlgebra.Vector<double> step;
        try { step = mat.Cholesky().Solve(rhs); }
        catch (ArgumentException) { return; }
        if (!step.All(double.IsFinite)) return;
        double tmax = 1;
        for (int ia = 0; ia < a; ia++)
        {
            double bj = beta[_nz[ia]], dj = step[ia];
            if (pen.L1(_nz[ia]) > 0 && bj * (bj + dj) < 0) tmax = Math.Min(tmax, -bj / dj);
        }
        for (int ia = 0; ia < a; ia++)
        {
            int j = _nz[ia];
            double bj = beta[j], nb = bj + tmax * step[ia];
            if (tmax < 1 && pen.L1(j) > 0 && bj * (bj + step[ia]) < 0 && Math.Abs(-bj / step[ia] - tmax) <= 1e-15 * tmax) nb = 0;
            double delta = nb - bj;
            if (delta == 0) continue;
            beta[j] = nb;
            LogisticKernels.SubtractScaledProduct(rho, delta, h, _d.Column(j));
        }
        if (fitIntercept)
        {
            double db = tmax * step[a];
            b += db;
            TensorPrimitives.MultiplyAdd(h, -db, rho, rho);
        }
    }

    private double[] _scratch = [];
    private readonly List<int> _nz = new();

    private double Sweep(List<int> coords, ReadOnlySpan<double> h, Span<double> rho, Span<double> beta, ref double b, bool fitIntercept, double hsum, in PenaltySpec pen)
    {
        int n = _d.N;
        double maxChange = 0;
        var x = _d.X;
        bool haveNext = false;
        double nextDot = 0;
        for (int idx = 0; idx < coords.Count; idx++)
        {
            int j = coords[idx];
            var xj = x.AsSpan(j * n, n);
            double dot, hjj;
            if (!_hvalid[j])
            {
                LogisticKernels.DotAndWeightedSquares(xj, rho, h, out dot, out hjj);
                _hdiag[j] = hjj;
                _hvalid[j] = true;
            }
            else
            {
                dot = haveNext ? nextDot : TensorPrimitives.Dot(xj, rho);
                hjj = _hdiag[j];
            }
            haveNext = false;
            double denom = hjj + pen.L2(j);
            if (denom <= 0) continue;
            double bj = beta[j];
            double nb = ProxKernels.SoftThreshold(hjj * bj + dot, pen.L1(j)) / denom;
            if (nb == bj) continue;
            double delta = nb - bj;
            beta[j] = nb;
            int jn = idx + 1 < coords.Count ? coords[idx + 1] : -1;
            if (jn >= 0 && _hvalid[jn])
            {
                // The next coordinate's gradient is read off the same pass that updates the residual.
                nextDot = LogisticKernels.SubtractScaledProductThenDot(rho, delta, h, xj, x.AsSpan(jn * n, n));
                haveNext = true;
            }
            else
            {
                LogisticKernels.SubtractScaledProduct(rho, delta, h, xj);
            }
            maxChange = Math.Max(maxChange, hjj * Math.Abs(delta));
            Updates++;
        }
        if (fitIntercept && hsum > 0)
        {
            double db = TensorPrimitives.Sum<double>(rho) / hsum;
            if (db != 0)
            {
                b += db;
                TensorPrimitives.MultiplyAdd(h, -db, rho, rho);
                maxChange = Math.Max(maxChange, hsum * Math.Abs(db));
            }
        }
        return maxChange;
    }
}
