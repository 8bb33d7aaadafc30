using System.Numerics;
using Regularization.Data;
using Regularization.Validation;

namespace Regularization.Nn;

/// <summary>Features (row-major <c>[rows, features]</c>) and integer class labels, in the element type of a model.</summary>
/// <param name="X">Row-major features.</param>
/// <param name="Y">Labels in <c>[0, Classes)</c>.</param>
/// <param name="Features">Number of features.</param>
/// <param name="Classes">Number of classes.</param>
public sealed record ClassificationData<T>(T[] X, int[] Y, int Features, int Classes) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Number of rows.</summary>
    public int Rows => Y.Length;

    /// <summary>The given rows of a dataset, each feature multiplied by <paramref name="scale"/> (digits: 1/16 puts pixels in [0, 1]).</summary>
    public static ClassificationData<T> From(Dataset data, IReadOnlyList<int>? rows = null, double scale = 1.0, int? classes = null)
    {
        Guard.NotNull(data, nameof(data));
        rows ??= Enumerable.Range(0, data.Rows).ToArray();
        int p = data.Features;
        var x = new T[rows.Count * p];
        var y = new int[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            int i = rows[r];
            for (int j = 0; j < p; j++) x[r * p + j] = T.CreateTruncating(data.X[i, j] * scale);
            double t = data.Y[i];
            if (t < 0 || t != Math.Floor(t)) throw new ArgumentException($"target {data.TargetName}[{i}] = {t} is not a class label (an integer >= 0).", nameof(data));
            y[r] = (int)t;
        }
        int k = classes ?? (int)data.Y.Maximum() + 1;
        return new ClassificationData<T>(x, y, p, k);
    }

    /// <summary>A seeded train/test split of a dataset (<see cref="Splits.TrainTest"/>), features scaled by <paramref name="scale"/>.</summary>
    public static (ClassificationData<T> Train, ClassificationData<T> Test) TrainTest(Dataset data, double testFraction, int seed, double scale = 1.0)
    {
        Guard.NotNull(data, nameof(data));
        var (tr, te) = Splits.TrainTest(data.Rows, testFraction, seed);
        int k = (int)data.Y.Maximum() + 1;
        return (From(data, tr, scale, k), From(data, te, scale, k));
    }

    /// <summary>The digits data set (1797 × 64, pixels / 16) split into train and test with a seed.</summary>
    public static (ClassificationData<T> Train, ClassificationData<T> Test) Digits(double testFraction = 0.25, int seed = 0) =>
        TrainTest(Datasets.Digits(), testFraction, seed, 1.0 / 16);
}
