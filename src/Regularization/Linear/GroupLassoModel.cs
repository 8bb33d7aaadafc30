using MathNet.Numerics.LinearAlgebra;

namespace Regularization.Linear;

/// <summary>A fitted group lasso with its convergence certificate.</summary>
public sealed class GroupLassoModel : LinearModel
{
    internal GroupLassoModel(Vector<double> coef, double intercept, double alpha, int[][] groups, CdResult result) : base(coef, intercept)
    {
        Alpha = alpha;
        Groups = groups;
        Iterations = result.Iterations;
        DualGap = result.DualGap;
        Converged = result.Converged;
        StopReason = result.StopReason;
    }

    /// <summary>The penalty strength.</summary>
    public double Alpha { get; }

    /// <summary>The groups (feature indices).</summary>
    public IReadOnlyList<int[]> Groups { get; }

    /// <summary>Indices of the groups with a non-zero coefficient.</summary>
    public int[] ActiveGroups => Enumerable.Range(0, Groups.Count).Where(g => Groups[g].Any(j => Coef[j] != 0)).ToArray();

    /// <summary>Full block sweeps used.</summary>
    public int Iterations { get; }

    /// <summary>Final duality gap (objective multiplied by n).</summary>
    public double DualGap { get; }

    /// <summary>True when the duality gap reached <c>Tol ||y||^2</c>.</summary>
    public bool Converged { get; }

    /// <summary>Why the solver stopped.</summary>
    public string StopReason { get; }
}
