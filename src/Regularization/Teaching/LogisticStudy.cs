using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Logistic;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// Computations behind notebook 04 (regularized logistic regression): sweeps over C with sparsity, accuracy and the recall of a
/// minority class, imbalanced subsamples, per-class metrics, coefficient images of the digits model and the comparison with the
/// breast-cancer reference fits. Every fit is done by <see cref="LogisticRegression"/>; this class only arranges and scores.
/// </summary>
public static class LogisticStudy
{
    /// <summary>
    /// All rows whose label is not <paramref name="label"/>, plus <paramref name="keep"/> rows of that label drawn without replacement
    /// by a seeded permutation; returned in ascending row order (to make a class rare on purpose).
    /// </summary>
    public static int[] Subsample(IEnumerable<double> labels, double label, int keep, int seed)
    {
        var y = Guard.NotNull(labels, nameof(labels)).ToArray();
        var of = Enumerable.Range(0, y.Length).Where(i => y[i] == label).ToArray();
        if (of.Length == 0) throw new ArgumentException($"label = {label} does not occur in y.", nameof(label));
        Guard.InClosedRange(keep, 0, of.Length, nameof(keep));
        var perm = Splits.Permutation(of.Length, seed);
        var kept = perm.Take(keep).Select(k => of[k]);
        return Enumerable.Range(0, y.Length).Where(i => y[i] != label).Concat(kept).OrderBy(i => i).ToArray();
    }

    /// <summary>The distinct labels (ascending) and how many rows carry each.</summary>
    public static (double[] Classes, int[] Counts) ClassCounts(IEnumerable<double> y)
    {
        var groups = Guard.NotNull(y, nameof(y)).GroupBy(v => v).OrderBy(g => g.Key).ToArray();
        return (groups.Select(g => g.Key).ToArray(), groups.Select(g => g.Count()).ToArray());
    }

    /// <summary>scikit-learn's balanced class weights <c>n / (K n_k)</c>, in the order of <see cref="ClassCounts"/>.</summary>
    public static double[] BalancedWeights(IEnumerable<double> y)
    {
        var (classes, counts) = ClassCounts(y);
        return ClassWeight.Balanced.Resolve(classes, counts.Select(c => (double)c).ToArray());
    }

    /// <summary>Recall of <paramref name="label"/>: the share of its rows that are predicted as it (NaN when it does not occur).</summary>
    public static double Recall(IEnumerable<double> yTrue, IEnumerable<double> yPred, double label)
    {
        var t = Guard.NotNull(yTrue, nameof(yTrue)).ToArray();
        var p = Guard.NotNull(yPred, nameof(yPred)).ToArray();
        Guard.SameLength(p.Length, t.Length, nameof(yPred), "yTrue.Length");
        int pos = 0, hit = 0;
        for (int i = 0; i < t.Length; i++)
            if (t[i] == label) { pos++; if (p[i] == label) hit++; }
        return pos == 0 ? double.NaN : (double)hit / pos;
    }

    /// <summary>Precision of <paramref name="label"/>: the share of rows predicted as it that carry it (NaN when never predicted).</summary>
    public static double Precision(IEnumerable<double> yTrue, IEnumerable<double> yPred, double label)
    {
        var t = Guard.NotNull(yTrue, nameof(yTrue)).ToArray();
        var p = Guard.NotNull(yPred, nameof(yPred)).ToArray();
        Guard.SameLength(p.Length, t.Length, nameof(yPred), "yTrue.Length");
        int predicted = 0, hit = 0;
        for (int i = 0; i < t.Length; i++)
            if (p[i] == label) { predicted++; if (t[i] == label) hit++; }
        return predicted == 0 ? double.NaN : (double)hit / predicted;
    }

    /// <summary>
    /// Fits one model per C on the training rows and scores it on the test rows: non-zeros, accuracy, and recall / precision of
    /// <paramref name="watchLabel"/>. Each fit is independent (no warm start), so every point is the estimator a user would get.
    /// </summary>
    public static LogisticSweepPoint[] SweepC(Matrix<double> xTrain, Vector<double> yTrain, Matrix<double> xTest, Vector<double> yTest,
        IReadOnlyList<double> cs, LogisticPenalty penalty, double watchLabel, ClassWeight? classWeight = null, double tol = 1e-6)
    {
        Guard.NotNull(cs, nameof(cs));
        var result = new LogisticSweepPoint[cs.Count];
        for (int i = 0; i < cs.Count; i++)
        {
            var m = new LogisticRegression(cs[i], penalty, tol: tol, classWeight: classWeight).Fit(xTrain, yTrain);
            var pred = m.Predict(xTest);
            int ok = 0;
            for (int r = 0; r < yTest.Count; r++) if (pred[r] == yTest[r]) ok++;
            result[i] = new LogisticSweepPoint(cs[i], m.Lambda, m.NonZeroCount, (double)ok / yTest.Count,
                Recall(yTest, pred, watchLabel), Precision(yTest, pred, watchLabel), m.Converged);
        }
        return result;
    }

    /// <summary>Geometric grid from <paramref name="from"/> to <paramref name="to"/> (both included), <paramref name="count"/> points.</summary>
    public static double[] LogGrid(double from, double to, int count)
    {
        Guard.Positive(from, nameof(from));
        Guard.Positive(to, nameof(to));
        Guard.AtLeast(count, 2, nameof(count));
        double a = Math.Log(from), b = Math.Log(to);
        return Enumerable.Range(0, count).Select(i => i == count - 1 ? to : Math.Exp(a + (b - a) * i / (count - 1))).ToArray();
    }

    /// <summary>The rows of (x, y) repeated <paramref name="times"/> times (the data set stacked on itself).</summary>
    public static (Matrix<double> X, Vector<double> Y) Repeat(Matrix<double> x, Vector<double> y, int times)
    {
        Guard.AtLeast(times, 1, nameof(times));
        Guard.Target(y, x.RowCount);
        int n = x.RowCount;
        var rx = Matrix<double>.Build.Dense(n * times, x.ColumnCount, (i, j) => x[i % n, j]);
        var ry = Vector<double>.Build.Dense(n * times, i => y[i % n]);
        return (rx, ry);
    }

    /// <summary>Largest absolute entry-wise difference of two matrices of the same shape.</summary>
    public static double MaxAbsDifference(Matrix<double> a, Matrix<double> b)
    {
        if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount)
            throw new ArgumentException($"b is {b.RowCount} x {b.ColumnCount} but a is {a.RowCount} x {a.ColumnCount}: the shapes must match.", nameof(b));
        return (a - b).Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();
    }

    /// <summary>
    /// Row k of the model's coefficients laid out as an image of <paramref name="width"/> columns, top row first
    /// (for the digits, feature <c>8 r + c</c> is pixel (r, c)): <c>image[r][c] = Coef[k, r width + c]</c>.
    /// </summary>
    public static double[][] CoefficientImage(LogisticModel model, int k, int width)
    {
        Guard.NotNull(model, nameof(model));
        if (k < 0 || k >= model.Coef.RowCount) throw new ArgumentOutOfRangeException(nameof(k), k, $"k = {k} is not allowed: it must lie in [0, {model.Coef.RowCount - 1}].");
        Guard.AtLeast(width, 1, nameof(width));
        if (model.Features % width != 0) throw new ArgumentException($"width = {width} does not divide the {model.Features} features.", nameof(width));
        int rows = model.Features / width;
        return Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, width).Select(c => model.Coef[k, r * width + c]).ToArray()).ToArray();
    }

    /// <summary>Features whose coefficient is zero for every class (the model does not look at them at all).</summary>
    public static int[] UnusedFeatures(LogisticModel model)
    {
        Guard.NotNull(model, nameof(model));
        return Enumerable.Range(0, model.Features).Where(j => Enumerable.Range(0, model.Coef.RowCount).All(k => model.Coef[k, j] == 0)).ToArray();
    }

    /// <summary>
    /// Gradient of the mean log-loss of a binary model at its solution, <c>g_j = (1/n) sum_i x_ij (p_i - y_i)</c> with
    /// <c>p_i = P(Classes[1] | x_i)</c> (unit weights). At an L1 solution <c>|g_j| &lt;= lambda</c> where <c>w_j = 0</c> and
    /// <c>g_j = -lambda sign(w_j)</c> elsewhere; at an L2 solution <c>g_j = -lambda w_j</c>.
    /// </summary>
    public static double[] LossGradient(LogisticModel model, Matrix<double> x, Vector<double> y)
    {
        Guard.NotNull(model, nameof(model));
        if (model.IsMultinomial) throw new ArgumentException("model is multinomial: LossGradient is for binary models.", nameof(model));
        Guard.Target(y, x.RowCount);
        var prob = model.PredictProbability(x);
        int n = x.RowCount;
        var g = new double[x.ColumnCount];
        for (int i = 0; i < n; i++)
        {
            double r = prob[i, 1] - (y[i] == model.Classes[1] ? 1.0 : 0.0);
            for (int j = 0; j < g.Length; j++) g[j] += x[i, j] * r;
        }
        for (int j = 0; j < g.Length; j++) g[j] /= n;
        return g;
    }

    /// <summary>
    /// Features of a binary path in the order they first become non-zero as the penalty weakens (path order); features that
    /// never enter are left out.
    /// </summary>
    public static int[] EntryOrder(LogisticPath path)
    {
        Guard.NotNull(path, nameof(path));
        var coefs = path.Coefs;
        var first = new List<(int Feature, int Step)>();
        for (int j = 0; j < coefs.RowCount; j++)
        {
            int step = Enumerable.Range(0, coefs.ColumnCount).FirstOrDefault(l => coefs[j, l] != 0, -1);
            if (step >= 0) first.Add((j, step));
        }
        return first.OrderBy(t => t.Step).ThenBy(t => t.Feature).Select(t => t.Feature).ToArray();
    }

    /// <summary>Breast cancer with every column standardized over all 569 rows (population sd), as in the reference fits.</summary>
    public static (Matrix<double> X, Vector<double> Y, IReadOnlyList<string> Features) BreastCancerStandardized()
    {
        var ds = Datasets.BreastCancer();
        var (_, z) = Standardizer.FitTransform(ds.X);
        return (z, ds.Y, ds.FeatureNames);
    }

    /// <summary>
    /// Refits every case of tests/reference/05_logistic_breast_cancer.json (embedded in the library) with <see cref="LogisticRegression"/> (tolerance
    /// <paramref name="tol"/>) and compares with the reference's exact solution (<c>coef_exact</c>, <c>intercept_exact</c>).
    /// </summary>
    public static ReferenceComparison[] CompareWithReference(double tol = 1e-8)
    {
        var (x, y, _) = BreastCancerStandardized();
        using var doc = JsonDocument.Parse(EmbeddedData.Reference("05_logistic_breast_cancer.json"));
        var rows = new List<ReferenceComparison>();
        foreach (var fit in doc.RootElement.GetProperty("outputs").GetProperty("fits").EnumerateArray())
        {
            double c = fit.GetProperty("C").GetDouble();
            string pen = fit.GetProperty("penalty").GetString()!;
            var exact = fit.GetProperty("coef_exact").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            double b = fit.GetProperty("intercept_exact").GetDouble();
            var m = new LogisticRegression(c, pen == "l1" ? LogisticPenalty.L1 : LogisticPenalty.L2, tol: tol).Fit(x, y);
            double diff = Math.Abs(m.Intercept[0] - b);
            for (int j = 0; j < exact.Length; j++) diff = Math.Max(diff, Math.Abs(m.Coef[0, j] - exact[j]));
            rows.Add(new ReferenceComparison(pen, c, diff, m.Features - m.NonZeroCount, exact.Count(v => v == 0), m.KktViolation, m.Iterations));
        }
        return rows.ToArray();
    }
}
