namespace Regularization.Optim;

/// <summary>Thrown by <see cref="Optimizer{T}.Step"/> when a gradient entry is NaN or infinite.</summary>
public sealed class NonFiniteGradientException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    public NonFiniteGradientException(string parameter, int index, double value, long step)
        : base($"gradient of {parameter}[{index}] = {value} at step {step} is not finite (NaN or infinity). The step was stopped at that parameter: " +
               "entries before the block that holds it may already be updated. Lower the learning rate, check the loss or clip the gradients.")
    {
        Parameter = parameter; Index = index; Value = value; Step = step;
    }

    /// <summary>Name of the parameter.</summary>
    public string Parameter { get; }

    /// <summary>Flat index of the first non-finite entry.</summary>
    public int Index { get; }

    /// <summary>Its value.</summary>
    public double Value { get; }

    /// <summary>The step (1-based) that found it.</summary>
    public long Step { get; }
}
