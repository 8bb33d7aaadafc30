using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Regularization.Kernels;

/// <summary>
/// Span-in, span-out proximal kernels (vectorized, no allocation).
/// Each writes into an explicit destination, which may alias the source.
/// </summary>
public static class ProxKernels
{
    /// <summary>Scalar soft-thresholding <c>sign(v) max(|v| - t, 0)</c>.</summary>
    public static double SoftThreshold(double v, double t) =>
        v > t ? v - t : v < -t ? v + t : 0.0;

    /// <summary><c>dest[i] = sign(v[i]) max(|v[i]| - t, 0)</c>, the prox of <c>t |x|</c>.</summary>
    public static void SoftThreshold(ReadOnlySpan<double> v, double t, Span<double> dest) => SoftThreshold<double>(v, t, dest);

    /// <summary>Float overload of <see cref="SoftThreshold(ReadOnlySpan{double}, double, Span{double})"/>.</summary>
    public static void SoftThreshold(ReadOnlySpan<float> v, float t, Span<float> dest) => SoftThreshold<float>(v, t, dest);

    /// <summary>
    /// The one vector soft-threshold of the library (lasso, elastic-net and L1 proximal steps, the optimizers' proximal L1):
    /// <c>dest[i] = v[i] − clamp(v[i], −t, t) = sign(v[i]) max(|v[i]| − t, 0)</c>, one pass with <see cref="Vector{T}"/>. Each
    /// entry is read before it is written, so <paramref name="dest"/> may be <paramref name="v"/> itself (in place).
    /// </summary>
    public static void SoftThreshold<T>(ReadOnlySpan<T> v, T t, Span<T> dest) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (dest.Length < v.Length) throw new ArgumentException($"dest has length {dest.Length}, shorter than v ({v.Length}).", nameof(dest));
        if (!(t >= T.Zero) || T.IsInfinity(t)) throw new ArgumentOutOfRangeException(nameof(t), t, $"t = {t} is not allowed: the threshold must be a finite number >= 0.");
        if (t == T.Zero) { v.CopyTo(dest); return; }
        var vv = MemoryMarshal.Cast<T, Vector<T>>(v);
        var dv = MemoryMarshal.Cast<T, Vector<T>>(dest[..v.Length]);
        var tv = new Vector<T>(t); var mtv = new Vector<T>(-t);
        for (int i = 0; i < vv.Length; i++) { var x = vv[i]; dv[i] = x - Vector.Min(Vector.Max(x, mtv), tv); }
        for (int i = vv.Length * Vector<T>.Count; i < v.Length; i++) { T x = v[i]; dest[i] = x - T.Min(T.Max(x, -t), t); }
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
