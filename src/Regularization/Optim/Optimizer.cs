using System.Globalization;
using System.Numerics;
using System.Text;
using Regularization.Kernels;

namespace Regularization.Optim;

/// <summary>
/// Runs the transformation chain of each parameter group and applies <c>p ← p − u</c>. The state of a parameter is created
/// lazily at its first step. Each parameter is processed in cache-sized blocks, running the whole chain on a block before the
/// next one, so a step reads and writes each array once (the traffic of a single fused kernel).
/// <para>Per block: <c>u = grad · mask</c> (mask of a pruned parameter), check that u is finite, run the chain, <c>p -= u</c>,
/// <c>p *= mask</c>, and the optional proximal soft-threshold.</para>
/// </summary>
public sealed class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int BlockBytes = 8192;
    private readonly Dictionary<Parameter<T>, TransformState<T>> _state = new(ReferenceEqualityComparer.Instance);
    private readonly T[] _scratch = new T[BlockBytes / System.Runtime.CompilerServices.Unsafe.SizeOf<T>()];

    private readonly FusedPlan<T>?[] _plans;

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
                if (!seen.Add(p)) throw new ArgumentException($"parameter {p.Name} appears in more than one group (group {g.Group.Name}): each parameter may be in one group only.", nameof(groups));
                if (!names.Add(p.Name)) throw new ArgumentException($"two parameters are named {p.Name}: names must be unique (they key the saved state).", nameof(groups));
            }
        }
        _plans = Groups.Select(g => FusedPlan<T>.TryCreate(g.Transform)).ToArray();
    }

    /// <summary>When true (default), the chains of the named optimizers run as one fused single-pass kernel per block
    /// (identical arithmetic); false runs every transformation separately (for teaching and testing).</summary>
    public bool UseFusedKernels { get; set; } = true;

    /// <summary>The groups with their chains.</summary>
    public IReadOnlyList<GroupSpec<T>> Groups { get; }

    /// <summary>Number of steps taken.</summary>
    public long StepCount { get; private set; }

    /// <summary>When true (default), a NaN or infinite gradient entry throws <see cref="NonFiniteGradientException"/>.</summary>
    public bool CheckFinite { get; set; } = true;

    /// <summary>All parameters, in group order.</summary>
    public IEnumerable<Parameter<T>> Parameters => Groups.SelectMany(g => g.Group.Parameters);

    /// <summary>The state of a parameter, or null before its first step.</summary>
    public TransformState<T>? State(Parameter<T> parameter) => _state.GetValueOrDefault(parameter);

    /// <summary>A named state buffer of a parameter (e.g. <c>"exp_avg_sq"</c>, <c>"momentum_buffer"</c>), searched through the
    /// chain's state tree; null before the first step or when the chain has no such buffer.</summary>
    public T[]? StateBuffer(Parameter<T> parameter, string name)
    {
        static T[]? Find(TransformState<T>? s, string n)
        {
            if (s is null) return null;
            if (s.Buffers.TryGetValue(n, out var b)) return b;
            foreach (var c in s.Children) if (Find(c, n) is { } r) return r;
            return null;
        }
        return Find(State(parameter), name);
    }

    /// <summary>Sets every gradient to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.ZeroGrad();
    }

    /// <summary>One optimization step over all groups, reading each parameter's <see cref="Parameter{T}.Grad"/>.</summary>
    public void Step()
    {
        StepCount++;
        for (int gi = 0; gi < Groups.Count; gi++)
        {
            var g = Groups[gi];
            var tf = g.Transform;
            var plan = UseFusedKernels ? _plans[gi] : null;
            foreach (var p in g.Group.Parameters)
            {
                if (!_state.TryGetValue(p, out var st))
                {
                    st = tf.Init(p);
                    _state[p] = st;
                }
                tf.BeginStep(st);
                T thr = g.Proximal is { } prox && (g.ProximalApplies?.Invoke(p) ?? true) ? T.CreateChecked(prox.Threshold(st.Count - 1)) : T.Zero;
                if (plan is null) StepParameter(p, tf, st, thr);
                else StepFused(p, tf, plan, st, thr);
            }
        }
    }

    private void StepParameter(Parameter<T> p, GradientTransformation<T> tf, TransformState<T> st, T threshold)
    {
        var value = p.Value.AsSpan();
        var grad = p.Grad.AsSpan();
        var mask = p.Mask is { } mk ? mk.AsSpan() : Span<T>.Empty;
        int n = value.Length, block = _scratch.Length;
        for (int off = 0; off < n; off += block)
        {
            int len = Math.Min(block, n - off);
            var u = _scratch.AsSpan(0, len);
            var pv = value.Slice(off, len);
            var km = mask.IsEmpty ? ReadOnlySpan<T>.Empty : mask.Slice(off, len);
            OptimKernels.CopyMasked(grad.Slice(off, len), km, u);
            if (CheckFinite)
            {
                int bad = OptimKernels.FirstNonFinite<T>(u);
                if (bad >= 0) throw new NonFiniteGradientException(p.Name, off + bad, double.CreateTruncating(u[bad]), StepCount);
            }
            tf.Update(u, pv, st, off);
            OptimKernels.ApplyDescent(pv, u, km);
            if (threshold != T.Zero) OptimKernels.SoftThreshold(pv, threshold);
        }
    }

    private void StepFused(Parameter<T> p, GradientTransformation<T> tf, FusedPlan<T> plan, TransformState<T> st, T threshold)
    {
        var value = p.Value.AsSpan();
        var grad = p.Grad.AsSpan();
        var mask = p.Mask is { } mk ? mk.AsSpan() : Span<T>.Empty;
        // the chain multiplies by lr and then by the schedule value: fuse both factors into one multiplier would change the
        // rounding, so a schedule multiplier other than 1 takes the chain's path
        double lrd = plan.LearningRate * (plan.ScheduleIndex >= 0 ? st.Children[plan.ScheduleIndex]!.S0 : 1.0);
        if (plan.ScheduleIndex >= 0 && lrd != plan.LearningRate)
        {
            StepParameter(p, tf, st, threshold);
            return;
        }
        T lr = T.CreateChecked(lrd);
        T wd = T.CreateChecked(plan.DecayFor(st));
        T[]? buf = null, m = null, v = null, vmax = null;
        T b1 = T.Zero, b2 = T.Zero, bc1 = T.One, sbc2 = T.One, eps = T.Zero, mu = T.Zero, omd = T.One;
        bool first = false, nesterov = false;
        if (plan.Kind == FusedPlan<T>.Kinds.Adam)
        {
            var ast = st.Children[plan.AdamIndex]!;
            m = ast.Buffers["exp_avg"]; v = ast.Buffers["exp_avg_sq"];
            if (plan.Adam!.Amsgrad) vmax = ast.Buffers["max_exp_avg_sq"];
            b1 = T.CreateChecked(plan.Adam.Beta1); b2 = T.CreateChecked(plan.Adam.Beta2); eps = T.CreateChecked(plan.Adam.Eps);
            bc1 = T.CreateChecked(ast.S0); sbc2 = T.CreateChecked(ast.S1);
        }
        else if (plan.Trace is { Momentum: > 0 } tr)
        {
            var tst = st.Children[plan.TraceIndex]!;
            buf = tst.Buffers["momentum_buffer"];
            mu = T.CreateChecked(tr.Momentum); omd = T.CreateChecked(1 - tr.Dampening);
            nesterov = tr.Nesterov; first = tst.Count == 1;
        }
        int n = value.Length, block = _scratch.Length;
        for (int off = 0; off < n; off += block)
        {
            int len = Math.Min(block, n - off);
            var pv = value.Slice(off, len);
            ReadOnlySpan<T> gb = grad.Slice(off, len);
            var km = mask.IsEmpty ? ReadOnlySpan<T>.Empty : mask.Slice(off, len);
            if (!km.IsEmpty)
            {
                OptimKernels.CopyMasked(gb, km, _scratch.AsSpan(0, len));
                gb = _scratch.AsSpan(0, len);
            }
            if (CheckFinite)
            {
                int bad = OptimKernels.FirstNonFinite(gb);
                if (bad >= 0) throw new NonFiniteGradientException(p.Name, off + bad, double.CreateTruncating(gb[bad]), StepCount);
            }
            if (plan.Kind == FusedPlan<T>.Kinds.Adam)
                OptimKernels.AdamStep(pv, gb, m.AsSpan(off, len), v.AsSpan(off, len), vmax is null ? Span<T>.Empty : vmax.AsSpan(off, len),
                    plan.DecayCoupled ? wd : T.Zero, plan.DecayCoupled ? T.Zero : wd, b1, b2, bc1, sbc2, eps, lr);
            else
                OptimKernels.SgdStep(pv, gb, buf is null ? Span<T>.Empty : buf.AsSpan(off, len), wd, mu, omd, nesterov, first, lr);
            if (!km.IsEmpty) System.Numerics.Tensors.TensorPrimitives.Multiply(pv, km, pv);
            if (threshold != T.Zero) OptimKernels.SoftThreshold(pv, threshold);
        }
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
            $"{g.Group.Name} ({g.Group.Parameters.Count} tensors): {g.Transform}{(g.Proximal is { } px ? $" then prox_l1({px.L1})" : "")}"));

    /// <summary>Saves the step count and every parameter's state as JSON (see <see cref="OptimizerStateJson"/>).</summary>
    public string SaveStateJson() => OptimizerStateJson.Write(this, _state);

    /// <summary>Restores state saved by <see cref="SaveStateJson"/>; parameters are matched by name and shapes checked.</summary>
    public void LoadStateJson(string json)
    {
        var (step, states) = OptimizerStateJson.Read<T>(json);
        var loaded = new Dictionary<Parameter<T>, TransformState<T>>(ReferenceEqualityComparer.Instance);
        foreach (var g in Groups)
        {
            foreach (var p in g.Group.Parameters)
            {
                if (!states.TryGetValue(p.Name, out var s)) continue; // never stepped: stays lazy
                var fresh = g.Transform.Init(p);
                OptimizerStateJson.CheckCompatible(fresh, s, p);
                loaded[p] = s;
            }
        }
        _state.Clear();
        foreach (var kv in loaded) _state[kv.Key] = kv.Value;
        StepCount = step;
    }
}
