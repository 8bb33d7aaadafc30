using System.Numerics;
using Regularization.Kernels;
using Regularization.Tensors;
using Regularization.Validation;

namespace Regularization.Pruning;

/// <summary>
/// Magnitude pruning as <c>torch.nn.utils.prune.l1_unstructured</c> / <c>global_unstructured</c>: the
/// <c>round(amount · remaining)</c> still-unpruned entries with the smallest |w| get mask 0 (round half to even), in O(n)
/// (radix select), ties broken lower index first. Global pruning ranks the row-major concatenation of all tensors. The mask
/// is kept beside the values as a reparametrization (<see cref="Parameter{T}.Mask"/>, torch's <c>weight_mask</c>; the model
/// computes with <c>Value ⊙ Mask</c> and masks the gradient, the optimizer never sees it) until <see cref="Bake{T}"/>.
/// Pruning also applies the mask to the values, so they read as the pruned tensor.
/// </summary>
public static class MagnitudePruner
{
    /// <summary><c>round(amount · n)</c>, half to even; <paramref name="amount"/> must lie in [0, 1].</summary>
    public static long CountToPrune(double amount, long n)
    {
        Guard.InClosedRange(amount, 0, 1, nameof(amount));
        return (long)Math.Round(amount * n, MidpointRounding.ToEven);
    }

    /// <summary>Zeros the <paramref name="count"/> entries of smallest |w| in place (no mask kept); returns the threshold magnitude.</summary>
    public static T PruneInPlace<T>(Span<T> values, long count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (count < 0 || count > values.Length)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count = {count} is not allowed: it must lie in [0, {values.Length}].");
        if (count == 0) return T.Zero;
        var sel = new MagnitudeSelect<T>();
        sel.Begin();
        sel.Count(values, default, nameof(values));
        sel.ChooseFirstDigit(count);
        sel.Gather(values, default);
        var (thr, take) = sel.Finish(count);
        MagnitudeSelect<T>.ZeroSmallest(values, thr, ref take);
        return T.CreateTruncating(BitConverterKey<T>(thr));
    }

    /// <summary>The 0/1 mask that prunes the <paramref name="count"/> smallest |w| among entries not already masked out,
    /// written into <paramref name="mask"/> (which may be <paramref name="existingMask"/> itself).</summary>
    public static void ComputeMask<T>(ReadOnlySpan<T> values, ReadOnlySpan<T> existingMask, long count, Span<T> mask)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!existingMask.IsEmpty) Guard.SameLength(existingMask.Length, values.Length, nameof(existingMask), "values.Length");
        Guard.SameLength(mask.Length, values.Length, nameof(mask), "values.Length");
        var sel = new MagnitudeSelect<T>();
        sel.Begin();
        long eligible = sel.Count(values, existingMask, nameof(values));
        if (count < 0 || count > eligible)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count = {count} is not allowed: it must lie in [0, {eligible}] (the unpruned entries).");
        if (count == 0)
        {
            if (existingMask.IsEmpty) mask.Fill(T.One); else existingMask.CopyTo(mask);
            return;
        }
        sel.ChooseFirstDigit(count);
        sel.Gather(values, existingMask);
        var (thr, take) = sel.Finish(count);
        MagnitudeSelect<T>.WriteMask(values, existingMask, thr, ref take, mask);
    }

    /// <summary>Prunes each tensor separately: <c>round(amount · remaining)</c> of its unpruned entries.</summary>
    public static SparsityReport LayerWise<T>(IEnumerable<Parameter<T>> parameters, double amount) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.InClosedRange(amount, 0, 1, nameof(amount));
        var ps = Guard.NotNull(parameters, nameof(parameters)).ToList();
        foreach (var p in ps)
        {
            long remaining = p.Mask is { } m ? m.Length - OptimKernels.CountZeros<T>(m) : p.Length;
            PruneCount([p], CountToPrune(amount, remaining));
        }
        return SparsityReport.Of(ps);
    }

    /// <summary>Prunes the row-major concatenation of all tensors: <c>round(amount · remaining)</c> of the unpruned entries overall.</summary>
    public static SparsityReport Global<T>(IEnumerable<Parameter<T>> parameters, double amount) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.InClosedRange(amount, 0, 1, nameof(amount));
        var ps = Guard.NotNull(parameters, nameof(parameters)).ToList();
        long remaining = ps.Sum(p => p.Mask is { } m ? m.Length - OptimKernels.CountZeros<T>(m) : p.Length);
        PruneCount(ps, CountToPrune(amount, remaining));
        return SparsityReport.Of(ps);
    }

    /// <summary>Prunes (globally or per tensor) until <paramref name="sparsity"/> of all entries are pruned: the count is
    /// <c>round(sparsity · n) − already pruned</c> (nothing when already sparser). Used by gradual pruning.</summary>
    public static SparsityReport ToSparsity<T>(IEnumerable<Parameter<T>> parameters, double sparsity, bool global = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.InClosedRange(sparsity, 0, 1, nameof(sparsity));
        var ps = Guard.NotNull(parameters, nameof(parameters)).ToList();
        if (global)
        {
            long n = ps.Sum(p => (long)p.Length), pruned = ps.Sum(Pruned);
            long k = CountToPrune(sparsity, n) - pruned;
            if (k > 0) PruneCount(ps, k);
        }
        else
        {
            foreach (var p in ps)
            {
                long k = CountToPrune(sparsity, p.Length) - Pruned(p);
                if (k > 0) PruneCount([p], k);
            }
        }
        return SparsityReport.Of(ps);
    }

    private static long Pruned<T>(Parameter<T> p) where T : unmanaged, IFloatingPointIeee754<T> =>
        p.Mask is { } m ? OptimKernels.CountZeros<T>(m) : 0;

    /// <summary>Prunes exactly <paramref name="count"/> more entries of the concatenation (an absolute count, like an int amount
    /// in torch) and returns the same report as the fraction overloads (<see cref="Global{T}"/>).</summary>
    public static SparsityReport PruneCount<T>(IReadOnlyList<Parameter<T>> parameters, long count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(parameters, nameof(parameters));
        for (int i = 0; i < parameters.Count; i++)
            if (parameters[i] is null) throw new ArgumentNullException(nameof(parameters), $"parameters[{i}] is null.");
        var sel = new MagnitudeSelect<T>();
        sel.Begin();
        long eligible = 0;
        foreach (var p in parameters) eligible += sel.Count(p.Value, p.Mask, p.Name);
        if (count < 0 || count > eligible)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count = {count} is not allowed: it must lie in [0, {eligible}] (the unpruned entries).");
        if (count == 0)
        {
            foreach (var p in parameters) p.Mask ??= Ones<T>(p.Length);
            return SparsityReport.Of(parameters);
        }
        sel.ChooseFirstDigit(count);
        foreach (var p in parameters) sel.Gather(p.Value, p.Mask);
        var (thr, take) = sel.Finish(count);
        foreach (var p in parameters)
        {
            var mask = p.Mask ?? new T[p.Length];
            MagnitudeSelect<T>.WriteMask(p.Value, p.Mask, thr, ref take, mask);
            p.Mask = mask;
            p.ApplyMask();
        }
        return SparsityReport.Of(parameters);
    }

    /// <summary>Multiplies the values by the mask (pruned entries become exactly zero).</summary>
    public static void ApplyMask<T>(Parameter<T> p) where T : unmanaged, IFloatingPointIeee754<T> => Guard.NotNull(p, nameof(p)).ApplyMask();

    /// <summary>Makes pruning permanent: values multiplied by the mask, mask removed (torch's <c>prune.remove</c>).</summary>
    public static void Bake<T>(IEnumerable<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var p in Guard.NotNull(parameters, nameof(parameters)))
        {
            p.ApplyMask();
            p.Mask = null;
        }
    }

    /// <summary>Removes the masks without touching the values (pruned entries stay zero but may regrow in training).</summary>
    public static void Unprune<T>(IEnumerable<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var p in Guard.NotNull(parameters, nameof(parameters))) p.Mask = null;
    }

    private static T BitConverterKey<T>(ulong key) where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? T.CreateTruncating(BitConverter.UInt32BitsToSingle((uint)key)) : T.CreateTruncating(BitConverter.UInt64BitsToDouble(key));

    private static T[] Ones<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new T[n];
        Array.Fill(a, T.One);
        return a;
    }
}
