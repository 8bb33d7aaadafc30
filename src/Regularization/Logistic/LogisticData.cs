using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Validation;

namespace Regularization.Logistic;

/// <summary>
/// A validated classification problem in the solvers' layout: the column-major design, the class of every row, and the
/// effective row weights <c>u_i = s_i c_{y_i} / W</c> (sample weight times class weight, normalized to sum to 1, where
/// <c>W = sum_i s_i c_{y_i}</c>), so that the mean-form loss is <c>sum_i u_i loss_i</c>.
/// </summary>
internal sealed class LogisticData
{
    public required double[] X { get; init; }
    public required int N { get; init; }
    public required int P { get; init; }
    public required double[] Classes { get; init; }
    public required int[] Label { get; init; }
    public required double[] U { get; init; }
    public required double WeightSum { get; init; }
    public required bool Multinomial { get; init; }

    /// <summary>Binary target: 1 for the second class, 0 for the first.</summary>
    public required double[] Y01 { get; init; }

    public int K => Classes.Length;

    /// <summary>Number of coefficient vectors: 1 for binary, K for multinomial.</summary>
    public int Blocks => Multinomial ? K : 1;

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static LogisticData Create(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight, ClassWeight? classWeight, MultiClass multiClass)
    {
        Guard.Design(x, "x", forSums: true);
        Guard.Target(y, x.RowCount);
        Guard.SampleWeights(sampleWeight, x.RowCount);
        int n = x.RowCount;
        for (int i = 0; i < n; i++)
        {
            if (y[i] != Math.Round(y[i]))
                throw new ArgumentException($"y[{i}] = {F(y[i])} is not allowed: class labels must be whole numbers (for example 0/1 or 0..K-1); this looks like a regression target.", nameof(y));
        }
        var classes = y.Distinct().OrderBy(v => v).ToArray();
        if (classes.Length < 2)
            throw new ArgumentException($"y has a single class ({F(classes[0])}) in all {n} rows: logistic regression needs at least two classes.", nameof(y));
        if (multiClass == MultiClass.Binary && classes.Length != 2)
            throw new ArgumentException($"y has {classes.Length} classes ({string.Join(", ", classes.Take(12).Select(F))}{(classes.Length > 12 ? ", ..." : "")}) but multiClass = Binary needs exactly two; use MultiClass.Auto or Multinomial.", nameof(y));
        if (classes.Length > Math.Max(10, n / 2))
            throw new ArgumentException($"y has {classes.Length} distinct labels in {n} rows: too many classes for classification (at most n/2 = {n / 2}); is this a regression target?", nameof(y));
        var label = new int[n];
        var index = new Dictionary<double, int>();
        for (int k = 0; k < classes.Length; k++) index[classes[k]] = k;
        for (int i = 0; i < n; i++) label[i] = index[y[i]];

        var s = new double[n];
        for (int i = 0; i < n; i++) s[i] = sampleWeight?[i] ?? 1.0;
        if (classWeight is not null)
        {
            var counts = new double[classes.Length];
            for (int i = 0; i < n; i++) counts[label[i]] += s[i];
            var cw = classWeight.Resolve(classes, counts);
            for (int i = 0; i < n; i++) s[i] *= cw[label[i]];
        }
        double total = s.Sum();
        if (double.IsPositiveInfinity(total) || s.Any(v => !double.IsFinite(v)))
        {
            int i = Array.FindIndex(s, v => !double.IsFinite(v));
            throw new ArgumentException(
                $"the effective row weights (sample weight times class weight) overflow: {(i >= 0 ? $"row {i} (class {F(classes[label[i]])}) has weight {F(s[i])}" : $"their sum is {F(total)}")}; only their ratios matter, so scale the class weights (and sample weights) down, for example to at most 1.", nameof(classWeight));
        }
        if (!(total > 0))
            throw new ArgumentException($"the effective row weights (sample weight times class weight) sum to {F(total)}: at least one must be > 0.", nameof(classWeight));
        var u = s.Select(v => v / total).ToArray();
        var present = new double[classes.Length];
        for (int i = 0; i < n; i++) present[label[i]] += u[i];
        for (int k = 0; k < classes.Length; k++)
            if (present[k] <= 0)
                throw new ArgumentException($"class {F(classes[k])} has total weight 0 (sample weight times class weight): every class needs a positive weight.", nameof(sampleWeight));
        bool multinomial = multiClass == MultiClass.Multinomial || (multiClass == MultiClass.Auto && classes.Length > 2);
        var x01 = MatrixOps.ColumnMajor(x);
        return new LogisticData
        {
            X = x01,
            N = n,
            P = x.ColumnCount,
            Classes = classes,
            Label = label,
            U = u,
            WeightSum = total,
            Multinomial = multinomial,
            Y01 = label.Select(l => l == 1 ? 1.0 : 0.0).ToArray(),
        };
    }

    public ReadOnlySpan<double> Column(int j) => X.AsSpan(j * N, N);

    /// <summary>Weighted share of each class, <c>pi_k = sum_{i in k} u_i</c>.</summary>
    public double[] ClassShares()
    {
        var pi = new double[K];
        for (int i = 0; i < N; i++) pi[Label[i]] += U[i];
        return pi;
    }
}
