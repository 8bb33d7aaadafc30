using System.Globalization;
using System.Numerics;
using System.Text;
using Regularization.Kernels;
using Regularization.Tensors;

namespace Regularization.Optim;

/// <summary>
/// Runs the transformation chain of each parameter group and applies <c>p ← p − u</c>. The state of a parameter is created
/// lazily at its first step. Each parameter is processed in cache-sized blocks, running the whole chain on a block before the
/// next one, so a step reads and writes each array once (the traffic of a single fused kernel).
/// <para>Per block: <c>u = grad</c>, check that u is finite, run the chain, <c>p -= u</c>, and the optional proximal
/// soft-threshold. A group built by a named optimizer also carries that optimizer's <see cref="FusedStep{T}"/>, which does the
/// same in one kernel (switch: <see cref="UseFusedKernels"/>). The optimizer knows nothing of pruning: a pruned parameter's
/// mask is a reparametrization applied by the model (see <see cref="Parameter{T}"/>).</para>
/// </summary>
public sealed class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int BlockBytes = 8192;
    private readonly Dictionary<Parameter<T>, TransformState<T>> _state = new(ReferenceEqualityComparer.Instance);
    private readonly T[] _scratch = new T[BlockBytes / System.Runtime.CompilerServices.Unsafe.SizeOf<T>()];

    /// <summary>Creates an optimizer from group specifications. A parameter may belong to one group only; names must be unique.</summary>
    public Optimizer(IEnumerable<GroupSpec<T>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Groups = groups.ToArray();
        if (Groups.Count == 0) throw new ArgumentException("groups is empty: an optimizer needs at least one parameter group.", nameof(groups));
        var seen = new HashSet<Parameter<T>>(ReferenceEqualityComparer.Instance);
        var names = new HashSet<string>();
        foreach (var g in Groups)
        {
            ArgumentNullException.ThrowIfNull(g, nameof(groups));
            foreach (var p in g.Group.Parameters)
            {
                if (p is null) throw new ArgumentNullException(nameof(groups), $"group {g.Group.Name} holds a null parameter.");
                if (!seen.Add(p)) throw new ArgumentException($"parameter {p.Name} appears in more than one group (group {g.Group.Name}): each parameter may be in one group only.", nameof(groups));
                if (!names.Add(p.Name)) throw new ArgumentException($"two parameters are named {p.Name}: names must be unique (they key the saved state).", nameof(groups));
            }
        }
    }

    /// <summary>When true (default), a group that carries a <see cref="FusedStep{T}"/> (every group of the named optimizers) runs
    /// it, one single-pass kernel per block with the chain's arithmetic; false runs every transformation separately (for teaching
    /// and testing; the results are identical).</summary>
    public bool UseFusedKernels { get; set; } = true;

    /// <summary>The groups with their chains.</summary>
    public IReadOnlyList<GroupSpec<T>> Groups { get; }

    /// <summary>Number of steps taken.</summary>
    public long StepCount { get; private set; }

    /// <summary>When true (default), a NaN or infinite gradient entry throws <see cref="NonFiniteGradientException"/>.</summary>
    public bool CheckFinite { get; set; } = true;

    /// <summary>All parameters, in group order.</summary>
    public IEnumerable<Parameter<T>> Parameters => Groups.SelectMany(g => g.Group.Parameters);

    /// <summary>The state of a parameter (the group chain's <see cref="ChainState{T}"/>), or null before its first step.</summary>
    public TransformState<T>? State(Parameter<T> parameter) => _state.GetValueOrDefault(parameter);

    /// <summary>The first state of type <typeparamref name="TState"/> in a parameter's state, e.g. <c>State&lt;AdamState&lt;float&gt;&gt;(p)</c>;
    /// null before the first step or when the chain has no such transformation.</summary>
    public TState? State<TState>(Parameter<T> parameter) where TState : TransformState<T> => State(parameter)?.Find<TState>();

    /// <summary>A state buffer of a parameter by PyTorch's name (<c>"exp_avg"</c>, <c>"exp_avg_sq"</c>, <c>"max_exp_avg_sq"</c>,
    /// <c>"momentum_buffer"</c>); null before the first step or when the chain has no such buffer.</summary>
    public T[]? StateBuffer(Parameter<T> parameter, string name) => State(parameter)?.FindBuffer(name);

    /// <summary>Sets every gradient to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.ZeroGrad();
    }

    /// <summary>One optimization step over all groups, reading each parameter's <see cref="Parameter{T}.Grad"/>.</summary>
    public void Step()
    {
        StepCount++;
        foreach (var g in Groups)
        {
            var tf = g.Transform;
            foreach (var p in g.Group.Parameters)
            {
                if (!_state.TryGetValue(p, out var st))
                {
                    st = tf.Init(p);
                    _state[p] = st;
                }
                tf.BeginStep(st);
                T thr = g.Proximal is { } prox && (g.ProximalApplies?.Invoke(p) ?? true) ? T.CreateChecked(prox.Threshold(st.Count - 1)) : T.Zero;
                if (UseFusedKernels && g.Fused is { } fused && st is ChainState<T> cs && fused.TryStep(p, cs, _scratch, CheckFinite, StepCount, thr)) continue;
                StepParameter(p, tf, st, thr);
            }
        }
    }

    private void StepParameter(Parameter<T> p, GradientTransformation<T> tf, TransformState<T> st, T threshold)
    {
        var value = p.Value.AsSpan();
        var grad = p.Grad.AsSpan();
        int n = value.Length, block = _scratch.Length;
        for (int off = 0; off < n; off += block)
        {
            int len = Math.Min(block, n - off);
            var u = _scratch.AsSpan(0, len);
            var pv = value.Slice(off, len);
            grad.Slice(off, len).CopyTo(u);
            if (CheckFinite) ThrowIfNonFinite(u, p, off, StepCount);
            tf.Update(u, pv, st, off);
            OptimKernels.ApplyDescent(pv, u, ReadOnlySpan<T>.Empty);
            if (threshold != T.Zero) ProxKernels.SoftThreshold<T>(pv, threshold, pv);
        }
    }

    /// <summary>Throws <see cref="NonFiniteGradientException"/> at the first NaN or infinite entry of a block.</summary>
    internal static void ThrowIfNonFinite(ReadOnlySpan<T> u, Parameter<T> p, int offset, long step)
    {
        int bad = OptimKernels.FirstNonFinite(u);
        if (bad >= 0) throw new NonFiniteGradientException(p.Name, offset + bad, double.CreateTruncating(u[bad]), step);
    }

    /// <summary>Which tensors are decayed, by how much, coupled or decoupled, and why.</summary>
    public IReadOnlyList<DecayAuditRow> DecayAudit()
    {
        var rows = new List<DecayAuditRow>();
        foreach (var g in Groups)
        {
            foreach (var p in g.Group.Parameters)
            {
                var d = g.Transform.DescribeDecay(p);
                string? excl = g.Transform switch
                {
                    Chain<T> c => c.Exclusion(p),
                    Masked<T> m => m.Exclusion(p),
                    _ => null,
                };
                if (d is not null)
                    rows.Add(new(g.Group.Name, p.Name, p.ShapeText, p.Role, true, d.Coefficient, d.Coupled ? "coupled L2" : "decoupled",
                        $"{d.Source}{(d.Coupled ? " before the preconditioner (goes through the moments)" : "")}, step multiplied by {d.MultipliedBy}"));
                else if (g.Proximal is { L1: > 0 } px && (g.ProximalApplies?.Invoke(p) ?? true))
                    rows.Add(new(g.Group.Name, p.Name, p.ShapeText, p.Role, true, px.L1, "proximal L1", $"soft-threshold by L1·lr after each step"));
                else
                    rows.Add(new(g.Group.Name, p.Name, p.ShapeText, p.Role, false, 0, "none",
                        excl ?? (g.Proximal is { L1: > 0 } ? $"excluded from the proximal L1 step by the no-decay rule ({NoDecay.Explain(p)})" : "no weight decay in this group's chain")));
            }
        }
        return rows;
    }

    /// <summary>The decay audit as a fixed-width text table.</summary>
    public string DecayAuditText()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{"group",-10} {"parameter",-14} {"shape",-11} {"role",-7} {"decay",-9} {"kind",-12} reason");
        foreach (var r in DecayAudit())
            sb.AppendLine($"{r.Group,-10} {r.Parameter,-14} {r.Shape,-11} {r.Role,-7} {r.Coefficient.ToString("G4", CultureInfo.InvariantCulture),-9} {r.Kind,-12} {r.Reason}");
        return sb.ToString();
    }

    /// <summary>The chains of every group, one line each.</summary>
    public string Describe() =>
        string.Join(Environment.NewLine, Groups.Select(g =>
            $"{g.Group.Name} ({g.Group.Parameters.Count} tensors): {g.Transform}{(g.Proximal is { } px ? $" then prox_l1({px.L1})" : "")}" +
            (g.Fused is { } f ? $" [{f.Name}{(UseFusedKernels ? "" : ", switched off")}]" : "")));

    /// <summary>Saves the step count and every parameter's state as JSON (see <see cref="OptimizerStateJson"/>).</summary>
    public string SaveStateJson() => OptimizerStateJson.Write(this, _state);

    /// <summary>Restores state saved by <see cref="SaveStateJson"/>: parameters are matched by name, and every state must have the
    /// structure, buffer names and lengths of this optimizer's chains. Malformed JSON or a mismatch throws
    /// <see cref="FormatException"/> naming the problem (the JSON error, if any, as the inner exception); the optimizer is then unchanged.</summary>
    public void LoadStateJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var (step, saved) = OptimizerStateJson.Read<T>(json);
        var loaded = new Dictionary<Parameter<T>, TransformState<T>>(ReferenceEqualityComparer.Instance);
        foreach (var g in Groups)
        {
            foreach (var p in g.Group.Parameters)
            {
                if (!saved.TryGetValue(p.Name, out var s)) continue; // never stepped: stays lazy
                var fresh = g.Transform.Init(p);
                OptimizerStateJson.CopyInto(fresh, s, p, "state");
                loaded[p] = fresh;
            }
        }
        var unknown = saved.Keys.Where(k => !Parameters.Any(p => p.Name == k)).ToList();
        if (unknown.Count > 0)
            throw new FormatException($"the saved state holds parameter {unknown[0]}, which this optimizer does not have (its parameters: {string.Join(", ", Parameters.Select(p => p.Name))}).");
        _state.Clear();
        foreach (var kv in loaded) _state[kv.Key] = kv.Value;
        StepCount = step;
    }
}
