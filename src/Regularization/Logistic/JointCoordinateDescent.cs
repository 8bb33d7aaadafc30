using System.Numerics.Tensors;
using Regularization.Kernels;

namespace Regularization.Logistic;

/// <summary>
/// Coordinate descent on the joint second-order model of the multinomial log-loss in all classes' coefficients:
/// <c>Q(D) = -sum_k r_k . e_k + 1/2 sum_i e_i^T H_i e_i + penalty(W + D)</c>, with <c>e_k = X D_k + d_k</c> and
/// <c>H_i = u_i (diag(p_i) - p_i p_i^T)</c>. Updating coordinate (k, j) by delta changes every class's residual:
/// <c>rho_l -= delta h_kl x_j</c> with <c>h_kl = u p_k (delta_kl - p_l)</c>. Unlike cycling over classes with per-class models, this
/// is a true (proximal) Newton step, so the outer iteration converges quadratically even when the classes are strongly coupled (K = 2).
/// </summary>
internal sealed class JointCoordinateDescent
{
    private readonly LogisticData _d;
    private readonly double[][][] _h;
    private readonly double[][] _rho;
    private readonly double[] _hdiag;
    private readonly bool[] _hvalid;
    private readonly List<int> _active = new();

    public JointCoordinateDescent(LogisticData d, double[][][] h, double[][] rho)
    {
        _d = d;
        _h = h;
        _rho = rho;
        _hdiag = new double[d.K * d.P];
        _hvalid = new bool[d.K * d.P];
    }

    public int Solve(double[] beta, double[] b, bool fitIntercept, in PenaltySpec pen, List<int> candidates, double innerTol, int maxSweeps)
    {
        Array.Clear(_hvalid);
        int K = _d.K;
        var hsum = new double[K];
        for (int k = 0; k < K; k++) hsum[k] = TensorPrimitives.Sum<double>(_h[k][k]);
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
                double dot, hjj;
                if (_hvalid[q])
                {
                    dot = TensorPrimitives.Dot(xj, _rho[k]);
                    hjj = _hdiag[q];
                }
                else
                {
                    LogisticKernels.DotAndWeightedSquares(xj, _rho[k], _h[k][k], out dot, out hjj);
                    _hdiag[q] = hjj;
                    _hvalid[q] = true;
                }
                double denom = hjj + pen.L2(j);
                if (denom <= 0) continue;
                double bj = beta[q];
                double nb = ProxKernels.SoftThreshold(hjj * bj + dot, pen.L1(j)) / denom;
                if (nb == bj) continue;
                double delta = nb - bj;
                beta[q] = nb;
                for (int l = 0; l < K; l++) LogisticKernels.SubtractScaledProduct(_rho[l], delta, _h[k][l], xj);
                maxChange = Math.Max(maxChange, hjj * Math.Abs(delta));
            }
        }
        if (fitIntercept)
        {
            for (int k = 0; k < K; k++)
            {
                if (hsum[k] <= 0) continue;
                double db = TensorPrimitives.Sum<double>(_rho[k]) / hsum[k];
                if (db == 0) continue;
                b[k] += db;
                for (int l = 0; l < K; l++) TensorPrimitives.MultiplyAdd(_h[k][l], -db, _rho[l], _rho[l]);
                maxChange = Math.Max(maxChange, hsum[k] * Math.Abs(db));
            }
        }
        return maxChange;
    }
}
