namespace Regularization.Data;

/// <summary>Seeded train/test splits and k-fold assignments with explicit fold ids.</summary>
public static class Splits
{
    /// <summary>
    /// A seeded random split: a permutation of 0..n-1 from <see cref="Random"/>(seed) (Fisher–Yates), the first
    /// <c>round(testFraction * n)</c> indices are the test rows. Both index lists are returned sorted.
    /// </summary>
    public static (int[] Train, int[] Test) TrainTest(int n, double testFraction, int seed)
    {
        Validation.Guard.AtLeast(n, 2, nameof(n));
        Validation.Guard.InClosedRange(testFraction, 0, 1, nameof(testFraction));
        int nTest = (int)Math.Round(testFraction * n, MidpointRounding.ToEven);
        if (nTest == 0 || nTest == n)
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction,
                $"testFraction = {testFraction} gives {nTest} test rows out of {n}: both parts must be non-empty.");
        var perm = Permutation(n, seed);
        var test = perm[..nTest];
        var train = perm[nTest..];
        Array.Sort(test);
        Array.Sort(train);
        return (train, test);
    }

    /// <summary>A seeded random permutation of 0..n-1 (Fisher–Yates with <see cref="Random"/>(seed)).</summary>
    public static int[] Permutation(int n, int seed)
    {
        var rng = new Random(seed);
        var p = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }

    /// <summary>
    /// Contiguous folds, as scikit-learn's <c>KFold(k, shuffle=False)</c>: the first <c>n % k</c> folds have one row more.
    /// Returns the fold id (0..k-1) of every row.
    /// </summary>
    public static int[] KFoldContiguous(int n, int k)
    {
        Validation.Guard.AtLeast(k, 2, nameof(k));
        if (k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k = {k} is not allowed: it must be <= the number of rows ({n}).");
        var fold = new int[n];
        int start = 0;
        for (int f = 0; f < k; f++)
        {
            int size = n / k + (f < n % k ? 1 : 0);
            for (int i = start; i < start + size; i++) fold[i] = f;
            start += size;
        }
        return fold;
    }

    /// <summary>
    /// The one fold policy of every cross-validator (<see cref="Linear.LinearModelCV"/>, <see cref="Logistic.LogisticRegressionCV"/>):
    /// without a seed, contiguous folds (<see cref="KFoldContiguous"/>, scikit-learn's <c>KFold(k)</c>); with a seed, the same folds
    /// over a seeded permutation of the rows (<see cref="KFold"/>). The same (n, k, seed) gives the same folds in every family.
    /// </summary>
    public static int[] Folds(int n, int k, int? seed) => seed is int s ? KFold(n, k, s) : KFoldContiguous(n, k);

    /// <summary>
    /// Seeded shuffled folds: rows are permuted with <see cref="Permutation"/>(n, seed) and then cut into contiguous folds,
    /// so fold sizes differ by at most one. Returns the fold id (0..k-1) of every row.
    /// </summary>
    public static int[] KFold(int n, int k, int seed)
    {
        var contiguous = KFoldContiguous(n, k);
        var perm = Permutation(n, seed);
        var fold = new int[n];
        for (int i = 0; i < n; i++) fold[perm[i]] = contiguous[i];
        return fold;
    }

    /// <summary>Checks explicit fold ids: one per row, values 0..k-1, every fold non-empty; returns k.</summary>
    public static int ValidateFoldIds(IReadOnlyList<int> foldIds, int n, string name = "foldIds")
    {
        Validation.Guard.SameLength(foldIds.Count, n, name, "x.RowCount");
        int k = 0;
        foreach (var f in foldIds)
        {
            if (f < 0) throw new ArgumentOutOfRangeException(name, f, $"{name} contains {f}: fold ids must be 0, 1, ..., k-1.");
            k = Math.Max(k, f + 1);
        }
        var count = new int[k];
        foreach (var f in foldIds) count[f]++;
        for (int f = 0; f < k; f++)
            if (count[f] == 0) throw new ArgumentException($"{name} has no row in fold {f}: fold ids must be 0..k-1 with every fold non-empty.", name);
        if (k < 2) throw new ArgumentException($"{name} names {k} fold(s): cross-validation needs at least 2.", name);
        return k;
    }

    /// <summary>Training and test row indices of fold <paramref name="fold"/>.</summary>
    public static (int[] Train, int[] Test) Fold(IReadOnlyList<int> foldIds, int fold)
    {
        var train = new List<int>();
        var test = new List<int>();
        for (int i = 0; i < foldIds.Count; i++) (foldIds[i] == fold ? test : train).Add(i);
        return (train.ToArray(), test.ToArray());
    }
}
