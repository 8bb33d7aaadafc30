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
    /// Centered fitted values and leverages for every alpha at once (two matrix products with the n x m projections):
    /// column k of <paramref name="fitted"/> and <paramref name="leverage"/> (both n x alphas.Length, column-major) belongs to alphas[k].
    /// </summary>
    public void FittedAndLeverageAll(double[] alphas, double[] fitted, double[] leverage)
    {
        int n = _d.N, m = _lambda.Length, q = alphas.Length;
        EnsureProjection();
        var fz = new double[m * q];
        var fh = new double[m * q];
        for (int a = 0; a < q; a++)
            for (int k = 0; k < m; k++)
            {
                double den = _lambda[k] + alphas[a];
                if (Primal) { fz[a * m + k] = den > 0 ? _z[k] / den : 0; fh[a * m + k] = den > 0 ? 1 / den : 0; }
                else { double f = den > 0 ? _lambda[k] / den : 0; fz[a * m + k] = f * _z[k]; fh[a * m + k] = f; }
            }
        GemmKernels.Multiply(_proj, n, m, fz, q, fitted);
        GemmKernels.Multiply(_projSq, n, m, fh, q, leverage);
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
