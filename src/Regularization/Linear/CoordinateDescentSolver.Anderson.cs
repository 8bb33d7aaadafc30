using Regularization.Kernels;

namespace Regularization.Linear;

// Anderson acceleration of the active-set sweeps (see Acceleration).
public sealed partial class CoordinateDescentSolver
{
    /// <summary>
    /// Anderson extrapolation over the active coordinates from the last <c>AndersonDepth + 1</c> stored iterates h_0..h_K:
    /// <c>w = sum_k c_k h_{k+1}</c> with <c>c = (U^T U)^-1 1 / (1^T (U^T U)^-1 1)</c>, U the successive differences; accepted only
    /// when it lowers the objective (so convergence guarantees are those of plain coordinate descent).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void TryAnderson(int na, ReadOnlySpan<double> l1, ReadOnlySpan<double> l2, bool positive)
    {
        const int K = AndersonDepth;
        Span<double> m = stackalloc double[K * K];
        Span<double> z = stackalloc double[K];
        var h = _hist;
        for (int a = 0; a < K; a++)
            for (int b = a; b < K; b++)
            {
                double s = 0;
                int oa = a * _p, ob = b * _p;
                for (int k = 0; k < na; k++)
                {
                    double ua = h[oa + _p + k] - h[oa + k], ub = h[ob + _p + k] - h[ob + k];
                    s += ua * ub;
                }
                m[a * K + b] = s; m[b * K + a] = s;
            }
        double trace = 0;
        for (int a = 0; a < K; a++) trace += m[a * K + a];
        if (!(trace > 0)) return;
        for (int a = 0; a < K; a++) { m[a * K + a] += 1e-10 * trace; z[a] = 1; }
        if (!SolveSmall(m, z, K)) return;
        double sum = 0;
        for (int a = 0; a < K; a++) sum += z[a];
        if (!(Math.Abs(sum) > 0) || !double.IsFinite(sum)) return;
        // delta = w_acc - w (w is the last iterate h_K)
        var d = _delta;
        int last = K * _p;
        bool any = false;
        for (int k = 0; k < na; k++)
        {
            double acc = 0;
            for (int a = 0; a < K; a++) acc += z[a] / sum * h[(a + 1) * _p + k];
            if (positive && acc < 0) acc = 0;
            d[k] = acc - h[last + k];
            if (d[k] != 0) any = true;
        }
        if (!any) return;
        double before = Objective(na, l1, l2, null);
        double after = Objective(na, l1, l2, d);
        if (!(after < before)) return;
        for (int k = 0; k < na; k++)
        {
            int j = _active[k];
            double dk = d[k];
            if (dk == 0) continue;
            _w[j] += dk;
            LeastSquaresResidual.Move(_gram, _x, _n, _p, j, dk, _c, _r);
        }
        if (!UsesGram) _cValid = false;
    }

    /// <summary>Objective (n-scaled) at w + delta over the active coordinates (delta null for w itself).</summary>
    private double Objective(int na, ReadOnlySpan<double> l1, ReadOnlySpan<double> l2, double[]? delta)
    {
        double pen = 0, rn2;
        if (UsesGram)
        {
            // ||y - X v||^2 = yy - 2 v.q + v^T G v, v = w + delta on the active set (w is zero elsewhere)
            double vq = 0, vgv = 0;
            for (int k = 0; k < na; k++)
            {
                int j = _active[k];
                double vj = _w[j] + (delta?[k] ?? 0);
                vq += vj * _xty[j];
                // (G v)_j = q_j - c_j + (G delta)_j
                double gv = _xty[j] - _c[j];
                if (delta is not null)
                    for (int t = 0; t < na; t++) gv += _gram![(long)_active[t] * _p + j] * delta[t];
                vgv += vj * gv;
                pen += l1[j] * Math.Abs(vj) + 0.5 * l2[j] * vj * vj;
            }
            rn2 = _yy - 2 * vq + vgv;
        }
        else
        {
            var r = _r!.AsSpan(0, _n);
            if (delta is null) rn2 = VectorKernels.Dot(r, r);
            else
            {
                var tmp = _scratch ??= new double[_n];
                r.CopyTo(tmp);
                for (int k = 0; k < na; k++) if (delta[k] != 0) VectorKernels.Axpy(-delta[k], _x.AsSpan(_active[k] * _n, _n), tmp);
                rn2 = VectorKernels.Dot(tmp, tmp);
            }
            for (int k = 0; k < na; k++)
            {
                int j = _active[k];
                double vj = _w[j] + (delta?[k] ?? 0);
                pen += l1[j] * Math.Abs(vj) + 0.5 * l2[j] * vj * vj;
            }
        }
        return 0.5 * rn2 + pen;
    }

    private double[]? _scratch;

    private static bool SolveSmall(Span<double> m, Span<double> b, int k)
    {
        for (int col = 0; col < k; col++)
        {
            int piv = col;
            for (int r = col + 1; r < k; r++) if (Math.Abs(m[r * k + col]) > Math.Abs(m[piv * k + col])) piv = r;
            if (!(Math.Abs(m[piv * k + col]) > 0)) return false;
            if (piv != col)
            {
                for (int c = 0; c < k; c++) (m[col * k + c], m[piv * k + c]) = (m[piv * k + c], m[col * k + c]);
                (b[col], b[piv]) = (b[piv], b[col]);
            }
            for (int r = col + 1; r < k; r++)
            {
                double f = m[r * k + col] / m[col * k + col];
                for (int c = col; c < k; c++) m[r * k + c] -= f * m[col * k + c];
                b[r] -= f * b[col];
            }
        }
        for (int r = k - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int c = r + 1; c < k; c++) s -= m[r * k + c] * b[c];
            b[r] = s / m[r * k + r];
        }
        return true;
    }
}
