using Regularization.CrossValidation;

namespace Regularization.Linear;

/// <summary>The outcome of <see cref="RidgeCV"/>: the chosen alpha, the curve over the grid and the refit model.</summary>
public sealed class RidgeCVResult
{
    internal RidgeCVResult(double[] alphas, CvCurve curve, RidgeModel model, RidgeCVMode mode)
    {
        Alphas = alphas;
        Curve = curve;
        Model = model;
        Mode = mode;
    }

    /// <summary>The alphas, in the order given.</summary>
    public double[] Alphas { get; }

    /// <summary>
    /// The CV curve. For leave-one-out its "folds" are the n samples: <c>FoldScores[k, i]</c> is the squared LOO error of sample i at alpha k,
    /// so <c>Mean</c> is the LOO mean squared error and <c>StdError</c> its standard error. For GCV every column holds the GCV score.
    /// </summary>
    public CvCurve Curve { get; }

    /// <summary>The alpha with the lowest score (the first such on ties, as scikit-learn).</summary>
    public double Alpha => Curve.AtMin;

    /// <summary>Index of <see cref="Alpha"/> in <see cref="Alphas"/>.</summary>
    public int AlphaIndex => Curve.IndexMin;

    /// <summary>The lowest mean score (scikit-learn's <c>-best_score_</c>).</summary>
    public double BestScore => Curve.Mean[Curve.IndexMin];

    /// <summary>The model refit on all rows at <see cref="Alpha"/>.</summary>
    public RidgeModel Model { get; }

    /// <summary>The criterion used.</summary>
    public RidgeCVMode Mode { get; }
}
