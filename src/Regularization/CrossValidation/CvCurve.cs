using MathNet.Numerics.LinearAlgebra;
using Regularization.Validation;

namespace Regularization.CrossValidation;

/// <summary>
/// A cross-validation curve over a grid of penalty strengths: the score of every fold at every grid point, their mean and
/// standard error, and the two selections glmnet users know: the minimum (<see cref="IndexMin"/>) and the
/// one-standard-error rule (<see cref="Index1Se"/>: the strongest penalty whose mean is within one standard error of the best).
/// </summary>
/// <remarks>
/// The mean is the unweighted mean over folds (as scikit-learn's LassoCV); the standard error is
/// <c>sd_sample(fold scores) / sqrt(k)</c>, which equals glmnet's <c>cvsd</c> for equal fold weights.
/// The grid is expected in the order the path visits it (strongest penalty first for alphas/lambdas).
/// </remarks>
public sealed class CvCurve
{
    /// <summary>Builds the curve and its selections.</summary>
    /// <param name="grid">Penalty strengths (alphas or lambdas), one per row of <paramref name="foldScores"/>.</param>
    /// <param name="foldScores">Score of fold f at grid point i in <c>[i, f]</c>.</param>
    /// <param name="strongerIsLarger">True when a larger grid value means a stronger penalty (alpha, lambda); false for C.</param>
    /// <param name="lowerIsBetter">True for losses (MSE, deviance, misclassification); false for AUC.</param>
    /// <param name="measure">Name of the score, for display.</param>
    public CvCurve(IReadOnlyList<double> grid, Matrix<double> foldScores, bool strongerIsLarger = true, bool lowerIsBetter = true, string measure = "mse")
    {
        Guard.NotNull(grid, nameof(grid));
        Guard.NotNull(foldScores, nameof(foldScores));
        Guard.SameLength(foldScores.RowCount, grid.Count, "foldScores.RowCount", "grid.Count");
        if (foldScores.ColumnCount < 2)
            throw new ArgumentException($"foldScores has {foldScores.ColumnCount} column(s): at least 2 folds are needed.", nameof(foldScores));
        Grid = grid.ToArray();
        FoldScores = foldScores;
        Measure = measure;
        LowerIsBetter = lowerIsBetter;
        int k = foldScores.ColumnCount;
        Mean = new double[Grid.Length];
        StdError = new double[Grid.Length];
        for (int i = 0; i < Grid.Length; i++)
        {
            double m = 0;
            for (int f = 0; f < k; f++) m += foldScores[i, f];
            m /= k;
            double ss = 0;
            for (int f = 0; f < k; f++) { double d = foldScores[i, f] - m; ss += d * d; }
            Mean[i] = m;
            StdError[i] = Math.Sqrt(ss / (k - 1) / k);
        }
        int best = -1;
        for (int i = 0; i < Grid.Length; i++)
        {
            if (double.IsNaN(Mean[i])) continue;
            if (best < 0 || (lowerIsBetter ? Mean[i] < Mean[best] : Mean[i] > Mean[best])) best = i;
        }
        if (best < 0) throw new InvalidOperationException("Every cross-validation score is NaN.");
        IndexMin = best;
        double bound = lowerIsBetter ? Mean[best] + StdError[best] : Mean[best] - StdError[best];
        int oneSe = best;
        for (int i = 0; i < Grid.Length; i++)
        {
            bool within = lowerIsBetter ? Mean[i] <= bound : Mean[i] >= bound;
            if (!within) continue;
            bool stronger = strongerIsLarger ? Grid[i] > Grid[oneSe] : Grid[i] < Grid[oneSe];
            if (stronger) oneSe = i;
        }
        Index1Se = oneSe;
    }

    /// <summary>The grid (alphas, lambdas or C values), in path order.</summary>
    public double[] Grid { get; }

    /// <summary>Per-fold scores, <c>[gridIndex, fold]</c>.</summary>
    public Matrix<double> FoldScores { get; }

    /// <summary>Name of the score (mse, deviance, misclassification, auc).</summary>
    public string Measure { get; }

    /// <summary>True when lower scores are better.</summary>
    public bool LowerIsBetter { get; }

    /// <summary>Mean score over folds at every grid point.</summary>
    public double[] Mean { get; }

    /// <summary>Standard error of the mean at every grid point.</summary>
    public double[] StdError { get; }

    /// <summary>Index of the best mean score (the first one on ties, i.e. the strongest penalty in path order).</summary>
    public int IndexMin { get; }

    /// <summary>Index chosen by the one-standard-error rule.</summary>
    public int Index1Se { get; }

    /// <summary>The grid value with the best mean score.</summary>
    public double AtMin => Grid[IndexMin];

    /// <summary>The grid value chosen by the one-standard-error rule.</summary>
    public double At1Se => Grid[Index1Se];
}
