using MathNet.Numerics.LinearAlgebra;

namespace Regularization.Linear;

/// <summary>A fitted group lasso with its convergence certificate.</summary>
public sealed class GroupLassoModel : CoordinateDescentModel
{
    internal GroupLassoModel(Vector<double> coef, double intercept, double alpha, int[][] groups, CdResult result)
        : base(coef, intercept, alpha, result)
    {
        Groups = groups;
    }

    /// <summary>The groups (feature indices).</summary>
    public IReadOnlyList<int[]> Groups { get; }

    /// <summary>Indices of the groups with a non-zero coefficient.</summary>
    public int[] ActiveGroups => Enumerable.Range(0, Groups.Count).Where(g => Groups[g].Any(j => Coef[j] != 0)).ToArray();
}
