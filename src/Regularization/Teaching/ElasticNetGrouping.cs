using MathNet.Numerics.LinearAlgebra;
using Regularization.Logistic;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// Computations behind the elastic-net section of notebook 04: the share of deviance a binary logistic model explains (to compare
/// paths with different L1 ratios at the same fit), the elastic net's grouping bound for two correlated features, and the
/// comparison of lasso and elastic-net paths on a group of correlated features (<see cref="Compare"/>). Fits are done by
/// <see cref="LogisticRegression"/>. All assume unit sample weights, no class weights and penalty factors of 1 (the notebook's fits).
/// </summary>
public static class ElasticNetGrouping
{
    /// <summary>
    /// Fits one binary path per L1 ratio (<c>LogisticRegression(penalty: ElasticNet, l1Ratio)</c>, 1 being the lasso) on glmnet's
    /// grid of <paramref name="nLambdas"/> lambdas down to <paramref name="lambdaMinRatio"/> lambda_max, and compares the
    /// coefficients of <paramref name="group"/> at the strongest penalty of each path that explains at least
    /// <paramref name="target"/> of the null deviance.
    /// </summary>
    /// <param name="x">Design matrix (standardized columns make the grouping bound read as in the XML docs of <see cref="GroupingBound"/>).</param>
    /// <param name="y">Binary labels.</param>
    /// <param name="group">Two or more distinct feature indices.</param>
    /// <param name="l1Ratios">L1 ratios in [0, 1].</param>
    /// <param name="target">Share of deviance explained to compare at, in (0, 1).</param>
    /// <param name="nLambdas">Points per path.</param>
    /// <param name="lambdaMinRatio">Smallest lambda as a fraction of each path's lambda_max.</param>
    /// <param name="tol">KKT tolerance of every fit.</param>
    /// <exception cref="ArgumentException">A path never reaches <paramref name="target"/>.</exception>
    public static GroupingComparison Compare(Matrix<double> x, Vector<double> y, IReadOnlyList<int> group, IReadOnlyList<double> l1Ratios,
        double target = 0.75, int nLambdas = 100, double lambdaMinRatio = 1e-3, double tol = 1e-4)
    {
        Guard.NotNull(x, nameof(x));
        var g = Guard.NotNull(group, nameof(group)).ToArray();
        if (g.Length < 2) throw new ArgumentException($"group has {g.Length} feature(s): a group needs at least 2.", nameof(group));
        foreach (int j in g)
            if (j < 0 || j >= x.ColumnCount)
                throw new ArgumentOutOfRangeException(nameof(group), j, $"group holds {j}, which is not allowed: features lie in [0, {x.ColumnCount - 1}].");
        if (g.Distinct().Count() != g.Length) throw new ArgumentException("group holds a feature twice: its features must be distinct.", nameof(group));
        var ratios = Guard.NotNull(l1Ratios, nameof(l1Ratios)).ToArray();
        if (ratios.Length == 0) throw new ArgumentException("l1Ratios is empty: give at least one L1 ratio.", nameof(l1Ratios));
        for (int r = 0; r < ratios.Length; r++) Guard.InClosedRange(ratios[r], 0, 1, $"l1Ratios[{r}]");
        if (!(target > 0 && target < 1)) throw new ArgumentOutOfRangeException(nameof(target), target, $"target = {target} is not allowed: it must lie in (0, 1).");
        var paths = ratios.Select(r => new LogisticRegression(penalty: LogisticPenalty.ElasticNet, l1Ratio: r, tol: tol)
            .Path(x, y, nLambdas: nLambdas, lambdaMinRatio: lambdaMinRatio)).ToArray();
        if (paths[0].Models[0].IsMultinomial) throw new ArgumentException("y has more than two classes: Compare is for binary models.", nameof(y));
        var d2 = paths.Select(p => DevianceExplained(p, x, y)).ToArray();
        return new GroupingComparison(x, y, g, ratios, target, paths, d2);
    }

    /// <summary>
    /// Share of the null deviance a binary model explains (glmnet's <c>dev.ratio</c>): <c>1 - D(model) / D(null)</c> with
    /// <c>D = -2 sum_i log p(y_i | x_i)</c> and the null model the intercept-only fit <c>p = mean(y == Classes[1])</c>.
    /// 0 for the empty model with a fitted intercept, approaching 1 as the fit becomes perfect.
    /// </summary>
    /// <param name="model">A binary model.</param>
    /// <param name="x">Rows to score, n x p.</param>
    /// <param name="y">Their labels (each one of the model's two classes).</param>
    public static double DevianceExplained(LogisticModel model, Matrix<double> x, Vector<double> y)
    {
        var labels = BinaryLabels(model, x, y);
        return 1 - Deviance(model, x, labels) / NullDeviance(labels);
    }

    /// <summary><see cref="DevianceExplained(LogisticModel, Matrix{double}, Vector{double})"/> at every point of a binary path (path order).</summary>
    public static double[] DevianceExplained(LogisticPath path, Matrix<double> x, Vector<double> y)
    {
        Guard.NotNull(path, nameof(path));
        var labels = BinaryLabels(path.Models[0], x, y);
        double d0 = NullDeviance(labels);
        return path.Models.Select(m => 1 - Deviance(m, x, labels) / d0).ToArray();
    }

    /// <summary>
    /// Index of the first entry of <paramref name="values"/> that is at least <paramref name="target"/> (on a path ordered from
    /// the strongest penalty: the strongest penalty reaching that fit).
    /// </summary>
    /// <exception cref="ArgumentException">No entry reaches the target (the message gives the largest value).</exception>
    public static int FirstAtLeast(IReadOnlyList<double> values, double target)
    {
        Guard.NotNull(values, nameof(values));
        if (!double.IsFinite(target)) throw new ArgumentOutOfRangeException(nameof(target), target, $"target = {target} is not allowed: it must be finite.");
        for (int k = 0; k < values.Count; k++)
            if (values[k] >= target) return k;
        throw new ArgumentException(
            $"target = {target} is never reached: the largest of the {values.Count} values is {(values.Count == 0 ? double.NaN : values.Max())}; lower the target or extend the path.",
            nameof(target));
    }

    /// <summary>
    /// The elastic net's grouping bound for features i and j of a binary model (glmnet form, unit weights):
    /// <c>|w_i - w_j| &lt;= ||x_i - x_j||_2 ||y - p||_2 / (n lambda (1 - L1Ratio))</c> whenever <c>w_i w_j &gt; 0</c>.
    /// It follows from subtracting the two KKT conditions <c>g_k + lambda L1Ratio sign(w_k) + lambda (1 - L1Ratio) w_k = 0</c>,
    /// <c>g = X^T (p - y) / n</c>, and Cauchy-Schwarz. For standardized columns <c>||x_i - x_j||^2 = 2 n (1 - r_ij)</c>, so
    /// perfectly correlated features get equal coefficients. Infinite for the lasso (L1Ratio = 1) or lambda = 0: nothing ties them.
    /// </summary>
    /// <param name="model">A binary model fitted with unit weights and penalty factors 1.</param>
    /// <param name="x">Its training rows.</param>
    /// <param name="y">Its training labels.</param>
    /// <param name="i">First feature (column of x).</param>
    /// <param name="j">Second feature.</param>
    public static double GroupingBound(LogisticModel model, Matrix<double> x, Vector<double> y, int i, int j)
    {
        var labels = BinaryLabels(model, x, y);
        if (i < 0 || i >= x.ColumnCount) throw new ArgumentOutOfRangeException(nameof(i), i, $"i = {i} is not allowed: it must lie in [0, {x.ColumnCount - 1}].");
        if (j < 0 || j >= x.ColumnCount) throw new ArgumentOutOfRangeException(nameof(j), j, $"j = {j} is not allowed: it must lie in [0, {x.ColumnCount - 1}].");
        double ridge = model.Lambda * (1 - model.L1Ratio);
        double dx = (x.Column(i) - x.Column(j)).L2Norm();
        if (dx == 0) return 0;
        if (!(ridge > 0)) return double.PositiveInfinity;
        var prob = model.PredictProbability(x);
        double r2 = 0;
        for (int k = 0; k < labels.Length; k++)
        {
            double r = labels[k] - prob[k, 1];
            r2 += r * r;
        }
        return dx * Math.Sqrt(r2) / (x.RowCount * ridge);
    }

    /// <summary>Row labels as 0/1 (1 for the model's second class); checks the shapes and that every label is one of the classes.</summary>
    private static int[] BinaryLabels(LogisticModel model, Matrix<double> x, Vector<double> y)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(x, nameof(x));
        if (model.IsMultinomial) throw new ArgumentException("model is multinomial: these measures are for binary models.", nameof(model));
        if (x.ColumnCount != model.Features)
            throw new ArgumentException($"x has {x.ColumnCount} columns but the model has {model.Features} features.", nameof(x));
        Guard.Target(y, x.RowCount);
        var labels = new int[y.Count];
        for (int k = 0; k < y.Count; k++)
        {
            if (y[k] == model.Classes[1]) labels[k] = 1;
            else if (y[k] != model.Classes[0])
                throw new ArgumentException($"y[{k}] = {y[k]} is not one of the model's classes ({model.Classes[0]}, {model.Classes[1]}).", nameof(y));
        }
        return labels;
    }

    private static double Deviance(LogisticModel model, Matrix<double> x, int[] labels) =>
        labels.Length * ClassificationMetrics.Deviance(model.PredictProbability(x), labels);

    private static double NullDeviance(int[] labels)
    {
        double pi = labels.Average();
        if (pi is 0 or 1) throw new ArgumentException("y holds a single class: the null deviance is 0 and the share explained is undefined.", "y");
        int n1 = labels.Sum(), n0 = labels.Length - n1;
        return -2 * (n1 * Math.Log(pi) + n0 * Math.Log(1 - pi));
    }
}
