using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Regularization.Kernels;

public static partial class LogisticKernels
{
    /// <summary>
    /// The binary log-loss and its gradient in one pass over a column-major <c>X</c> (<paramref name="rows"/> x <c>w.Length</c>):
    /// <c>eta = X w + b</c>, returns <c>sum_i u[i] (log(1 + exp(eta[i])) - y[i] eta[i])</c>, writes the negative eta-gradient
    /// <c>r = u (y - sigmoid(eta))</c>, <c>xtr = X^T r</c> and <c>rsum = sum_i r[i]</c>; when <paramref name="hxx"/> is not empty it
    /// also writes the Hessian diagonal <c>hxx[j] = sum_i u[i] p[i] (1 - p[i]) X[i, j]^2</c>.
    /// <para>
    /// The rows are processed in blocks of <paramref name="blockRows"/> (0: chosen from the column count so that a block of X stays
    /// in the L2 cache): the block's share of <c>X w</c> (four columns per sweep of the block), its loss and residual, then its share of
    /// <c>X^T r</c> (four columns per sweep), so X is streamed from memory once per evaluation instead of twice. One exp and one log
    /// per row; the next block is prefetched while the current one is finished. Compiled fully optimized on first use. No allocation (the Hessian diagonal uses a block-length stack buffer).
    /// </para>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double LossGradient(ReadOnlySpan<double> columnMajor, int rows, ReadOnlySpan<double> w, double b,
        ReadOnlySpan<double> y, ReadOnlySpan<double> u, Span<double> eta, Span<double> r, Span<double> xtr, Span<double> hxx,
        out double rsum, int blockRows = 0)
    {
        int n = rows, p = w.Length;
        if (columnMajor.Length < (long)n * p) throw new ArgumentException($"columnMajor has {columnMajor.Length} entries, fewer than rows*w.Length = {(long)n * p}.", nameof(columnMajor));
        if (y.Length < n || u.Length < n) throw new ArgumentException($"y ({y.Length}) and u ({u.Length}) must have at least rows = {n} entries.");
        CheckDest(eta, n, nameof(eta));
        CheckDest(r, n, nameof(r));
        CheckDest(xtr, p, nameof(xtr));
        bool wantH = !hxx.IsEmpty;
        if (wantH) CheckDest(hxx, p, nameof(hxx));
        if (blockRows < 0) throw new ArgumentOutOfRangeException(nameof(blockRows), blockRows, $"blockRows = {blockRows} is not allowed: use 0 (automatic) or a positive row count.");
        int block = blockRows > 0 ? blockRows : DefaultBlockRows(p);
        xtr[..p].Clear();
        if (wantH) hxx[..p].Clear();
        int hLen = Math.Min(block, n);
        Span<double> hBlock = !wantH ? default : hLen <= 2048 ? stackalloc double[hLen] : new double[hLen];
        double loss = 0, rs = 0;
        ref double xr = ref MemoryMarshal.GetReference(columnMajor);
        for (int r0 = 0; r0 < n; r0 += block)
        {
            int m = Math.Min(block, n - r0);
            var e = eta.Slice(r0, m);
            var rr = r.Slice(r0, m);
            ref double x0 = ref Unsafe.Add(ref xr, r0);
            BlockProduct(ref x0, n, m, w, b, e);
            for (int i = 0; i < m; i++)
            {
                double ui = u[r0 + i];
                if (ui == 0)
                {
                    rr[i] = 0;
                    if (wantH) hBlock[i] = 0;
                    continue;
                }
                double z = e[i], yi = y[r0 + i];
                double t = Math.Exp(-Math.Abs(z));
                double l = t < 1e-8 ? t * (1 - 0.5 * t) : Math.Log(1 + t);
                loss += ui * ((z > 0 ? z : 0) + l - yi * z);
                double s = (z >= 0 ? 1 : t) / (1 + t);
                double ri = ui * (yi - s);
                rr[i] = ri;
                rs += ri;
                if (wantH) hBlock[i] = ui * s * (1 - s);
            }
            BlockTransposeProductAdd(ref x0, n, m, rr, xtr[..p], r0 + m < n ? Math.Min(block, n - r0 - m) : 0);
            if (wantH) BlockWeightedSquaresAdd(ref x0, n, m, hBlock[..m], hxx[..p]);
        }
        rsum = rs;
        return loss;
    }

    /// <summary>Rows per block for <see cref="LossGradient"/>: about 256 KiB of X (32 Ki entries), a multiple of 8 in [32, 1024].</summary>
    public static int DefaultBlockRows(int cols) => Math.Clamp(32768 / Math.Max(1, cols), 32, 1024) / 8 * 8;

    /// <summary><c>e = X_block w + b</c> for the m rows starting at <paramref name="x0"/> (column stride <paramref name="ld"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BlockProduct(ref double x0, int ld, int m, ReadOnlySpan<double> w, double b, Span<double> e)
    {
        int p = w.Length, vw = Vector<double>.Count;
        ref double er = ref MemoryMarshal.GetReference(e);
        e[..m].Fill(b);
        int j = 0;
        for (; j + 4 <= p; j += 4)
        {
            double w0 = w[j], w1 = w[j + 1], w2 = w[j + 2], w3 = w[j + 3];
            ref double c0 = ref Unsafe.Add(ref x0, (nint)j * ld);
            ref double c1 = ref Unsafe.Add(ref c0, ld);
            ref double c2 = ref Unsafe.Add(ref c1, ld);
            ref double c3 = ref Unsafe.Add(ref c2, ld);
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                Vector<double> v0 = new(w0), v1 = new(w1), v2 = new(w2), v3 = new(w3);
                for (; i <= m - vw; i += vw)
                {
                    var acc = Vector.LoadUnsafe(ref er, (nuint)i)
                        + v0 * Vector.LoadUnsafe(ref c0, (nuint)i) + v1 * Vector.LoadUnsafe(ref c1, (nuint)i)
                        + v2 * Vector.LoadUnsafe(ref c2, (nuint)i) + v3 * Vector.LoadUnsafe(ref c3, (nuint)i);
                    acc.StoreUnsafe(ref er, (nuint)i);
                }
            }
            for (; i < m; i++)
                Unsafe.Add(ref er, i) += w0 * Unsafe.Add(ref c0, i) + w1 * Unsafe.Add(ref c1, i) + w2 * Unsafe.Add(ref c2, i) + w3 * Unsafe.Add(ref c3, i);
        }
        for (; j < p; j++)
        {
            double wj = w[j];
            if (wj == 0) continue;
            ref double c = ref Unsafe.Add(ref x0, (nint)j * ld);
            for (int i = 0; i < m; i++) Unsafe.Add(ref er, i) += wj * Unsafe.Add(ref c, i);
        }
    }

    /// <summary>
    /// <c>g[j] += sum_i X_block[i, j] r[i]</c> for the m rows starting at <paramref name="x0"/>, four columns per sweep. While the block
    /// (already in cache) is read, the same columns of the <paramref name="next"/> rows that follow are prefetched, so that the next
    /// block's first sweep does not wait on memory (short column pieces give the hardware prefetcher little to go on).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void BlockTransposeProductAdd(ref double x0, int ld, int m, ReadOnlySpan<double> r, Span<double> g, int next)
    {
        int p = g.Length;
        ref double rr = ref MemoryMarshal.GetReference(r);
        int j = 0;
        for (; j + 4 <= p; j += 4)
        {
            ref double c0 = ref Unsafe.Add(ref x0, (nint)j * ld);
            ref double c1 = ref Unsafe.Add(ref c0, ld);
            ref double c2 = ref Unsafe.Add(ref c1, ld);
            ref double c3 = ref Unsafe.Add(ref c2, ld);
            if (next > 0 && Sse.IsSupported)
            {
                byte* q = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref c0, m));
                int bytes = next * 8;
                for (int k = 0; k < 4; k++, q += (nint)ld * 8)
                    for (int o = 0; o < bytes; o += 64) Sse.Prefetch0(q + o);
            }
            Dot4(MemoryMarshal.CreateReadOnlySpan(ref rr, m), MemoryMarshal.CreateReadOnlySpan(ref c0, m), MemoryMarshal.CreateReadOnlySpan(ref c1, m),
                MemoryMarshal.CreateReadOnlySpan(ref c2, m), MemoryMarshal.CreateReadOnlySpan(ref c3, m), out var s0, out var s1, out var s2, out var s3);
            g[j] += s0; g[j + 1] += s1; g[j + 2] += s2; g[j + 3] += s3;
        }
        for (; j < p; j++)
        {
            ref double c = ref Unsafe.Add(ref x0, (nint)j * ld);
            double s = 0;
            for (int i = 0; i < m; i++) s += Unsafe.Add(ref rr, i) * Unsafe.Add(ref c, i);
            g[j] += s;
        }
    }

    /// <summary><c>q[j] += sum_i h[i] X_block[i, j]^2</c> for the m rows starting at <paramref name="x0"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BlockWeightedSquaresAdd(ref double x0, int ld, int m, ReadOnlySpan<double> h, Span<double> q)
    {
        ref double hr = ref MemoryMarshal.GetReference(h);
        for (int j = 0; j < q.Length; j++)
        {
            ref double c = ref Unsafe.Add(ref x0, (nint)j * ld);
            double s = 0;
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                int vw = Vector<double>.Count;
                Vector<double> a = default;
                for (; i <= m - vw; i += vw)
                {
                    var xv = Vector.LoadUnsafe(ref c, (nuint)i);
                    a += xv * xv * Vector.LoadUnsafe(ref hr, (nuint)i);
                }
                s = Vector.Sum(a);
            }
            for (; i < m; i++)
            {
                double xv = Unsafe.Add(ref c, i);
                s += xv * xv * Unsafe.Add(ref hr, i);
            }
            q[j] += s;
        }
    }
}
