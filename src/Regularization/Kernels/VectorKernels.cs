using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Regularization.Kernels;

/// <summary>
/// Level-1 kernels for the coordinate-descent inner loops: dot product and axpy on double spans, AVX/FMA when available.
/// Compiled fully optimized on first use (<see cref="MethodImplOptions.AggressiveOptimization"/>), so that the first fit in a
/// notebook runs at full speed instead of in unoptimized tier-0 code. Span-in, span-out, no allocation.
/// </summary>
public static class VectorKernels
{
    /// <summary><c>sum_i x[i] y[i]</c> over the common length <c>x.Length</c> (y must be at least as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length;
        if (y.Length < n) throw new ArgumentException($"y has length {y.Length}, shorter than x ({n}).", nameof(y));
        fixed (double* px = x)
        fixed (double* py = y)
        {
            int i = 0;
            double s = 0;
            if (Fma.IsSupported && n >= 16)
            {
                Vector256<double> a0 = Vector256<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
                for (; i + 16 <= n; i += 16)
                {
                    a0 = Fma.MultiplyAdd(Avx.LoadVector256(px + i), Avx.LoadVector256(py + i), a0);
                    a1 = Fma.MultiplyAdd(Avx.LoadVector256(px + i + 4), Avx.LoadVector256(py + i + 4), a1);
                    a2 = Fma.MultiplyAdd(Avx.LoadVector256(px + i + 8), Avx.LoadVector256(py + i + 8), a2);
                    a3 = Fma.MultiplyAdd(Avx.LoadVector256(px + i + 12), Avx.LoadVector256(py + i + 12), a3);
                }
                for (; i + 4 <= n; i += 4) a0 = Fma.MultiplyAdd(Avx.LoadVector256(px + i), Avx.LoadVector256(py + i), a0);
                s = Vector256.Sum(Avx.Add(Avx.Add(a0, a1), Avx.Add(a2, a3)));
            }
            for (; i < n; i++) s += px[i] * py[i];
            return s;
        }
    }

    /// <summary><c>y[i] += a x[i]</c> over <c>x.Length</c> entries (y must be at least as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length;
        if (y.Length < n) throw new ArgumentException($"y has length {y.Length}, shorter than x ({n}).", nameof(y));
        fixed (double* px = x)
        fixed (double* py = y)
        {
            int i = 0;
            if (Fma.IsSupported)
            {
                var va = Vector256.Create(a);
                for (; i + 8 <= n; i += 8)
                {
                    Avx.Store(py + i, Fma.MultiplyAdd(Avx.LoadVector256(px + i), va, Avx.LoadVector256(py + i)));
                    Avx.Store(py + i + 4, Fma.MultiplyAdd(Avx.LoadVector256(px + i + 4), va, Avx.LoadVector256(py + i + 4)));
                }
                for (; i + 4 <= n; i += 4) Avx.Store(py + i, Fma.MultiplyAdd(Avx.LoadVector256(px + i), va, Avx.LoadVector256(py + i)));
            }
            for (; i < n; i++) py[i] += a * px[i];
        }
    }

    /// <summary>
    /// <c>y[i] += a x[i]</c> with single-precision <paramref name="x"/> widened to double (y must be at least as long): half the memory
    /// traffic of <see cref="Axpy"/> for a matrix column streamed from cache.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void AxpyWiden(double a, ReadOnlySpan<float> x, Span<double> y)
    {
        int n = x.Length;
        if (y.Length < n) throw new ArgumentException($"y has length {y.Length}, shorter than x ({n}).", nameof(y));
        fixed (float* px = x)
        fixed (double* py = y)
        {
            int i = 0;
            if (Fma.IsSupported)
            {
                var va = Vector256.Create(a);
                for (; i + 8 <= n; i += 8)
                {
                    Avx.Store(py + i, Fma.MultiplyAdd(Avx.ConvertToVector256Double(Sse.LoadVector128(px + i)), va, Avx.LoadVector256(py + i)));
                    Avx.Store(py + i + 4, Fma.MultiplyAdd(Avx.ConvertToVector256Double(Sse.LoadVector128(px + i + 4)), va, Avx.LoadVector256(py + i + 4)));
                }
                for (; i + 4 <= n; i += 4) Avx.Store(py + i, Fma.MultiplyAdd(Avx.ConvertToVector256Double(Sse.LoadVector128(px + i)), va, Avx.LoadVector256(py + i)));
            }
            for (; i < n; i++) py[i] += a * px[i];
        }
    }
}
