using MathNet.Numerics.LinearAlgebra;
using Regularization.Validation;

namespace Regularization.Logistic;

/// <summary>Scores for probabilistic classifiers: deviance, misclassification rate and the area under the ROC curve.</summary>
public static class ClassificationMetrics
{
    /// <summary>
    /// Mean deviance <c>-2 sum_i w_i log p_i(y_i) / sum_i w_i</c> (glmnet's binomial/multinomial deviance per observation),
    /// with probabilities clipped to [1e-300, 1]. <paramref name="labelIndex"/> holds the column of <paramref name="probability"/> of each row's class.
    /// </summary>
    public static double Deviance(Matrix<double> probability, IReadOnlyList<int> labelIndex, IReadOnlyList<double>? weight = null)
    {
        Guard.SameLength(labelIndex.Count, probability.RowCount, nameof(labelIndex), "probability.RowCount");
        double s = 0, ws = 0;
        for (int i = 0; i < labelIndex.Count; i++)
        {
            double w = weight?[i] ?? 1.0;
            s += w * Math.Log(Math.Max(probability[i, labelIndex[i]], 1e-300));
            ws += w;
        }
        return -2 * s / ws;
    }

    /// <summary>Weighted share of rows whose most probable class is not their class.</summary>
    public static double Misclassification(Matrix<double> probability, IReadOnlyList<int> labelIndex, IReadOnlyList<double>? weight = null)
    {
        Guard.SameLength(labelIndex.Count, probability.RowCount, nameof(labelIndex), "probability.RowCount");
        double s = 0, ws = 0;
        for (int i = 0; i < labelIndex.Count; i++)
        {
            int best = 0;
            for (int k = 1; k < probability.ColumnCount; k++) if (probability[i, k] > probability[i, best]) best = k;
            double w = weight?[i] ?? 1.0;
            if (best != labelIndex[i]) s += w;
            ws += w;
        }
        return s / ws;
    }

    /// <summary>
    /// Area under the ROC curve: the probability that a random positive scores above a random negative, ties counting 1/2
    /// (the Mann-Whitney statistic with mid-ranks). <paramref name="positive"/> marks the positive rows. NaN when one class is absent.
    /// </summary>
    public static double Auc(IReadOnlyList<double> score, IReadOnlyList<bool> positive)
    {
        Guard.NotNull(score, nameof(score));
        Guard.NotNull(positive, nameof(positive));
        Guard.SameLength(positive.Count, score.Count, nameof(positive), "score.Count");
        int n = score.Count;
        for (int i = 0; i < n; i++)
            if (double.IsNaN(score[i]))
                throw new ArgumentException($"score[{i}] = NaN is not allowed: a NaN score has no rank (it would silently count as a tie); every score must be a number (infinities are ranked).", nameof(score));
        var order = Enumerable.Range(0, n).OrderBy(i => score[i]).ToArray();
        var rank = new double[n];
        for (int a = 0; a < n;)
        {
            int e = a;
            while (e + 1 < n && score[order[e + 1]] == score[order[a]]) e++;
            double mid = 0.5 * (a + e) + 1;
            for (int t = a; t <= e; t++) rank[order[t]] = mid;
            a = e + 1;
        }
        double nPos = 0, sum = 0;
        for (int i = 0; i < n; i++) if (positive[i]) { nPos++; sum += rank[i]; }
        double nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) return double.NaN;
        return (sum - nPos * (nPos + 1) / 2) / (nPos * nNeg);
    }
}
