using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Linear;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// How stable a selection is under resampling: the model is refit on the training rows of each of k seeded folds (each fit sees
/// (k-1)/k of the data) at one fixed alpha, and for every fit we record which groups have a non-zero coefficient. Reports the
/// selection frequency of every group and the mean pairwise Jaccard similarity <c>|A n B| / |A u B|</c> of the selected sets.
/// </summary>
/// <example><code>var s = SelectionStability.ForGroupLasso(design, alpha, folds: 10, seed: 0); s.Frequency; s.MeanJaccard;</code></example>
public sealed class SelectionStability
{
    private SelectionStability(string method, double alpha, bool[,] selected, bool[,] selectedColumns, int[] featureCounts)
    {
        Method = method; Alpha = alpha; Selected = selected; SelectedColumns = selectedColumns; FeatureCounts = featureCounts;
        int k = selected.GetLength(0), g = selected.GetLength(1);
        Frequency = Enumerable.Range(0, g).Select(j => Enumerable.Range(0, k).Count(f => selected[f, j]) / (double)k).ToArray();
        MeanJaccard = MeanPairwiseJaccard(selected);
        MeanColumnJaccard = MeanPairwiseJaccard(selectedColumns);
    }

    /// <summary>The Jaccard similarity <c>|A n B| / |A u B|</c> of two index sets (1 when both are empty).</summary>
    public static double Jaccard(IEnumerable<int> a, IEnumerable<int> b)
    {
        Guard.NotNull(a, nameof(a));
        Guard.NotNull(b, nameof(b));
        var sa = a.ToHashSet(); var sb = b.ToHashSet();
        int union = sa.Union(sb).Count();
        return union == 0 ? 1 : sa.Intersect(sb).Count() / (double)union;
    }

    private static double MeanPairwiseJaccard(bool[,] selected)
    {
        int k = selected.GetLength(0), g = selected.GetLength(1);
        double s = 0; int pairs = 0;
        for (int a = 0; a < k; a++)
            for (int b = a + 1; b < k; b++)
            {
                int inter = 0, union = 0;
                for (int j = 0; j < g; j++) { if (selected[a, j] && selected[b, j]) inter++; if (selected[a, j] || selected[b, j]) union++; }
                s += union == 0 ? 1 : inter / (double)union; pairs++;
            }
        return pairs == 0 ? 1 : s / pairs;
    }

    /// <summary>The lasso (<c>1/(2n) RSS + alpha ||w||_1</c>) refit on each fold's training rows; a group counts as selected when any of its columns is non-zero.</summary>
    public static SelectionStability ForLasso(GroupDesign design, double alpha, int folds, int seed) =>
        Run("lasso", design, alpha, folds, seed, (x, y) => new Lasso(alpha) { Tol = 1e-8, MaxIter = 10000 }.Fit(x, y));

    /// <summary>The group lasso (<c>1/(2n) RSS + alpha sum_g sqrt(|g|) ||w_g||_2</c>) refit on each fold's training rows.</summary>
    public static SelectionStability ForGroupLasso(GroupDesign design, double alpha, int folds, int seed) =>
        Run("group lasso", design, alpha, folds, seed, (x, y) => new GroupLasso(alpha, design.Groups) { Tol = 1e-8, MaxIter = 10000 }.Fit(x, y));

    private static SelectionStability Run(string method, GroupDesign design, double alpha, int folds, int seed, Func<Matrix<double>, Vector<double>, LinearModel> fit)
    {
        Guard.NotNull(design, nameof(design));
        Guard.Positive(alpha, nameof(alpha));
        Guard.AtLeast(folds, 2, nameof(folds));
        var ids = Splits.KFold(design.X.RowCount, folds, seed);
        var selected = new bool[folds, design.GroupIndices.Length];
        var columns = new bool[folds, design.X.ColumnCount];
        var counts = new int[folds];
        for (int f = 0; f < folds; f++)
        {
            var (train, _) = Splits.Fold(ids, f);
            var m = fit(MatrixOps.SelectRows(design.X, train), MatrixOps.SelectRows(design.Y, train));
            if (m is ElasticNetModel e && !e.Converged) throw new InvalidOperationException($"{method} on fold {f} did not converge: {e.StopReason}");
            if (m is GroupLassoModel gm && !gm.Converged) throw new InvalidOperationException($"{method} on fold {f} did not converge: {gm.StopReason}");
            foreach (var g in design.SelectedGroups(m.Coef)) selected[f, g] = true;
            for (int j = 0; j < design.X.ColumnCount; j++) columns[f, j] = m.Coef[j] != 0;
            counts[f] = m.NonZeroCount;
        }
        return new SelectionStability(method, alpha, selected, columns, counts);
    }

    /// <summary>"lasso" or "group lasso".</summary>
    public string Method { get; }

    /// <summary>The alpha every fold was fitted at.</summary>
    public double Alpha { get; }

    /// <summary><c>Selected[fold, group]</c>: whether the fit on that fold's training rows selected the group.</summary>
    public bool[,] Selected { get; }

    /// <summary><c>SelectedColumns[fold, column]</c>: whether that fold's fit has a non-zero coefficient on the column.</summary>
    public bool[,] SelectedColumns { get; }

    /// <summary>Mean pairwise Jaccard similarity of the selected column sets (finer than <see cref="MeanJaccard"/>).</summary>
    public double MeanColumnJaccard { get; }

    /// <summary>Non-zero coefficients of every fold's fit.</summary>
    public int[] FeatureCounts { get; }

    /// <summary>Fraction of folds that selected each group.</summary>
    public double[] Frequency { get; }

    /// <summary>Mean Jaccard similarity of the selected group sets over all pairs of folds (1 = identical selections).</summary>
    public double MeanJaccard { get; }

    /// <summary>Groups selected by every fold.</summary>
    public int[] AlwaysSelected => Enumerable.Range(0, Frequency.Length).Where(g => Frequency[g] == 1).ToArray();

    /// <summary>Groups selected by some folds but not all: the unstable part of the selection.</summary>
    public int[] Unstable => Enumerable.Range(0, Frequency.Length).Where(g => Frequency[g] > 0 && Frequency[g] < 1).ToArray();
}
