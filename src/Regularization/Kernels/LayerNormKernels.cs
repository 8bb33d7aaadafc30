using System.Numerics;

namespace Regularization.Kernels;

/// <summary>
/// Layer normalization over the features of each row (PyTorch's <c>nn.LayerNorm(features)</c>):
/// <c>y = γ ⊙ (x − μ)/sqrt(σ² + ε) + β</c> with the row's mean μ and population variance σ². Span in, span out; the
/// forward pass keeps the normalized rows <c>x̂</c> and the reciprocal deviations for the backward pass.
/// </summary>
internal static class LayerNormKernels
{
    /// <summary>
    /// Normalizes each of <paramref name="batch"/> rows of <paramref name="x"/> (<c>[batch, features]</c>): writes
    /// <c>x̂</c> into <paramref name="xhat"/>, <c>1/sqrt(σ² + ε)</c> into <paramref name="rstd"/> (<c>[batch]</c>) and
    /// <c>γ ⊙ x̂ + β</c> into <paramref name="y"/>. <paramref name="y"/> may alias <paramref name="x"/>.
    /// </summary>
    public static void Forward<T>(ReadOnlySpan<T> x, int batch, int features, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, T eps,
        Span<T> xhat, Span<T> rstd, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T n = T.CreateTruncating(features);
        for (int b = 0; b < batch; b++)
        {
            var xr = x.Slice(b * features, features);
            var hr = xhat.Slice(b * features, features);
            var yr = y.Slice(b * features, features);
            T mean = T.Zero;
            for (int i = 0; i < features; i++) mean += xr[i];
            mean /= n;
            T var = T.Zero;
            for (int i = 0; i < features; i++) { T d = xr[i] - mean; var += d * d; }
            T r = T.One / T.Sqrt(var / n + eps);
            rstd[b] = r;
            for (int i = 0; i < features; i++)
            {
                T h = (xr[i] - mean) * r;
                hr[i] = h;
                yr[i] = gamma[i] * h + beta[i];
            }
        }
    }

    /// <summary>
    /// Backward pass from <paramref name="dy"/>: overwrites <paramref name="dgamma"/> <c>= Σ_b dy ⊙ x̂</c> and
    /// <paramref name="dbeta"/> <c>= Σ_b dy</c>, and writes
    /// <c>dx = rstd · (g − mean(g) − x̂ · mean(g ⊙ x̂))</c> with <c>g = γ ⊙ dy</c>. <paramref name="dx"/> may alias <paramref name="dy"/>.
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> xhat, ReadOnlySpan<T> rstd, int batch, int features, ReadOnlySpan<T> gamma,
        Span<T> dgamma, Span<T> dbeta, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        dgamma[..features].Clear(); dbeta[..features].Clear();
        T n = T.CreateTruncating(features);
        for (int b = 0; b < batch; b++)
        {
            var dr = dy.Slice(b * features, features);
            var hr = xhat.Slice(b * features, features);
            T sg = T.Zero, sgh = T.Zero;
            for (int i = 0; i < features; i++)
            {
                T d = dr[i], h = hr[i];
                dgamma[i] += d * h;
                dbeta[i] += d;
                T g = gamma[i] * d;
                sg += g; sgh += g * h;
            }
            T mg = sg / n, mgh = sgh / n, r = rstd[b];
            var xr = dx.Slice(b * features, features);
            for (int i = 0; i < features; i++) xr[i] = r * (gamma[i] * dr[i] - mg - hr[i] * mgh);
        }
    }
}
