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
            while (sweeps < maxSweeps)
            {
                mc = Sweep(_active, h, rho, beta, ref b, fitIntercept, hsum, pen);
                sweeps++;
                if (mc < innerTol) break;
            }
        }
        return sweeps;
    }

    private double Sweep(List<int> coords, ReadOnlySpan<double> h, Span<double> rho, Span<double> beta, ref double b, bool fitIntercept, double hsum, in PenaltySpec pen)
    {
        int n = _d.N;
        double maxChange = 0;
        var x = _d.X;
        foreach (int j in coords)
        {
            var xj = x.AsSpan(j * n, n);
            double dot, hjj;
            if (_hvalid[j])
            {
                dot = TensorPrimitives.Dot(xj, rho);
                hjj = _hdiag[j];
            }
            else
            {
                LogisticKernels.DotAndWeightedSquares(xj, rho, h, out dot, out hjj);
                _hdiag[j] = hjj;
                _hvalid[j] = true;
            }
            double denom = hjj + pen.L2(j);
            if (denom <= 0) continue;
            double bj = beta[j];
            double nb = ProxKernels.SoftThreshold(hjj * bj + dot, pen.L1(j)) / denom;
            if (nb == bj) continue;
            double delta = nb - bj;
            beta[j] = nb;
            LogisticKernels.SubtractScaledProduct(rho, delta, h, xj);
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
