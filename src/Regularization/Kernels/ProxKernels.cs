using System.Numerics;
using System.Numerics.Tensors;

namespace Regularization.Kernels;

/// <summary>
/// Span-in, span-out proximal kernels (vectorized with <see cref="TensorPrimitives"/>, no allocation).
/// Each writes into an explicit destination, which may alias the source.
/// </summary>
public static class ProxKernels
{
    /// <summary>Scalar soft-thresholding <c>sign(v) max(|v| - t, 0)</c>.</summary>
    public static double SoftThreshold(double v, double t) =>
        v > t ? v - t : v < -t ? v + t : 0.0;

    /// <summary><c>dest[i] = sign(v[i]) max(|v[i]| - t, 0)</c>, the prox of <c>t |x|</c>.</summary>
    public static void SoftThreshold(ReadOnlySpan<double> v, double t, Span<double> dest) => SoftThresholdCore(v, t, dest);

    /// <summary>Float overload of <see cref="SoftThreshold(ReadOnlySpan{double}, double, Span{double})"/>.</summary>
    public static void SoftThreshold(ReadOnlySpan<float> v, float t, Span<float> dest) => SoftThresholdCore(v, t, dest);

    private static void SoftThresholdCore<T>(ReadOnlySpan<T> v, T t, Span<T> dest) where T : INumber<T>
    {
        if (dest.Length < v.Length) throw new ArgumentException($"dest has length {dest.Length}, shorter than v ({v.Length}).", nameof(dest));
        if (!(t >= T.Zero) || T.IsInfinity(t)) throw new ArgumentOutOfRangeException(nameof(t), t, $"t = {t} is not allowed: the threshold must be a finite number >= 0.");
        if (t == T.Zero) { v.CopyTo(dest); return; }
        // soft(v, t) = v - clamp(v, -t, t)
        var d = dest[..v.Length];
        TensorPrimitives.Max(v, -t, d);
        TensorPrimitives.Min(d, t, d);
        TensorPrimitives.Subtract(v, d, d);
    }

    /// <summary>
    /// Block soft-thresholding <c>dest = max(0, 1 - t / ||v||_2) v</c>, the prox of <c>t ||x||_2</c>; zero when <c>||v||_2 &lt;= t</c>.
    /// </summary>
    public static void BlockSoftThreshold(ReadOnlySpan<double> v, double t, Span<double> dest)
    {
        if (dest.Length < v.Length) throw new ArgumentException($"dest has length {dest.Length}, shorter than v ({v.Length}).", nameof(dest));
        if (!(t >= 0) || double.IsInfinity(t)) throw new ArgumentOutOfRangeException(nameof(t), t, $"t = {t} is not allowed: the threshold must be a finite number >= 0.");
        double norm = TensorPrimitives.Norm(v);
        var d = dest[..v.Length];
        if (norm <= t) { d.Clear(); return; }
        TensorPrimitives.Multiply(v, 1.0 - t / norm, d);
    }
}
