using System.Numerics.Tensors;
using Regularization.Data;
using Regularization.Kernels;

namespace Regularization.Linear;

/// <summary>
/// The spectral form of ridge on centered data, shared by <see cref="Ridge.Path"/> and <see cref="RidgeCV"/>:
/// primal (n &gt; p) <c>X^T X = V diag(lambda) V^T</c>, or dual (n &lt;= p) <c>X X^T = U diag(lambda) U^T</c>; equivalent to the SVD of X
/// (<c>lambda = s^2</c>). Every alpha then costs O(p^2) for coefficients and O(n p) for fitted values and leverages.
/// </summary>
internal sealed class RidgeSpectrum
{
    private readonly CenteredDesign _d;
    private readonly double[] _lambda, _vectors, _z;
    private double[]? _proj;   // primal: P = X V (n x p); dual: U itself

    public RidgeSpectrum(CenteredDesign d)
    {
        _d = d;
        int n = d.N, p = d.P;
        Primal = n > p;
        if (Primal)
        {
            var g = new double[(long)p * p];
            GramKernels.Gram(d.X, n, p, g);
            (_lambda, _vectors) = DenseLinearAlgebra.SymmetricEigen(g, p);
            var q = new double[p];
            GramKernels.TransposeMultiply(d.X, n, p, d.Y, q);
            _z = new double[p];
            GramKernels.TransposeMultiply(_vectors, p, p, q, _z);
        }
        else
        {
            var xt = new double[(long)n * p];
            GramKernels.Transpose(d.X, n, p, xt);
            var k = new double[(long)n * n];
            GramKernels.Gram(xt, p, n, k);
            (_lambda, _vectors) = DenseLinearAlgebra.SymmetricEigen(k, n);
            _z = new double[n];
            GramKernels.TransposeMultiply(_vectors, n, n, d.Y, _z);
        }
        for (int i = 0; i < _lambda.Length; i++) if (_lambda[i] < 0) _lambda[i] = 0;
    }

    public bool Primal { get; }

    /// <summary>Eigenvalues of the Gram (or kernel) matrix: the squared singular values of the centered X.</summary>
    public ReadOnlySpan<double> SquaredSingularValues => _lambda;

    /// <summary>Coefficients at <paramref name="alpha"/> (on the prepared, normalized-weight scale).</summary>
    public double[] Coef(double alpha)
    {
        int n = _d.N, p = _d.P, m = _lambda.Length;
        var t = new double[m];
        for (int k = 0; k < m; k++) t[k] = _lambda[k] + alpha > 0 ? _z[k] / (_lambda[k] + alpha) : 0;
        var w = new double[p];
        if (Primal)
        {
            GramKernels.Multiply(_vectors, p, p, t, w);
        }
        else
        {
            var a = new double[n];
            GramKernels.Multiply(_vectors, n, n, t, a);
            GramKernels.TransposeMultiply(_d.X, n, p, a, w);
        }
        return w;
    }

    /// <summary>Effective degrees of freedom <c>sum lambda_k / (lambda_k + alpha)</c>.</summary>
    public double DegreesOfFreedom(double alpha)
    {
        double s = 0;
        foreach (var l in _lambda) s += l + alpha > 0 ? l / (l + alpha) : 0;
        return s;
    }

    /// <summary>
    /// Centered fitted values and leverages (diagonal of the hat matrix of the centered problem, without the 1/n of the intercept)
    /// at <paramref name="alpha"/>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void FittedAndLeverage(double alpha, Span<double> fitted, Span<double> leverage)
    {
        int n = _d.N, m = _lambda.Length;
        EnsureProjection();
        var proj = _proj!;
        Span<double> fz = m <= 4096 ? stackalloc double[m] : new double[m];
        Span<double> fh = m <= 4096 ? stackalloc double[m] : new double[m];
        for (int k = 0; k < m; k++)
        {
            double den = _lambda[k] + alpha;
            if (Primal) { fz[k] = den > 0 ? _z[k] / den : 0; fh[k] = den > 0 ? 1 / den : 0; }
            else { double f = den > 0 ? _lambda[k] / den : 0; fz[k] = f * _z[k]; fh[k] = f; }
        }
        fitted[..n].Clear();
        leverage[..n].Clear();
        for (int k = 0; k < m; k++)
        {
            if (fh[k] == 0 && fz[k] == 0) continue;
            var col = proj.AsSpan(k * n, n);
            VectorKernels.Axpy(fz[k], col, fitted[..n]);
        }
        var sq = _projSq!;
        for (int k = 0; k < m; k++)
        {
            if (fh[k] == 0) continue;
            VectorKernels.Axpy(fh[k], sq.AsSpan(k * n, n), leverage[..n]);
        }
    }

    private double[]? _projSq;

    private void EnsureProjection()
    {
        if (_proj is not null) return;
        int n = _d.N, p = _d.P;
        if (Primal)
        {
            _proj = new double[(long)n * p];
            GemmKernels.Multiply(_d.X, n, p, _vectors, p, _proj);
        }
        else _proj = _vectors;
        _projSq = new double[_proj.Length];
        TensorPrimitives.Multiply(_proj, _proj, _projSq);
    }
}
