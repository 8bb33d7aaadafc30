using System.Numerics.Tensors;
using Regularization.Kernels;

namespace Regularization.Logistic;

/// <summary>
/// Coordinate descent on the joint second-order model of the multinomial log-loss in all classes' coefficients:
/// <c>Q(D) = -sum_k r_k . e_k + 1/2 sum_i e_i^T H_i e_i + penalty(W + D)</c>, with <c>e_k = X D_k + d_k</c> and
/// <c>H_i = u_i (diag(p_i) - p_i p_i^T)</c>. The model's residual for class k is
/// <c>rho_k = r_k - u p_k (e_k - s)</c> with <c>s = sum_l p_l e_l</c>, so it is kept implicitly through the score changes
/// <c>e_k</c> and the single vector <c>s</c>: updating coordinate (k, j) by delta costs <c>e_k += delta x_j</c> and
/// <c>s += delta p_k x_j</c> (not K residual updates), and a coordinate's gradient is one fused pass
/// (<see cref="LogisticKernels.ImplicitResidualDot"/>). Unlike glmnet's cycling over classes with one per-class model each,
/// this is a true proximal Newton step, which converges fast even when classes are strongly coupled (K = 2).
/// </summary>
internal sealed class JointCoordinateDescent
{
    private readonly LogisticData _d;
    private readonly double[][] _r, _w, _hkk, _prob, _e;
    private readonly double[] _s;
    private readonly double[] _hdiag;
    private readonly bool[] _hvalid;
    private readonly List<int> _active = new();

    /// <param name="d">The data.</param>
    /// <param name="r">Class residuals <c>u (y_k - p_k)</c> at the expansion point.</param>
    /// <param name="w">Weights <c>u p_k</c>.</param>
    /// <param name="hkk">Diagonal Hessian weights <c>u p_k (1 - p_k)</c>.</param>
    /// <param name="prob">Probabilities <c>p_k</c>.</param>
    /// <param name="e">Score changes per class (cleared by <see cref="Solve"/>; holds <c>X D_k + d_k</c> afterwards).</param>
    /// <param name="s">Workspace of length n.</param>
    public JointCoordinateDescent(LogisticData d, double[][] r, double[][] w, double[][] hkk, double[][] prob, double[][] e, double[] s)
    {
        _d = d;
        _r = r;
        _w = w;
        _hkk = hkk;
        _prob = prob;
        _e = e;
        _s = s;
        _hdiag = new double[d.K * d.P];
        _hvalid = new bool[d.K * d.P];
    }

    public int Solve(double[] beta, double[] b, bool fitIntercept, in PenaltySpec pen, List<int> candidates, double innerTol, int maxSweeps)
    {
        Array.Clear(_hvalid);
        Array.Clear(_s);
        int K = _d.K;
        var hsum = new double[K];
        for (int k = 0; k < K; k++)
        {
            Array.Clear(_e[k]);
            hsum[k] = TensorPrimitives.Sum<double>(_hkk[k]);
        }
        int sweeps = 0;
        while (sweeps < maxSweeps)
        {
            double mc = Sweep(candidates, beta, b, fitIntercept, hsum, pen);
            sweeps++;
            if (mc < innerTol) break;
            _active.Clear();
            foreach (int j in candidates)
            {
                for (int k = 0; k < K; k++)
                    if (beta[k * _d.P + j] != 0) { _active.Add(j); break; }
            }
            while (sweeps < maxSweeps)
            {
                mc = Sweep(_active, beta, b, fitIntercept, hsum, pen);
                sweeps++;
                if (mc < innerTol) break;
            }
        }
        return sweeps;
    }

    private double Sweep(List<int> coords, double[] beta, double[] b, bool fitIntercept, double[] hsum, in PenaltySpec pen)
    {
        int n = _d.N, p = _d.P, K = _d.K;
        double maxChange = 0;
        foreach (int j in coords)
        {
            var xj = _d.X.AsSpan(j * n, n);
            for (int k = 0; k < K; k++)
            {
                int q = k * p + j;
                double hjj;
                if (_hvalid[q]) hjj = _hdiag[q];
                else
                {
                    LogisticKernels.DotAndWeightedSquares(xj, xj, _hkk[k], out _, out hjj);
                    _hdiag[q] = hjj;
                    _hvalid[q] = true;
                }
                double denom = hjj + pen.L2(j);
                if (denom <= 0) continue;
                double dot = LogisticKernels.ImplicitResidualDot(xj, _r[k], _w[k], _e[k], _s);
                double bj = beta[q];
                double nb = ProxKernels.SoftThreshold(hjj * bj + dot, pen.L1(j)) / denom;
                if (nb == bj) continue;
                double delta = nb - bj;
                beta[q] = nb;
                TensorPrimitives.MultiplyAdd(xj, delta, _e[k], _e[k]);
                LogisticKernels.SubtractScaledProduct(_s, -delta, _prob[k], xj);
                maxChange = Math.Max(maxChange, hjj * Math.Abs(delta));
            }
        }
        if (fitIntercept)
        {
            for (int k = 0; k < K; k++)
            {
                if (hsum[k] <= 0) continue;
                double g = TensorPrimitives.Sum<double>(_r[k]) - TensorPrimitives.Dot<double>(_w[k], _e[k]) + TensorPrimitives.Dot<double>(_w[k], _s);
                double db = g / hsum[k];
                if (db == 0) continue;
                b[k] += db;
                TensorPrimitives.Add(_e[k], db, _e[k]);
                TensorPrimitives.MultiplyAdd(_prob[k], db, _s, _s);
                maxChange = Math.Max(maxChange, hsum[k] * Math.Abs(db));
            }
        }
        return maxChange;
    }
}
