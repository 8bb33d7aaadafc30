using Regularization.Optim;
using Regularization.Tensors;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// Runs a <see cref="Optimizer{T}"/> from <see cref="Optimizers"/> on a small deterministic problem given by its gradient and
/// records every iterate, to watch what a transformation chain does (weight decay, the L1 subgradient, the proximal L1 step).
/// </summary>
public static class OptimizerTrajectory
{
    /// <summary>
    /// Iterates <c>w_0, w_1, ..., w_steps</c>: each step writes <c>gradient(w)</c> into the parameter's gradient and calls
    /// <see cref="Optimizer{T}.Step"/>. The optimizer is built by <paramref name="optimizer"/> around a single parameter named "w",
    /// for example <c>p =&gt; Optimizers.Sgd(new[] { p }, 0.1, l1: 0.5, l1Mode: L1Mode.Subgradient)</c>.
    /// </summary>
    /// <param name="gradient">Gradient of the smooth part of the objective (penalties handled by the optimizer are not included).</param>
    /// <param name="w0">Starting point (copied).</param>
    /// <param name="steps">Number of steps, &gt;= 0.</param>
    /// <param name="optimizer">Builds the optimizer for the parameter.</param>
    public static double[][] Run(Func<double[], double[]> gradient, IReadOnlyList<double> w0, int steps, Func<Parameter<double>, Optimizer<double>> optimizer)
    {
        Guard.NotNull(gradient, nameof(gradient));
        Guard.NotNull(w0, nameof(w0));
        Guard.AtLeast(steps, 0, nameof(steps));
        Guard.NotNull(optimizer, nameof(optimizer));
        var p = new Parameter<double>("w", [w0.Count], ParameterRole.Weight, w0.ToArray());
        var opt = optimizer(p) ?? throw new ArgumentException("optimizer returned null.", nameof(optimizer));
        var path = new double[steps + 1][];
        path[0] = p.Value.ToArray();
        for (int k = 1; k <= steps; k++)
        {
            var g = gradient(p.Value.ToArray());
            if (g is null || g.Length != p.Length)
                throw new ArgumentException($"gradient returned {(g is null ? "null" : g.Length + " entries")}; expected {p.Length}.", nameof(gradient));
            g.CopyTo(p.Grad, 0);
            opt.Step();
            path[k] = p.Value.ToArray();
        }
        return path;
    }

    /// <summary>Coordinate <paramref name="index"/> of every iterate (a column of the trajectory, for plotting).</summary>
    public static double[] Coordinate(double[][] path, int index)
    {
        Guard.NotNull(path, nameof(path));
        return path.Select(w => w[index]).ToArray();
    }
}
