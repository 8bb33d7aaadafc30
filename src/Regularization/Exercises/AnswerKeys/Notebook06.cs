using System.Globalization;
using Regularization.Nn;
using Regularization.Optim;
using Regularization.Tensors;
using Regularization.Teaching;

namespace Regularization.Exercises.AnswerKeys;

/// <summary>Checks of the exercises of notebook 06 (Adam+L2 versus AdamW). Every expected value is computed by the library.</summary>
public static class Notebook06
{
    /// <summary>The weights, gradient, learning rate and decay of exercise 6.1.</summary>
    public static readonly double[] Exercise1Weights = [1.0, -2.0, 0.5];

    /// <summary>The gradient of exercise 6.1.</summary>
    public static readonly double[] Exercise1Gradient = [0.3, 1e-3, -4.0];

    /// <summary>Learning rate of exercise 6.1.</summary>
    public const double Exercise1LearningRate = 0.01;

    /// <summary>Weight decay of exercise 6.1.</summary>
    public const double Exercise1Decay = 0.1;

    /// <summary>6.1: the first Adam+L2 update <c>w_0 − w_1</c> for <see cref="Exercise1Weights"/> and <see cref="Exercise1Gradient"/>.</summary>
    public static CheckResult Exercise1(Func<IReadOnlyList<double>?> answer)
    {
        var expected = EffectiveDecay.FirstStep(DecayStyle.AdamL2, Exercise1Weights, Exercise1Gradient, Exercise1LearningRate, Exercise1Decay);
        return Check.Close("6.1", answer, expected, absTol: 1e-9, relTol: 1e-6,
            hint: "at the first step m̂ = u and v̂ = u² with u = g + λw, so the update is lr·u/(|u| + ε): every entry has size ≈ lr, " +
                  "and its sign is that of g + λw (not of g).");
    }

    /// <summary>Gradient-noise scale of exercise 6.2.</summary>
    public const double Exercise2Sigma = 2.0;

    /// <summary>6.2: the predicted ratio of Adam+L2's actual to nominal decay for weights near 1 with gradient noise σ = 2, λ = 0.1,
    /// checked against a measurement (<see cref="EffectiveDecay.NoiseExperiment"/>) within 10 %.</summary>
    public static CheckResult Exercise2(Func<double> answer)
    {
        var measured = EffectiveDecay.NoiseExperiment(DecayStyle.AdamL2, [Exercise2Sigma], learningRate: 1e-3, weightDecay: 0.1, steps: 1000, replicates: 2000, seed: 0)[0].Ratio;
        return Check.Close("6.2", answer, measured, absTol: 0, relTol: 0.1,
            hint: "Adam divides the decay term λw by the RMS of what it sees, sqrt(σ² + (λw)²); the nominal decay is lr·λ.");
    }

    /// <summary>6.3: the normalized weight decay of Loshchilov and Hutter, λ = λ_norm sqrt(b/(B T)), for λ_norm = 0.05, b = 32, B = 449, T = 80.</summary>
    public static CheckResult Exercise3(Func<double> answer) =>
        Check.Close("6.3", answer, Optimizers.NormalizedWeightDecay(0.05, 32, 449, 80), absTol: 1e-12, relTol: 1e-6,
            hint: "b is the batch size, B the number of training points and T the number of epochs.");

    /// <summary>
    /// 6.4: an optimizer for <paramref name="model"/> in which every weight matrix gets decoupled decay 0.05 and no bias is decayed,
    /// checked through its decay audit.
    /// </summary>
    public static CheckResult Exercise4(Func<Optimizer<float>> answer, Mlp<float> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Check.That("6.4", () =>
        {
            var opt = answer() ?? throw new InvalidOperationException("the answer is null: return an optimizer.");
            var rows = opt.DecayAudit();
            var problems = new List<string>();
            foreach (var p in model.Parameters)
            {
                var r = rows.FirstOrDefault(x => x.Parameter == p.Name);
                if (r is null) { problems.Add($"{p.Name} is not in the optimizer"); continue; }
                if (p.Role == ParameterRole.Weight && !(r.Decayed && r.Kind == "decoupled" && Math.Abs(r.Coefficient - 0.05) < 1e-12))
                    problems.Add($"{p.Name} has {r.Kind} decay {r.Coefficient.ToString("G4", CultureInfo.InvariantCulture)} (expected decoupled 0.05)");
                if (p.Role == ParameterRole.Bias && r.Decayed)
                    problems.Add($"{p.Name} is decayed ({r.Kind} {r.Coefficient.ToString("G4", CultureInfo.InvariantCulture)}) but biases should not be");
            }
            if (problems.Count > 0) throw new InvalidOperationException(string.Join("; ", problems) +
                ". Hint: Optimizers.AdamW(..., weightDecay: 0.05, noDecay: NoDecay.BiasAndNorm), or model.Groups(biasWeightDecay: 0) with AdamW.");
            return true;
        }, "the audit shows decoupled decay 0.05 on every weight matrix and none on the biases.", "the audit is not right.");
    }
}
