using System.Numerics;
using System.Numerics.Tensors;

namespace Regularization.Tensors;

/// <summary>
/// A named parameter tensor: its values, its gradient (same length, row-major over <see cref="Shape"/>), its role and an
/// optional pruning mask (entries 0 or 1). The mask is a reparametrization beside the values, as
/// <c>torch.nn.utils.prune</c> keeps <c>weight_orig</c> and <c>weight_mask</c>: <see cref="Value"/> is the trained tensor
/// (what an optimizer updates, like <c>weight_orig</c>), <see cref="Mask"/> the buffer, and the tensor the model computes with
/// is <c>Value ⊙ Mask</c>. The model applies the reparametrization (<see cref="ApplyMask"/> before its forward pass, as torch's
/// forward pre-hook, and <see cref="MaskGradient"/> after its backward pass: the chain rule through <c>Value ⊙ Mask</c>), so an
/// optimizer never sees the mask: it gets a zero gradient at pruned entries, like torch's <c>weight_orig.grad</c>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[]? _mask;

    /// <summary>Creates a parameter with the given shape; values are zero unless <paramref name="value"/> is given (not copied).</summary>
    public Parameter(string name, int[] shape, ParameterRole role = ParameterRole.Weight, T[]? value = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentOutOfRangeException(nameof(shape), $"shape = [{string.Join(", ", shape)}] of {name} is not allowed: every dimension must be >= 0.");
            n *= d;
        }
        if (n > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(shape), $"shape = [{string.Join(", ", shape)}] of {name} has {n} entries, more than an array can hold.");
        if (value is not null && value.Length != n)
            throw new ArgumentException($"value has length {value.Length} but shape [{string.Join(", ", shape)}] of {name} needs {n}: the shapes must match.", nameof(value));
        Name = name;
        Shape = (int[])shape.Clone();
        Role = role;
        Value = value ?? new T[n];
        Grad = new T[n];
    }

    /// <summary>Name, unique within a model (for example <c>"fc1.weight"</c>).</summary>
    public string Name { get; }

    /// <summary>Shape (row-major); a dense layer's weight is <c>[out, in]</c> as in PyTorch.</summary>
    public int[] Shape { get; }

    /// <summary>Role, used by no-decay rules.</summary>
    public ParameterRole Role { get; }

    /// <summary>Number of entries.</summary>
    public int Length => Value.Length;

    /// <summary>The values (row-major).</summary>
    public T[] Value { get; }

    /// <summary>The gradient of the loss with respect to <see cref="Value"/>, written by backward passes.</summary>
    public T[] Grad { get; }

    /// <summary>The pruning mask (1 = kept, 0 = pruned; torch's <c>weight_mask</c>), or null when the parameter is not pruned.</summary>
    public T[]? Mask
    {
        get => _mask;
        set
        {
            if (value is not null && value.Length != Length)
                throw new ArgumentException($"Mask has length {value.Length} but {Name} has {Length} entries: the shapes must match.", nameof(value));
            _mask = value;
        }
    }

    /// <summary>Shape as text, e.g. <c>[128, 64]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";

    /// <summary>Whether a pruning mask is set.</summary>
    public bool IsPruned => _mask is not null;

    /// <summary>The reparametrization's forward step: <c>Value ⊙= Mask</c>, so pruned entries are exactly zero (no-op without a mask).</summary>
    public void ApplyMask()
    {
        if (_mask is { } m) TensorPrimitives.Multiply<T>(Value, m, Value);
    }

    /// <summary>The reparametrization's backward step: <c>Grad ⊙= Mask</c> (the gradient of <c>Value ⊙ Mask</c> with respect to
    /// <see cref="Value"/>; no-op without a mask).</summary>
    public void MaskGradient()
    {
        if (_mask is { } m) TensorPrimitives.Multiply<T>(Grad, m, Grad);
    }

    /// <summary>Sets the gradient to zero.</summary>
    public void ZeroGrad() => Array.Clear(Grad);

    /// <summary>Euclidean norm of the values, in double.</summary>
    public double Norm() => double.CreateChecked(TensorPrimitives.Norm<T>(Value));

    /// <summary>Number of exactly-zero entries of the tensor the model computes with, <c>Value ⊙ Mask</c> (of
    /// <see cref="Value"/> when there is no mask).</summary>
    public int CountZeros()
    {
        if (_mask is not { } m) return (int)Kernels.OptimKernels.CountZeros<T>(Value);
        int n = 0;
        for (int i = 0; i < Value.Length; i++) if (Value[i] * m[i] == T.Zero) n++;
        return n;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} {ShapeText} ({Role})";
}
