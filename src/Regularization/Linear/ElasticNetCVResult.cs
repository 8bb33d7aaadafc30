using Regularization.CrossValidation;

namespace Regularization.Linear;

/// <summary>
/// The outcome of <see cref="ElasticNetCV"/> / <see cref="LassoCV"/>: one CV curve per l1 ratio, the selections
/// (<see cref="AlphaMin"/>, <see cref="Alpha1Se"/>) and the model refit on all rows.
/// </summary>
public sealed class ElasticNetCVResult
{
    internal ElasticNetCVResult(double[] l1Ratios, CvCurve[] curves, int bestL1, int[] foldIds, ElasticNetModel model, CvSelection selection,
        IReadOnlyList<(int L1Index, int AlphaIndex, int Fold)> notConverged)
    {
        L1Ratios = l1Ratios;
        Curves = curves;
        BestL1Index = bestL1;
        FoldIds = foldIds;
        Model = model;
        Selection = selection;
        NotConverged = notConverged;
    }

    /// <summary>The l1 ratios tried.</summary>
    public double[] L1Ratios { get; }

    /// <summary>The CV curve (alphas in path order, per-fold MSE, mean, standard error) of every l1 ratio.</summary>
    public CvCurve[] Curves { get; }

    /// <summary>Index of the l1 ratio with the lowest mean CV error.</summary>
    public int BestL1Index { get; }

    /// <summary>The l1 ratio with the lowest mean CV error.</summary>
    public double L1Ratio => L1Ratios[BestL1Index];

    /// <summary>The CV curve of the best l1 ratio.</summary>
    public CvCurve Curve => Curves[BestL1Index];

    /// <summary>The alpha grid of the best l1 ratio.</summary>
    public double[] Alphas => Curve.Grid;

    /// <summary>The alpha with the lowest mean CV error (scikit-learn's <c>alpha_</c>, glmnet's <c>lambda.min</c>).</summary>
    public double AlphaMin => Curve.AtMin;

    /// <summary>The largest alpha within one standard error of the minimum (glmnet's <c>lambda.1se</c>).</summary>
    public double Alpha1Se => Curve.At1Se;

    /// <summary>The alpha the model was refit at (by <see cref="Selection"/>).</summary>
    public double Alpha => Model.Alpha;

    /// <summary>Mean CV error per alpha of the best l1 ratio (scikit-learn's <c>mse_path_.mean(axis=1)</c>).</summary>
    public double[] MseMean => Curve.Mean;

    /// <summary>The fold of every row.</summary>
    public int[] FoldIds { get; }

    /// <summary>The model refit on all rows at the selected alpha.</summary>
    public ElasticNetModel Model { get; }

    /// <summary>The selection rule used for the refit.</summary>
    public CvSelection Selection { get; }

    /// <summary>The (l1 ratio, alpha, fold) fits that did not reach the tolerance (empty when all converged).</summary>
    public IReadOnlyList<(int L1Index, int AlphaIndex, int Fold)> NotConverged { get; }
}
