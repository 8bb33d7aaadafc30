using System.Numerics.Tensors;
using Regularization.Data;
using Regularization.Kernels;
using Regularization.Validation;

namespace Regularization.Linear;

/// <summary>
/// Cyclic coordinate descent for the weighted elastic net in scikit-learn's n-scaled form
/// <c>1/2 ||y - X w||^2 + sum_j l1_j |w_j| + 1/2 sum_j l2_j w_j^2</c> (so <c>l1_j = n alpha l1Ratio pf_j</c> and
/// <c>l2_j = n alpha (1 - l1Ratio) pf_j</c> for the estimators), on data prepared by <see cref="CenteredDesign"/>.
/// </summary>
/// <remarks>
/// <para>Two update rules: covariance updates keep <c>c = X^T (y - X w)</c> up to date from <c>X^T X</c> (O(p) per changed
/// coordinate), naive updates keep the residual (O(n) per coordinate). Both sweep all candidate coordinates, then iterate on the
/// active set (non-zero coefficients) until the largest relative change is below <c>tol</c>, then sweep all again; the solve stops
/// when a full sweep changes little and the duality gap is at most <c>tol ||y||^2</c> (scikit-learn's rule).</para>
/// <para>The duality gap is primal minus dual at the dual point <c>nu = s R</c> (R the residual): for the lasso this is exactly
/// scikit-learn's gap (<c>s = min(1, min_j l1_j / |x_j^T R|)</c>); coordinates with an L2 term enter through the Fenchel conjugate
/// <c>(|x_j^T nu| - l1_j)_+^2 / (2 l2_j)</c>, which stays a valid bound for l1Ratio = 0 (scikit-learn's augmented formula does not).</para>
/// <para>Naive mode screens with the sequential strong rule (<c>|c_j| &gt;= 2 l1_j - l1_j(previous)</c>) and checks the
/// KKT conditions of every screened-out coordinate at each gap evaluation, adding violators back.</para>
/// <para>With covariance updates, p &gt;= 64 and tol &gt;= 1e-7, the sweeps move <c>c</c> with a single-precision copy of <c>X^T X</c>
/// (half the memory traffic); every refresh of <c>c</c>, the duality gap and so the stopping certificate use the double-precision matrix.</para>
/// The solver keeps its coefficients between calls, so successive <see cref="Solve"/> calls along a decreasing grid are warm-started.
/// Reusable by other solvers (for example the inner weighted least-squares step of a logistic IRLS).
/// </remarks>
public sealed partial class CoordinateDescentSolver
{
    private readonly int _n, _p;
    private readonly double[] _x, _y;
    private readonly double[]? _gram;
    private readonly double[] _xty, _diag, _w, _c;
    private readonly double[]? _r;
    private readonly double _yy;
    private readonly bool[] _inSet;
    private readonly int[] _set, _active;
    private readonly double[] _hist, _delta;
    private const int AndersonDepth = 5;
    private float[]? _gram32;
    private const double SinglePrecisionMinTol = 1e-7;
    private bool _singleThisSolve;
    private int _setCount;
    private bool _cValid;

    /// <summary>Prepares the solver on centered (and weighted) data; forms <c>X^T X</c> when covariance updates are chosen.</summary>
    public CoordinateDescentSolver(CenteredDesign data, CdAlgorithm algorithm = CdAlgorithm.Auto)
        : this(Guard.NotNull(data, nameof(data)).X, data.Y, data.N, data.P, algorithm) { }

    /// <summary>Prepares the solver on a column-major n x p design <paramref name="x"/> and target <paramref name="y"/> (not copied).</summary>
    public CoordinateDescentSolver(double[] x, double[] y, int n, int p, CdAlgorithm algorithm = CdAlgorithm.Auto, double[]? gram = null)
    {
        _n = n; _p = p; _x = x; _y = y;
        UsesGram = algorithm switch
        {
            CdAlgorithm.Covariance => true,
            CdAlgorithm.Naive => false,
            _ => gram is not null || (n > p && p <= 5000),
        };
        _xty = new double[p];
        GramKernels.TransposeMultiply(x, n, p, y, _xty);
        _diag = new double[p];
        _yy = VectorKernels.Dot(y.AsSpan(0, n), y.AsSpan(0, n));
        if (UsesGram)
        {
            if (gram is null)
            {
                gram = new double[(long)p * p];
                GramKernels.Gram(x, n, p, gram);
            }
            _gram = gram;
            for (int j = 0; j < p; j++) _diag[j] = gram[(long)j * p + j];
        }
        else
        {
            for (int j = 0; j < p; j++) { var col = x.AsSpan(j * n, n); _diag[j] = VectorKernels.Dot(col, col); }
            _r = (double[])y.Clone();
        }
        _w = new double[p];
        _c = (double[])_xty.Clone();
        _cValid = true;
        _inSet = new bool[p];
        _set = new int[p];
        _active = new int[p];
        _hist = new double[(AndersonDepth + 1) * p];
        Acceleration = !UsesGram;
        _delta = new double[p];
        if (UsesGram && p >= 64) SinglePrecisionUpdates = true;
    }

    /// <summary>
    /// Anderson acceleration of the active-set sweeps: every 6 sweeps the last iterates are extrapolated
    /// (Bertrand and Massias 2021) and the extrapolation is kept only when it lowers the objective. On by default with naive
    /// updates (it halves the sweeps in ill-conditioned p &gt; n paths), off with covariance updates (where checking the
    /// objective costs more than the sweeps it saves).
    /// </summary>
    public bool Acceleration { get; set; }

    /// <summary>
    /// Covariance updates only: the sweeps move <c>c</c> with a single-precision copy of <c>X^T X</c> (half the memory traffic of the
    /// column streamed per changed coordinate), while every refresh of <c>c</c>, the duality gap and so the stopping certificate use the
    /// double-precision matrix. The single-precision error of a sweep is relative to the coefficient change (about 6e-8 |d| |G_jk|), so
    /// it vanishes as the sweeps converge, and a refresh before the final gap removes what has accumulated (mixed-precision iterative
    /// refinement). The single-precision error left in the coefficients is about 6e-8 times their change since the last refresh, below
    /// the error of the stopping rule itself (about tol |w|) only for tol &gt;= 1e-7: tighter solves use double precision throughout.
    /// On by default for p &gt;= 64 when every Gram entry is at most 1e30 in magnitude; setting it false uses double precision throughout.
    /// </summary>
    internal bool SinglePrecisionUpdates
    {
        get => _gram32 is not null;
        set
        {
            if (!value || _gram is null) { _gram32 = null; return; }
            if (_gram32 is not null) return;
            long len = (long)_p * _p;
            var g32 = new float[len];
            bool inRange = true;
            for (long i = 0; i < len; i++)
            {
                double v = _gram[i];
                inRange &= Math.Abs(v) <= 1e30;
                g32[i] = (float)v;
            }
            if (inRange) _gram32 = g32;
        }
    }

    /// <summary>True when covariance (Gram) updates are used.</summary>
    public bool UsesGram { get; }

    /// <summary>Number of features.</summary>
    public int Features => _p;

    /// <summary>Number of rows.</summary>
    public int Rows => _n;

    /// <summary><c>||y||^2</c> of the prepared target (the scale of the stopping rule).</summary>
    public double YNormSquared => _yy;

    /// <summary><c>X^T y</c> of the prepared data.</summary>
    public ReadOnlySpan<double> XTy => _xty;

    /// <summary>Squared column norms <c>x_j^T x_j</c>.</summary>
    public ReadOnlySpan<double> ColumnNormsSquared => _diag;

    /// <summary>The current coefficients.</summary>
    public ReadOnlySpan<double> Coef => _w;

    /// <summary><c>X^T (y - X w)</c> at the last duality-gap evaluation.</summary>
    public ReadOnlySpan<double> Correlations => _c;

    /// <summary>
    /// <c>||y - X w||^2</c> and <c>||y||^2</c> on the prepared design at the current coefficients (for the deviance explained of a
    /// path point): O(p) with covariance updates (the correlations are kept current there), O(n) from the residual with naive
    /// ones. Reads the state only, so the path that follows is unchanged.
    /// </summary>
    internal (double Rss, double Tss) ResidualSums()
    {
        return (LeastSquaresResidual.Norms(_r, _y, _n, _yy, _xty, _w, _c).Rn2, _yy);
    }

    /// <summary>Sets the coefficients (warm start) and refreshes the residual state.</summary>
    public void SetCoef(ReadOnlySpan<double> w)
    {
        Guard.SameLength(w.Length, _p, nameof(w), "the number of features");
        w.CopyTo(_w);
        RefreshState();
    }

    private void RefreshState()
    {
        LeastSquaresResidual.Refresh(_gram, _x, _y, _xty, _w, _n, _p, _c, _r);
        _cValid = true;
    }

    /// <summary>
    /// Minimizes <c>1/2 ||y - X w||^2 + sum_j l1[j] |w_j| + 1/2 sum_j l2[j] w_j^2</c> from the current coefficients.
    /// </summary>
    /// <param name="l1">Per-coordinate L1 weights (&gt;= 0; 0 leaves the L1 term off for that coordinate).</param>
    /// <param name="l2">Per-coordinate L2 weights (&gt;= 0).</param>
    /// <param name="positive">Constrain every coefficient to be &gt;= 0.</param>
    /// <param name="tol">Stops when the duality gap is at most <c>tol ||y||^2</c> (and uses <c>tol</c> for the relative-change test).</param>
    /// <param name="maxIter">Maximum number of full sweeps.</param>
    /// <param name="previousL1">The l1 weights of the previous solve on a path (enables the strong rule in naive mode), or empty.</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public CdResult Solve(ReadOnlySpan<double> l1, ReadOnlySpan<double> l2, bool positive, double tol, int maxIter, ReadOnlySpan<double> previousL1 = default)
    {
        Guard.SameLength(l1.Length, _p, nameof(l1), "the number of features");
        Guard.SameLength(l2.Length, _p, nameof(l2), "the number of features");
        Guard.NonNegative(tol, nameof(tol));
        Guard.AtLeast(maxIter, 1, nameof(maxIter));
        double tolAbs = tol * _yy;
        _singleThisSolve = tol >= SinglePrecisionMinTol;
        BuildCandidateSet(l1, previousL1);
        int iter = 0, activeSweeps = 0;
        double gap = double.PositiveInfinity;
        string reason;
        while (true)
        {
            var (dmax, wmax) = Sweep(_set, _setCount, l1, l2, positive);
            iter++;
            bool small = wmax == 0 || dmax / wmax <= tol;
            if (small || iter >= maxIter)
            {
                gap = Gap(l1, l2, positive, refresh: !UsesGram);
                if (gap <= tolAbs && UsesGram) gap = Gap(l1, l2, positive, refresh: true); // confirm without drift
                if (gap <= tolAbs) { reason = $"duality gap {gap:G3} <= tol*||y||^2 = {tolAbs:G3} after {iter} full and {activeSweeps} active-set sweep(s)"; break; }
                if (iter >= maxIter) { reason = $"reached maxIter = {maxIter} full sweeps ({activeSweeps} active-set sweeps) with duality gap {gap:G3} > tol*||y||^2 = {tolAbs:G3}"; break; }
            }
            int na = 0;
            for (int k = 0; k < _setCount; k++) if (_w[_set[k]] != 0) _active[na++] = _set[k];
            if (na == 0) continue;
            int stored = 0;
            for (int inner = 1; inner <= 100 * maxIter; inner++)
            {
                var (da, wa) = Sweep(_active, na, l1, l2, positive);
                activeSweeps++;
                if (wa == 0 || da / wa <= tol) break;
                if (!Acceleration) continue;
                for (int k = 0; k < na; k++) _hist[stored * _p + k] = _w[_active[k]];
                if (++stored == AndersonDepth + 1)
                {
                    TryAnderson(na, l1, l2, positive);
                    stored = 0;
                }
            }
        }
        return new CdResult(iter + activeSweeps, gap, gap <= tolAbs, reason);
    }

    private void BuildCandidateSet(ReadOnlySpan<double> l1, ReadOnlySpan<double> previousL1)
    {
        Array.Clear(_inSet);
        _setCount = 0;
        bool strong = !UsesGram && _cValid && previousL1.Length == _p;
        for (int j = 0; j < _p; j++)
        {
            bool keep = !strong || _w[j] != 0 || l1[j] == 0 || Math.Abs(_c[j]) >= 2 * l1[j] - previousL1[j];
            if (keep) { _inSet[j] = true; _set[_setCount++] = j; }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private (double DMax, double WMax) Sweep(int[] idx, int count, ReadOnlySpan<double> l1, ReadOnlySpan<double> l2, bool positive)
    {
        double dmax = 0, wmax = 0;
        var w = _w;
        if (UsesGram)
        {
            var c = _c;
            var gram = _gram!;
            var g32 = _singleThisSolve ? _gram32 : null;
            for (int k = 0; k < count; k++)
            {
                int j = idx[k];
                double gjj = _diag[j];
                if (gjj == 0) continue;
                double wj = w[j];
                double tmp = c[j] + gjj * wj;
                double nw = Update(tmp, l1[j], gjj + l2[j], positive);
                if (nw != wj)
                {
                    double d = nw - wj;
                    w[j] = nw;
                    if (g32 is not null) VectorKernels.AxpyWiden(-d, g32.AsSpan((int)((long)j * _p), _p), c);
                    else VectorKernels.Axpy(-d, gram.AsSpan((int)((long)j * _p), _p), c);
                    if (Math.Abs(d) > dmax) dmax = Math.Abs(d);
                }
                if (Math.Abs(nw) > wmax) wmax = Math.Abs(nw);
            }
        }
        else
        {
            var r = _r!;
            for (int k = 0; k < count; k++)
            {
                int j = idx[k];
                double gjj = _diag[j];
                if (gjj == 0) continue;
                var col = _x.AsSpan(j * _n, _n);
                double wj = w[j];
                double tmp = VectorKernels.Dot(col, r) + gjj * wj;
                double nw = Update(tmp, l1[j], gjj + l2[j], positive);
                if (nw != wj)
                {
                    double d = nw - wj;
                    w[j] = nw;
                    VectorKernels.Axpy(-d, col, r);
                    if (Math.Abs(d) > dmax) dmax = Math.Abs(d);
                }
                if (Math.Abs(nw) > wmax) wmax = Math.Abs(nw);
            }
            _cValid = false;
        }
        return (dmax, wmax);
    }

    /// <summary>
    /// Primal minus dual at the dual point <c>nu = s r</c>, over the coordinates in idx (all when null), given
    /// <c>||r||^2</c>, <c>r.y</c> and <c>c = X^T r</c>. Coordinates with <c>l2_j &gt; 0</c> enter the dual through the conjugate
    /// <c>(|c_j| - l1_j)_+^2 / (2 l2_j)</c>; pure-L1 coordinates constrain <c>s = min(1, l1_j / |c_j|)</c> (for the lasso this is exactly
    /// scikit-learn's gap); unpenalized coordinates add their one-step decrease <c>c_j^2 / (2 x_j^T x_j)</c>.
    /// </summary>
    private double Combine(double rn2, double ry, int[]? idx, int count, ReadOnlySpan<double> l1, ReadOnlySpan<double> l2, bool positive)
    {
        double s = 1, pen = 0;
        for (int k = 0; k < count; k++)
        {
            int j = idx is null ? k : idx[k];
            double cj = positive ? _c[j] : Math.Abs(_c[j]);
            if (l2[j] == 0 && l1[j] > 0 && cj * s > l1[j]) s = l1[j] / cj;
            pen += l1[j] * Math.Abs(_w[j]) + 0.5 * l2[j] * _w[j] * _w[j];
        }
        double primal = 0.5 * rn2 + pen;
        double dual = s * ry - 0.5 * s * s * rn2, extra = 0;
        for (int k = 0; k < count; k++)
        {
            int j = idx is null ? k : idx[k];
            double cj = positive ? _c[j] : Math.Abs(_c[j]);
            if (l2[j] > 0)
            {
                double e = s * cj - l1[j];
                if (e > 0) dual -= e * e / (2 * l2[j]);
            }
            else if (l1[j] == 0 && _diag[j] > 0)
            {
                extra += _c[j] * _c[j] / (2 * _diag[j]);
            }
        }
        return Math.Max(0, primal - dual + extra);
    }

    // Soft-threshold update. A coordinate whose correlation is within 1e-13 (relative) of its threshold is set to exactly 0,
    // so that alpha = alpha_max (computed as |c_j| / (n l1Ratio pf_j) and multiplied back, which can round down by one ulp)
    // gives an exactly zero solution; the KKT conditions then hold to 1e-13 relative.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double Update(double tmp, double l1, double denom, bool positive)
    {
        double thr = l1 * (1 + 1e-13);
        if (positive ? tmp <= thr : Math.Abs(tmp) <= thr) return 0;
        return (tmp > 0 ? tmp - l1 : tmp + l1) / denom;
    }

    /// <summary>Duality gap at the current coefficients (refreshes <see cref="Correlations"/>; in naive mode adds KKT violators to the candidate set).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private double Gap(ReadOnlySpan<double> l1, ReadOnlySpan<double> l2, bool positive, bool refresh)
    {
        if (refresh || !_cValid) RefreshState();
        var (rn2, ry) = LeastSquaresResidual.Norms(_r, _y, _n, _yy, _xty, _w, _c);
        if (!UsesGram)
        {
            for (int j = 0; j < _p; j++)
            {
                if (_inSet[j]) continue;
                double cj = positive ? _c[j] : Math.Abs(_c[j]);
                if (cj > l1[j]) { _inSet[j] = true; _set[_setCount++] = j; }
            }
        }
        return Combine(rn2, ry, null, _p, l1, l2, positive);
    }
}
