namespace Regularization.Optim;

/// <summary>What multiplies AdamW's decoupled decay term <c>λ p</c> in the step.</summary>
public enum DecayConvention
{
    /// <summary><c>p ← p − lr·s_t·(adam + λ p)</c>: the learning rate times the schedule (PyTorch, optax; the default).</summary>
    TimesLearningRate,
    /// <summary><c>p ← p − s_t·(lr·adam + λ p)</c>: the schedule multiplier only (Loshchilov and Hutter 2019, Algorithm 2).</summary>
    TimesSchedule,
    /// <summary><c>p ← p − lr·s_t·adam − λ p</c>: a constant decay per step.</summary>
    Constant,
}
