using MathNet.Numerics.LinearAlgebra;
using Regularization.Linear;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// What a coefficient-path chart shows, computed from a <see cref="RegularizationPath"/>: log10 of every alpha, the trace of
/// every coefficient, the number of non-zeros, the L1 norm, and the order (and alpha) at which features enter the model.
/// </summary>
/// <example><code>var s = PathSummary.From(Lasso.Path(x, y), names); s.Log10Alphas; s.Trace(0); s.NonZeroCounts; s.EntryOrder;</code></example>
public sealed class PathSummary
{
    private PathSummary(RegularizationPath path, IReadOnlyList<string> names)
    {
        Path = path;
        FeatureNames = names;
        Alphas = path.Alphas.ToArray();
        Log10Alphas = Alphas.Select(Math.Log10).ToArray();
        NonZeroCounts = path.NonZeroCounts;
        L1Norms = Enumerable.Range(0, Alphas.Length).Select(k => path.Coefs.Column(k).L1Norm()).ToArray();
        int p = path.Coefs.RowCount;
        EntryAlpha = new double[p];
        for (int j = 0; j < p; j++)
        {
            EntryAlpha[j] = double.NaN;
            for (int k = 0; k < Alphas.Length; k++)
                if (path.Coefs[j, k] != 0 && (double.IsNaN(EntryAlpha[j]) || Alphas[k] > EntryAlpha[j])) EntryAlpha[j] = Alphas[k];
        }
        EntryOrder = Enumerable.Range(0, p).Where(j => !double.IsNaN(EntryAlpha[j]))
            .OrderByDescending(j => EntryAlpha[j]).ThenBy(j => j).ToArray();
    }

    /// <summary>Summarizes <paramref name="path"/>; <paramref name="featureNames"/> has one name per coefficient.</summary>
    public static PathSummary From(RegularizationPath path, IReadOnlyList<string> featureNames)
    {
        Guard.NotNull(path, nameof(path));
        Guard.NotNull(featureNames, nameof(featureNames));
        Guard.SameLength(featureNames.Count, path.Coefs.RowCount, "featureNames.Count", "the number of coefficients");
        if (path.Alphas.Any(a => !(a > 0)))
            throw new ArgumentException("path contains an alpha <= 0, which has no logarithm: use a grid of positive alphas.", nameof(path));
        return new PathSummary(path, featureNames);
    }

    /// <summary>The summarized path.</summary>
    public RegularizationPath Path { get; }

    /// <summary>Feature names, one per coefficient.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The alphas in path order.</summary>
    public double[] Alphas { get; }

    /// <summary><c>log10(alpha)</c> for every alpha (the x axis of a path chart).</summary>
    public double[] Log10Alphas { get; }

    /// <summary>Number of non-zero coefficients at every alpha (the second axis of a path chart).</summary>
    public int[] NonZeroCounts { get; }

    /// <summary><c>||w(alpha)||_1</c> at every alpha.</summary>
    public double[] L1Norms { get; }

    /// <summary>The largest alpha of the grid at which feature j is non-zero (NaN when it never is).</summary>
    public double[] EntryAlpha { get; }

    /// <summary>Features that are non-zero somewhere on the path, in the order they enter as alpha decreases (ties by index).</summary>
    public int[] EntryOrder { get; }

    /// <summary>Names of <see cref="EntryOrder"/>.</summary>
    public string[] EntryOrderNames => EntryOrder.Select(j => FeatureNames[j]).ToArray();

    /// <summary>The coefficient of feature <paramref name="feature"/> at every alpha.</summary>
    public double[] Trace(int feature)
    {
        if (feature < 0 || feature >= FeatureNames.Count)
            throw new ArgumentOutOfRangeException(nameof(feature), feature, $"feature = {feature} is not allowed: it must lie in [0, {FeatureNames.Count - 1}].");
        return Path.Coefs.Row(feature).ToArray();
    }

    /// <summary>Index of the grid point nearest to <paramref name="alpha"/> on the log scale.</summary>
    public int NearestIndex(double alpha)
    {
        Guard.Positive(alpha, nameof(alpha));
        double la = Math.Log10(alpha);
        int best = 0;
        for (int k = 1; k < Alphas.Length; k++)
            if (Math.Abs(Log10Alphas[k] - la) < Math.Abs(Log10Alphas[best] - la)) best = k;
        return best;
    }

    /// <summary>The coefficients at grid point <paramref name="k"/>.</summary>
    public Vector<double> CoefAt(int k) => Path.ModelAt(k).Coef;
}
