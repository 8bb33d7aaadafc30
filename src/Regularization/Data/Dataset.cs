using MathNet.Numerics.LinearAlgebra;

namespace Regularization.Data;

/// <summary>A design matrix, its target and the names of its columns.</summary>
/// <param name="Name">Dataset name (for example "diabetes").</param>
/// <param name="X">Design matrix, one row per sample (raw, not standardized).</param>
/// <param name="Y">Target, one entry per row of <paramref name="X"/>.</param>
/// <param name="FeatureNames">Column names of <paramref name="X"/>, in order.</param>
/// <param name="TargetName">Name of the target column.</param>
/// <param name="Extra">Other named columns of the file that are neither features nor target (for example prostate's "train").</param>
public sealed record Dataset(
    string Name,
    Matrix<double> X,
    Vector<double> Y,
    IReadOnlyList<string> FeatureNames,
    string TargetName,
    IReadOnlyDictionary<string, Vector<double>> Extra)
{
    /// <summary>Number of rows.</summary>
    public int Rows => X.RowCount;

    /// <summary>Number of features.</summary>
    public int Features => X.ColumnCount;

    /// <summary>The rows with the given indices, in that order.</summary>
    public Dataset SelectRows(IReadOnlyList<int> rows)
    {
        var extra = Extra.ToDictionary(kv => kv.Key, kv => MatrixOps.SelectRows(kv.Value, rows));
        return this with { X = MatrixOps.SelectRows(X, rows), Y = MatrixOps.SelectRows(Y, rows), Extra = extra };
    }

    /// <summary>The columns with the given names, in that order.</summary>
    public Dataset SelectFeatures(params string[] names)
    {
        var idx = names.Select(n =>
        {
            int j = FeatureNames.ToList().IndexOf(n);
            if (j < 0)
                throw new ArgumentException($"names contains \"{n}\", which is not a feature of {Name}; allowed: {string.Join(", ", FeatureNames)}.", nameof(names));
            return j;
        }).ToArray();
        var x = Matrix<double>.Build.Dense(X.RowCount, idx.Length, (i, j) => X[i, idx[j]]);
        return this with { X = x, FeatureNames = names };
    }
}
