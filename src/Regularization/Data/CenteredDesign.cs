using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Validation;

namespace Regularization.Data;

/// <summary>
/// A design matrix and target prepared for a linear solver: sample weights normalized to sum to n (as scikit-learn does),
/// columns and target centered at their weighted means when an intercept is fitted, and every row scaled by
/// <c>sqrt(weight)</c>, so that <c>1/(2n) sum_i s_i (y_i - x_i w - b)^2</c> becomes the unweighted
/// <c>1/(2n) ||Y - X w||^2</c> on the prepared arrays, with <c>b = YMean - XMean . w</c>.
/// </summary>
/// <remarks>Reusable by any least-squares type solver (ridge, elastic net, group lasso, the IRLS inner loop of logistic regression).</remarks>
public sealed class CenteredDesign
{
    // One recycled copy buffer (see Release), at most MaxSpare entries (128 MB): the memory a fit of that size needed anyway.
    private const int MaxSpare = 1 << 24;
    private static readonly object s_spareLock = new();
    private static double[]? s_spare;
    private readonly bool _ownsX;
    private bool _released;

    private CenteredDesign(int n, int p, double[] x, double[] y, double[] xMean, double yMean, bool fitIntercept, double[]? sqrtWeights, bool ownsX = false)
    {
        N = n; P = p; X = x; Y = y; XMean = xMean; YMean = yMean; FitIntercept = fitIntercept; SqrtWeights = sqrtWeights;
        _ownsX = ownsX;
    }

    /// <summary>
    /// A buffer for the private copy of X: the recycled one when it has exactly this length, so repeated fits of one shape do not
    /// pay the operating system's first-touch cost of fresh memory (about 8 ms for 20 MB here), otherwise a new uninitialized array.
    /// </summary>
    private static double[] RentCopy(int length)
    {
        lock (s_spareLock)
        {
            if (s_spare is { } spare && spare.Length == length)
            {
                s_spare = null;
                return spare;
            }
        }
        return GC.AllocateUninitializedArray<double>(length);
    }

    /// <summary>
    /// Hands the private copy of X back for reuse by the next design of the same size (one slot, kept until a copy of another size
    /// replaces it or a fit takes it). Only for an estimator that created this design itself and will not read it again (nothing
    /// it returns refers to it); a design that user code holds is never released.
    /// </summary>
    internal void Release()
    {
        if (!_ownsX || _released) return;
        _released = true;
        if (X.Length < 1 << 15 || X.Length > MaxSpare) return;   // small copies are cheap to allocate; huge ones are not kept
        lock (s_spareLock) s_spare = X;
    }

    /// <summary>Number of rows.</summary>
    public int N { get; }

    /// <summary>Number of columns.</summary>
    public int P { get; }

    /// <summary>
    /// Prepared design, column-major (column j occupies [j N, (j+1) N)). A private copy, except without intercept, weights or
    /// row subset, when it is the dense matrix's own storage (nothing to center or scale): solvers must treat it as read-only.
    /// </summary>
    public double[] X { get; }

    /// <summary>Prepared target (length N).</summary>
    public double[] Y { get; }

    /// <summary>Weighted column means that were subtracted (zeros without intercept).</summary>
    public double[] XMean { get; }

    /// <summary>Weighted target mean that was subtracted (0 without intercept).</summary>
    public double YMean { get; }

    /// <summary>Whether the data were centered (an intercept is fitted).</summary>
    public bool FitIntercept { get; }

    /// <summary><c>sqrt</c> of the normalized sample weights (null when unweighted).</summary>
    public double[]? SqrtWeights { get; }

    /// <summary>The intercept that goes with coefficients <paramref name="coef"/>: <c>YMean - XMean . coef</c> (0 without intercept).</summary>
    public double InterceptFor(ReadOnlySpan<double> coef)
    {
        if (!FitIntercept) return 0.0;
        double s = YMean;
        for (int j = 0; j < P; j++) s -= XMean[j] * coef[j];
        return s;
    }

    /// <summary>Validates and prepares <paramref name="x"/>, <paramref name="y"/> (optionally only the given rows).</summary>
    /// <param name="x">Design matrix (n x p), finite.</param>
    /// <param name="y">Target (length n), finite.</param>
    /// <param name="sampleWeight">Optional non-negative weights (length n); normalized to sum to the number of rows used.</param>
    /// <param name="fitIntercept">Center at weighted means.</param>
    /// <param name="rows">Optional subset of rows (for cross-validation folds); null for all.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // runs once per fit over all of X: no slow first-tier code
    public static CenteredDesign Create(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight, bool fitIntercept, IReadOnlyList<int>? rows = null)
    {
        Guard.Design(x, "x", forSums: true);
        Guard.Target(y, x.RowCount, "y", "x.RowCount", forSums: true);
        Guard.SampleWeights(sampleWeight, x.RowCount);
        int nAll = x.RowCount, p = x.ColumnCount;
        int n = rows?.Count ?? nAll;
        if (n == 0) throw new ArgumentException("rows is empty: empty data is not allowed.", nameof(rows));
        var src = MatrixOps.ColumnMajor(x);
        var ysrc = MatrixOps.Array(y);
        var ys = new double[n];
        if (rows is null && !fitIntercept && sampleWeight is null)
        {
            // nothing to center or scale: share the storage (read-only), copy only y
            Array.Copy(ysrc, ys, n);
            return new CenteredDesign(n, p, src, ys, new double[p], 0, false, null);
        }
        var xs = RentCopy(checked(n * p));   // every entry is written below
        if (rows is null)
        {
            Array.Copy(src, xs, (long)n * p);
            Array.Copy(ysrc, ys, n);
        }
        else
        {
            for (int k = 0; k < n; k++)
            {
                int r = rows[k];
                if (r < 0 || r >= nAll) throw new ArgumentOutOfRangeException(nameof(rows), r, $"rows contains {r}: row indices must lie in [0, {nAll - 1}].");
                ys[k] = ysrc[r];
            }
            for (int j = 0; j < p; j++)
            {
                long o = (long)j * nAll, d = (long)j * n;
                for (int k = 0; k < n; k++) xs[d + k] = src[o + rows[k]];
            }
        }
        double[]? sw = null;
        if (sampleWeight is not null)
        {
            sw = new double[n];
            double sum = 0;
            for (int k = 0; k < n; k++) { sw[k] = sampleWeight[rows?[k] ?? k]; sum += sw[k]; }
            if (sum <= 0) throw new ArgumentException("sampleWeight sums to 0 on the rows used: at least one weight must be > 0.", nameof(sampleWeight));
            for (int k = 0; k < n; k++) sw[k] *= n / sum;
        }
        var xMean = new double[p];
        double yMean = 0;
        if (fitIntercept)
        {
            yMean = WeightedMean(ys, sw);
            for (int k = 0; k < n; k++) ys[k] -= yMean;
            for (int j = 0; j < p; j++)
            {
                var col = xs.AsSpan((int)((long)j * n), n);
                double m = WeightedMean(col, sw);
                xMean[j] = m;
                System.Numerics.Tensors.TensorPrimitives.Subtract(col, m, col);
            }
        }
        double[]? sq = null;
        if (sw is not null)
        {
            sq = new double[n];
            for (int k = 0; k < n; k++) sq[k] = Math.Sqrt(sw[k]);
            System.Numerics.Tensors.TensorPrimitives.Multiply(ys, sq, ys);
            for (int j = 0; j < p; j++)
            {
                var col = xs.AsSpan((int)((long)j * n), n);
                System.Numerics.Tensors.TensorPrimitives.Multiply(col, sq, col);
            }
        }
        return new CenteredDesign(n, p, xs, ys, xMean, yMean, fitIntercept, sq, ownsX: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double WeightedMean(ReadOnlySpan<double> v, double[]? w)
    {
        if (w is null) return System.Numerics.Tensors.TensorPrimitives.Sum(v) / v.Length;
        return System.Numerics.Tensors.TensorPrimitives.Dot(v, w) / System.Numerics.Tensors.TensorPrimitives.Sum<double>(w);
    }
}
