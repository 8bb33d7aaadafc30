using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Regularization.Kernels;

/// <summary>
/// O(n) selection of the k smallest magnitudes by radix select on the IEEE bit patterns of |w| (which order like the values),
/// over one or several segments treated as their concatenation. Ties at the threshold are broken by position: the lower
/// (concatenated) index is pruned first. Entries whose existing mask is 0 are not eligible (already pruned).
/// </summary>
internal sealed class MagnitudeSelect<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Radix = 11, Buckets = 1 << Radix;
    private static readonly int KeyBits = Unsafe.SizeOf<T>() == 4 ? 31 : 63;
    private readonly long[] _hist = new long[Buckets];
    private ulong[] _cand = [];

    /// <summary>The magnitude key: the bit pattern of |x| (monotone in |x| for non-NaN values).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(T x)
    {
        if (typeof(T) == typeof(float)) return BitConverter.SingleToUInt32Bits(Unsafe.As<T, float>(ref x)) & 0x7FFF_FFFFu;
        if (typeof(T) == typeof(double)) return BitConverter.DoubleToUInt64Bits(Unsafe.As<T, double>(ref x)) & 0x7FFF_FFFF_FFFF_FFFFul;
        throw new NotSupportedException($"T = {typeof(T).Name} is not supported: use float or double.");
    }

    private static readonly ulong NaNKey = Unsafe.SizeOf<T>() == 4 ? 0x7F80_0000ul : 0x7FF0_0000_0000_0000ul;

    /// <summary>Start of a selection: clears the first-digit histogram.</summary>
    public void Begin() => Array.Clear(_hist);

    /// <summary>Adds a segment to the first-digit histogram; returns the number of eligible entries. Throws on NaN.</summary>
    public long Count(ReadOnlySpan<T> values, ReadOnlySpan<T> mask, string name)
    {
        int shift = KeyBits - Radix;
        long eligible = 0;
        var h = _hist;
        for (int i = 0; i < values.Length; i++)
        {
            if (!mask.IsEmpty && mask[i] == T.Zero) continue;
            ulong k = Key(values[i]);
            if (k > NaNKey) throw new ArgumentException($"{name}[{i}] is NaN: magnitudes of NaN cannot be ranked.", name);
            h[(int)(k >> shift)]++;
            eligible++;
        }
        return eligible;
    }

    private int _digit;
    private long _below;

    /// <summary>After all <see cref="Count"/> calls: picks the first digit of the k-th smallest key (1 &lt;= k &lt;= eligible)
    /// and sizes the candidate buffer.</summary>
    public void ChooseFirstDigit(long k)
    {
        long cum = 0;
        for (int d = 0; d < Buckets; d++)
        {
            if (cum + _hist[d] >= k)
            {
                _digit = d; _below = cum;
                if (_cand.Length < _hist[d]) _cand = new ulong[_hist[d]];
                _ncand = 0;
                return;
            }
            cum += _hist[d];
        }
        throw new InvalidOperationException($"k = {k} exceeds the eligible count {cum}.");
    }

    private int _ncand;

    /// <summary>Collects the keys of a segment whose first digit is the chosen one.</summary>
    public void Gather(ReadOnlySpan<T> values, ReadOnlySpan<T> mask)
    {
        int shift = KeyBits - Radix;
        ulong dg = (ulong)_digit;
        var c = _cand;
        int n = _ncand;
        for (int i = 0; i < values.Length; i++)
        {
            if (!mask.IsEmpty && mask[i] == T.Zero) continue;
            ulong k = Key(values[i]);
            if (k >> shift == dg) c[n++] = k;
        }
        _ncand = n;
    }

    /// <summary>Refines the candidates digit by digit: returns the k-th smallest key and how many entries equal to it are
    /// among the k smallest (to be taken lowest index first).</summary>
    public (ulong Threshold, long TakeEqual) Finish(long k)
    {
        long rem = k - _below;
        var c = _cand.AsSpan(0, _ncand);
        var h = _hist;
        for (int shift = KeyBits - 2 * Radix; ; shift -= Radix)
        {
            int s = Math.Max(shift, 0);
            Array.Clear(h);
            foreach (ulong x in c) h[(int)((x >> s) & (Buckets - 1))]++;
            long cum = 0; int d = 0;
            for (; d < Buckets; d++) { if (cum + h[d] >= rem) break; cum += h[d]; }
            rem -= cum;
            int m = 0;
            for (int i = 0; i < c.Length; i++) if ((int)((c[i] >> s) & (Buckets - 1)) == d) c[m++] = c[i];
            c = c[..m];
            if (s == 0) break;
        }
        return (c[0], rem);
    }

    /// <summary>
    /// Writes the new mask of a segment: 0 where already pruned, where |w| is below the threshold, or where it equals it while
    /// <paramref name="takeEqual"/> lasts (decremented); 1 otherwise. <paramref name="newMask"/> may alias <paramref name="mask"/>.
    /// Returns the number of entries newly pruned.
    /// </summary>
    public static long WriteMask(ReadOnlySpan<T> values, ReadOnlySpan<T> mask, ulong threshold, ref long takeEqual, Span<T> newMask)
    {
        long pruned = 0;
        if (mask.IsEmpty && typeof(T) == typeof(float) && Vector.IsHardwareAccelerated)
        {
            // vectorized: key < t -> 0, key > t -> 1; lanes equal to t handled in order by the scalar path
            var keys = MemoryMarshal.Cast<T, uint>(values);
            var vk = MemoryMarshal.Cast<uint, Vector<uint>>(keys);
            var outv = MemoryMarshal.Cast<T, Vector<float>>(newMask);
            var abs = new Vector<uint>(0x7FFF_FFFFu);
            var tv = new Vector<uint>((uint)threshold);
            int w = Vector<uint>.Count, nv = vk.Length;
            for (int j = 0; j < nv; j++)
            {
                var key = vk[j] & abs;
                if (Vector.EqualsAny(key, tv))
                {
                    for (int i = j * w; i < (j + 1) * w; i++) pruned += Scalar(values[i], T.One, threshold, ref takeEqual, out newMask[i]);
                    continue;
                }
                var ge = Vector.GreaterThan(key, tv);
                outv[j] = Vector.ConditionalSelect(Vector.AsVectorSingle(ge), Vector<float>.One, Vector<float>.Zero);
                pruned += -(long)Vector.Sum(Vector.AsVectorInt32(Vector.LessThan(key, tv)));
            }
            for (int i = nv * w; i < values.Length; i++) pruned += Scalar(values[i], T.One, threshold, ref takeEqual, out newMask[i]);
            return pruned;
        }
        for (int i = 0; i < values.Length; i++)
            pruned += Scalar(values[i], mask.IsEmpty ? T.One : mask[i], threshold, ref takeEqual, out newMask[i]);
        return pruned;
    }

    /// <summary>Sets to zero, in place, the entries below the threshold and the first <paramref name="takeEqual"/> equal to it.</summary>
    public static void ZeroSmallest(Span<T> values, ulong threshold, ref long takeEqual)
    {
        int start = 0;
        if (typeof(T) == typeof(float) && Vector.IsHardwareAccelerated)
        {
            var vk = MemoryMarshal.Cast<T, Vector<uint>>(values);
            var abs = new Vector<uint>(0x7FFF_FFFFu);
            var tv = new Vector<uint>((uint)threshold);
            int w = Vector<uint>.Count;
            for (int j = 0; j < vk.Length; j++)
            {
                var key = vk[j] & abs;
                if (Vector.EqualsAny(key, tv))
                {
                    for (int i = j * w; i < (j + 1) * w; i++) { if (Scalar(values[i], T.One, threshold, ref takeEqual, out _) == 1) values[i] = T.Zero; }
                    continue;
                }
                vk[j] = Vector.AndNot(vk[j], Vector.LessThan(key, tv));
            }
            start = vk.Length * w;
        }
        for (int i = start; i < values.Length; i++)
            if (Scalar(values[i], T.One, threshold, ref takeEqual, out _) == 1) values[i] = T.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Scalar(T v, T old, ulong threshold, ref long takeEqual, out T mask)
    {
        if (old == T.Zero) { mask = T.Zero; return 0; }
        ulong k = Key(v);
        if (k < threshold || (k == threshold && takeEqual > 0))
        {
            if (k == threshold) takeEqual--;
            mask = T.Zero;
            return 1;
        }
        mask = T.One;
        return 0;
    }
}
