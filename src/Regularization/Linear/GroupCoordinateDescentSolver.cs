using System.Numerics.Tensors;
using Regularization.Data;
using Regularization.Kernels;
using Regularization.Validation;

namespace Regularization.Linear;

/// <summary>
/// Block coordinate descent for the group lasso in the n-scaled form
/// <c>1/2 ||y - X w||^2 + lambda sum_g omega_g ||w_g||_2</c> (so <c>lambda = n alpha</c> for <see cref="GroupLasso"/>):
/// each visit of a group takes majorized proximal steps <c>w_g &lt;- S(w_g + X_g^T r / L_g, lambda omega_g / L_g)</c> with block
/// soft-thresholding S and <c>L_g</c> the largest eigenvalue of <c>X_g^T X_g</c> (groupwise majorization descent, as gglasso),
/// repeated until the block settles. Covariance updates from <c>X^T X</c> when n &gt; p, residual updates otherwise.
/// Stops when the duality gap (dual point <c>s r</c>, <c>s = min(1, min_g lambda omega_g / ||X_g^T r||)</c>) is at most <c>tol ||y||^2</c>.
/// Features in no group are unpenalized (a group with omega = 0). Warm-started across calls.
/// </summary>
public sealed class GroupCoordinateDescentSolver
{
    private readonly int _n, _p;
    private readonly double[] _x, _y, _xty, _w, _c, _lip;
    private readonly double[]? _gram, _r;
    private readonly int[][] _groups;
    private readonly double[] _omega;
    private readonly double _yy;
    private readonly double[] _bufOld, _bufGrad, _bufV, _bufCur;

    /// <summary>Prepares the solver. Groups must be disjoint; features in no group are unpenalized.</summary>
    public GroupCoordinateDescentSolver(CenteredDesign data, int[][] groups, double[] groupWeights, CdAlgorithm algorithm = CdAlgorithm.Auto)
    {
        Guard.NotNull(data, nameof(data));
        _n = data.N; _p = data.P; _x = data.X; _y = data.Y;
        var covered = new bool[_p];
        foreach (var g in groups) foreach (var j in g) covered[j] = true;
        var extra = Enumerable.Range(0, _p).Where(j => !covered[j]).Select(j => new[] { j });
        _groups = groups.Concat(extra).ToArray();
        _omega = groupWeights.Concat(extra.Select(_ => 0.0)).ToArray();
        UsesGram = algorithm switch { CdAlgorithm.Covariance => true, CdAlgorithm.Naive => false, _ => _n > _p && _p <= 5000 };
        _xty = new double[_p];
        GramKernels.TransposeMultiply(_x, _n, _p, _y, _xty);
        _yy = VectorKernels.Dot(_y.AsSpan(0, _n), _y.AsSpan(0, _n));
        _w = new double[_p];
        _c = (double[])_xty.Clone();
        if (UsesGram)
        {
            _gram = new double[(long)_p * _p];
            GramKernels.Gram(_x, _n, _p, _gram);
        }
        else _r = (double[])_y.Clone();
        int maxSize = _groups.Max(g => g.Length);
        _bufOld = new double[maxSize]; _bufGrad = new double[maxSize]; _bufV = new double[maxSize]; _bufCur = new double[maxSize];
        _lip = new double[_groups.Length];
        for (int g = 0; g < _groups.Length; g++) _lip[g] = LargestEigen(_groups[g]);
    }

    /// <summary>True when covariance updates are used.</summary>
    public bool UsesGram { get; }

    /// <summary>The groups, including singleton unpenalized groups appended for features in no group.</summary>
    public IReadOnlyList<int[]> Groups => _groups;

    /// <summary>The current coefficients.</summary>
    public ReadOnlySpan<double> Coef => _w;

    /// <summary><c>X^T (y - X w)</c> at the last gap evaluation.</summary>
    public ReadOnlySpan<double> Correlations => _c;

    /// <summary>Sets the coefficients (warm start).</summary>
    public void SetCoef(ReadOnlySpan<double> w)
    {
        Guard.SameLength(w.Length, _p, nameof(w), "the number of features");
        w.CopyTo(_w);
        Refresh();
    }

    /// <summary><c>max_g ||X_g^T r|| / omega_g</c> at the current coefficients (penalized groups only): lambda_max when w is the unpenalized fit.</summary>
    public double DualNorm()
    {
        Refresh();
        double m = 0;
        for (int g = 0; g < _groups.Length; g++)
        {
            if (_omega[g] <= 0) continue;
            double ss = 0;
            foreach (int j in _groups[g]) ss += _c[j] * _c[j];
            m = Math.Max(m, Math.Sqrt(ss) / _omega[g]);
        }
        return m;
    }

    private double LargestEigen(int[] grp)
    {
        int m = grp.Length;
        var a = new double[m * m];
        for (int u = 0; u < m; u++)
            for (int v = 0; v < m; v++)
                a[v * m + u] = _gram is not null
                    ? _gram[(long)grp[v] * _p + grp[u]]
                    : VectorKernels.Dot(_x.AsSpan(grp[u] * _n, _n), _x.AsSpan(grp[v] * _n, _n));
        if (m == 1) return a[0];
        var (vals, _) = DenseLinearAlgebra.SymmetricEigen(a, m);
        return vals.Max();
    }

    private void Refresh() => LeastSquaresResidual.Refresh(_gram, _x, _y, _xty, _w, _n, _p, _c, _r);

    /// <summary>Minimizes <c>1/2 ||y - X w||^2 + lambda sum_g omega_g ||w_g||</c> from the current coefficients.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public CdResult Solve(double lambda, double tol, int maxIter)
    {
        Guard.NonNegative(lambda, nameof(lambda));
        double tolAbs = tol * _yy;
        int iter = 0, activeSweeps = 0;
        double gap = double.PositiveInfinity;
        string reason;
        var all = Enumerable.Range(0, _groups.Length).ToArray();
        var active = new int[_groups.Length];
        while (true)
        {
            var (dmax, wmax) = Sweep(all, all.Length, lambda);
            iter++;
            if (wmax == 0 || dmax / wmax <= tol || iter >= maxIter)
            {
                gap = Gap(lambda);
                if (gap <= tolAbs) { reason = $"duality gap {gap:G3} <= tol*||y||^2 = {tolAbs:G3} after {iter} full and {activeSweeps} active-set sweep(s)"; break; }
                if (iter >= maxIter) { reason = $"reached maxIter = {maxIter} full sweeps ({activeSweeps} active-set sweeps) with duality gap {gap:G3} > tol*||y||^2 = {tolAbs:G3}"; break; }
            }
            int na = 0;
            for (int g = 0; g < _groups.Length; g++)
                foreach (int j in _groups[g]) if (_w[j] != 0) { active[na++] = g; break; }
            if (na == 0) continue;
            for (int inner = 0; inner < 100 * maxIter; inner++)
            {
                var (da, wa) = Sweep(active, na, lambda);
                activeSweeps++;
                if (wa == 0 || da / wa <= tol) break;
            }
        }
        return new CdResult(iter + activeSweeps, gap, gap <= tolAbs, reason);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private (double, double) Sweep(int[] idx, int count, double lambda)
    {
        double dmax = 0, wmax = 0;
        for (int k = 0; k < count; k++)
        {
            int g = idx[k];
            var grp = _groups[g];
            int m = grp.Length;
            double lip = _lip[g];
            if (lip <= 0) continue;
            var old = _bufOld.AsSpan(0, m);
            var grad = _bufGrad.AsSpan(0, m);
            var v = _bufV.AsSpan(0, m);
            var cur = _bufCur.AsSpan(0, m);
            for (int t = 0; t < m; t++) old[t] = _w[grp[t]];
            // current block gradient (negative): X_g^T r
            if (UsesGram) for (int t = 0; t < m; t++) grad[t] = _c[grp[t]];
            else for (int t = 0; t < m; t++) grad[t] = VectorKernels.Dot(_x.AsSpan(grp[t] * _n, _n), _r);
            double thr = lambda * _omega[g] / lip;
            old.CopyTo(cur);
            for (int rep = 0; rep < (m == 1 ? 1 : 50); rep++)
            {
                for (int t = 0; t < m; t++) v[t] = cur[t] + grad[t] / lip;
                ProxKernels.BlockSoftThreshold(v, thr, v);
                double change = 0, size = 0;
                for (int t = 0; t < m; t++)
                {
                    double dt = v[t] - cur[t];
                    change = Math.Max(change, Math.Abs(dt));
                    size = Math.Max(size, Math.Abs(v[t]));
                    if (dt != 0)
                    {
                        // block gradient update: grad -= G_gg dt
                        for (int u = 0; u < m; u++)
                            grad[u] -= dt * (UsesGram ? _gram![(long)grp[t] * _p + grp[u]] : ColDot(grp[u], grp[t]));
                    }
                    cur[t] = v[t];
                }
                if (change <= 1e-13 * size || m == 1) break;
            }
            for (int t = 0; t < m; t++)
            {
                double d = cur[t] - old[t];
                if (d == 0) continue;
                _w[grp[t]] = cur[t];
                LeastSquaresResidual.Move(_gram, _x, _n, _p, grp[t], d, _c, _r);
                dmax = Math.Max(dmax, Math.Abs(d));
            }
            for (int t = 0; t < m; t++) wmax = Math.Max(wmax, Math.Abs(cur[t]));
        }
        return (dmax, wmax);
    }

    /// <summary><c>||y - X w||^2</c> and <c>||y||^2</c> on the prepared design at the current coefficients (refreshed from scratch).</summary>
    internal (double Rss, double Tss) ResidualSums()
    {
        Refresh();
        return (LeastSquaresResidual.Norms(_r, _y, _n, _yy, _xty, _w, _c).Rn2, _yy);
    }

    private double ColDot(int a, int b) => VectorKernels.Dot(_x.AsSpan(a * _n, _n), _x.AsSpan(b * _n, _n));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private double Gap(double lambda)
    {
        Refresh();
        var (rn2, ry) = LeastSquaresResidual.Norms(_r, _y, _n, _yy, _xty, _w, _c);
        double dual = 0, pen = 0;
        for (int g = 0; g < _groups.Length; g++)
        {
            double cs = 0, ws = 0;
            foreach (int j in _groups[g]) { cs += _c[j] * _c[j]; ws += _w[j] * _w[j]; }
            pen += lambda * _omega[g] * Math.Sqrt(ws);
            if (_omega[g] > 0 && lambda > 0) dual = Math.Max(dual, Math.Sqrt(cs) / (lambda * _omega[g]));
        }
        double s = dual > 1 ? 1 / dual : 1;
        return Math.Max(0, 0.5 * rn2 * (1 + s * s) + pen - s * ry);
    }
}
