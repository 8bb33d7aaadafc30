using Regularization.CrossValidation;

namespace Regularization.Linear;

/// <summary>The outcome of <see cref="GroupLassoCV"/>: the CV curve, <see cref="AlphaMin"/>, <see cref="Alpha1Se"/> and the refit model.</summary>
public sealed class GroupLassoCVResult
{
    internal GroupLassoCVResult(CvCurve curve, int[] foldIds, GroupLassoModel model, CvSelection selection, IReadOnlyList<(int AlphaIndex, int Fold)> notConverged)
    {
        Curve = curve; FoldIds = foldIds; Model = model; Selection = selection; NotConverged = notConverged;
    }

    /// <summary>The CV curve (alphas in path order, per-fold MSE, mean, standard error).</summary>
    public CvCurve Curve { get; }

    /// <summary>The alpha grid.</summary>
    public double[] Alphas => Curve.Grid;

    /// <summary>The alpha with the lowest mean CV error.</summary>
    public double AlphaMin => Curve.AtMin;

    /// <summary>The largest alpha within one standard error of the minimum.</summary>
    public double Alpha1Se => Curve.At1Se;

    /// <summary>The fold of every row.</summary>
    public int[] FoldIds { get; }

    /// <summary>The model refit on all rows at the selected alpha.</summary>
    public GroupLassoModel Model { get; }

    /// <summary>The selection rule used for the refit.</summary>
    public CvSelection Selection { get; }

    /// <summary>The (alpha, fold) fits that did not reach the tolerance.</summary>
    public IReadOnlyList<(int AlphaIndex, int Fold)> NotConverged { get; }
}
