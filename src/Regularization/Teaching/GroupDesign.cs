using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// A design whose columns come in groups that belong together: the polynomial expansion <c>(v, v^2, ..., v^d)</c> of each variable
/// (one group per variable; a binary variable stays a group of one, since its powers are collinear with it), optionally one-hot
/// dummies of a binned variable, and optionally pure-noise variables expanded the same way. Every column is standardized
/// (population sd), so that penalties treat the columns alike.
/// </summary>
/// <example><code>var g = GroupDesign.Polynomial(Datasets.Diabetes(), degree: 3, noiseVariables: 5, seed: 0); g.X; g.Groups; g.GroupNames;</code></example>
public sealed class GroupDesign
{
    private GroupDesign(Matrix<double> x, Vector<double> y, string[] names, int[][] groups, string[] groupNames, bool[] isNoise)
    {
        X = x; Y = y; FeatureNames = names; GroupIndices = groups; GroupNames = groupNames; IsNoiseGroup = isNoise;
    }

    /// <summary>
    /// Expands every feature of <paramref name="data"/> to the powers 1..<paramref name="degree"/> of its standardized value,
    /// and appends <paramref name="noiseVariables"/> standard-normal variables (seeded) expanded the same way.
    /// </summary>
    public static GroupDesign Polynomial(Dataset data, int degree = 3, int noiseVariables = 0, int seed = 0)
    {
        Guard.NotNull(data, nameof(data));
        Guard.AtLeast(degree, 1, nameof(degree));
        if (noiseVariables < 0) throw new ArgumentOutOfRangeException(nameof(noiseVariables), noiseVariables, $"noiseVariables = {noiseVariables} is not allowed: it must be >= 0.");
        int n = data.Rows;
        var (_, z) = Standardizer.FitTransform(data.X);
        var rng = new Normal(0, 1, new Random(seed));
        var vars = new List<(string Name, Vector<double> V, bool Noise)>();
        for (int j = 0; j < data.Features; j++) vars.Add((data.FeatureNames[j], z.Column(j), false));
        for (int k = 0; k < noiseVariables; k++)
        {
            var v = Vector<double>.Build.Dense(n, _ => rng.Sample());
            vars.Add(($"noise{k + 1}", v, true));
        }
        var cols = new List<Vector<double>>(); var names = new List<string>(); var groups = new List<int[]>();
        foreach (var (name, v, _) in vars)
        {
            bool binary = v.Distinct().Count() <= 2;
            int deg = binary ? 1 : degree;
            var g = new int[deg];
            for (int d = 1; d <= deg; d++)
            {
                g[d - 1] = cols.Count;
                cols.Add(v.Map(t => Math.Pow(t, d)));
                names.Add(d == 1 ? name : $"{name}^{d}");
            }
            groups.Add(g);
        }
        var x = Matrix<double>.Build.DenseOfColumnVectors(cols);
        var (_, xs) = Standardizer.FitTransform(x);
        return new GroupDesign(xs, data.Y.Clone(), names.ToArray(), groups.ToArray(), vars.Select(v => v.Name).ToArray(), vars.Select(v => v.Noise).ToArray());
    }

    /// <summary>
    /// One-hot dummies of <paramref name="values"/> cut at its empirical quantiles into <paramref name="bins"/> bins, dropping the first bin
    /// (the reference level): an n x (bins - 1) matrix of 0/1. Ties at a cut point go to the lower bin.
    /// </summary>
    public static Matrix<double> QuantileDummies(Vector<double> values, int bins)
    {
        Guard.NotNull(values, nameof(values));
        Guard.AtLeast(bins, 2, nameof(bins));
        var sorted = values.OrderBy(v => v).ToArray();
        var cuts = Enumerable.Range(1, bins - 1).Select(b => sorted[(int)Math.Floor(b * (sorted.Length - 1) / (double)bins)]).ToArray();
        var m = Matrix<double>.Build.Dense(values.Count, bins - 1);
        for (int i = 0; i < values.Count; i++)
        {
            int bin = cuts.Count(c => values[i] > c);
            if (bin > 0) m[i, bin - 1] = 1;
        }
        return m;
    }

    /// <summary>
    /// A copy of this design with the group of variable <paramref name="variable"/> replaced by the standardized one-hot dummies
    /// of its raw values <paramref name="raw"/> in <paramref name="bins"/> quantile bins (one group of bins - 1 columns, appended last).
    /// </summary>
    public GroupDesign WithBinned(string variable, Vector<double> raw, int bins)
    {
        int g = Array.IndexOf(GroupNames, variable);
        if (g < 0) throw new ArgumentException($"variable = \"{variable}\" is not a group; allowed: {string.Join(", ", GroupNames)}.", nameof(variable));
        Guard.Target(raw, X.RowCount, nameof(raw));
        var keep = Enumerable.Range(0, GroupNames.Length).Where(k => k != g).ToArray();
        var cols = new List<Vector<double>>(); var names = new List<string>(); var groups = new List<int[]>();
        foreach (var k in keep)
        {
            groups.Add(GroupIndices[k].Select(j => { cols.Add(X.Column(j)); names.Add(FeatureNames[j]); return cols.Count - 1; }).ToArray());
        }
        var (_, dummies) = Standardizer.FitTransform(QuantileDummies(raw, bins));
        groups.Add(Enumerable.Range(0, bins - 1).Select(b => { cols.Add(dummies.Column(b)); names.Add($"{variable}[bin {b + 2}]"); return cols.Count - 1; }).ToArray());
        var gn = keep.Select(k => GroupNames[k]).Append(variable + " (binned)").ToArray();
        var noise = keep.Select(k => IsNoiseGroup[k]).Append(false).ToArray();
        return new GroupDesign(Matrix<double>.Build.DenseOfColumnVectors(cols), Y, names.ToArray(), groups.ToArray(), gn, noise);
    }

    /// <summary>The standardized design (n x p).</summary>
    public Matrix<double> X { get; }

    /// <summary>The target (raw; models fit an intercept).</summary>
    public Vector<double> Y { get; }

    /// <summary>Column names, e.g. "bmi", "bmi^2".</summary>
    public string[] FeatureNames { get; }

    /// <summary>The column indices of every group.</summary>
    public int[][] GroupIndices { get; }

    /// <summary>The groups in the form <see cref="Linear.GroupLasso"/> takes.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Groups => GroupIndices;

    /// <summary>The variable each group expands.</summary>
    public string[] GroupNames { get; }

    /// <summary>True for the groups built from pure noise.</summary>
    public bool[] IsNoiseGroup { get; }

    /// <summary>The group of every column.</summary>
    public int[] GroupOfFeature
    {
        get
        {
            var r = new int[X.ColumnCount];
            for (int g = 0; g < GroupIndices.Length; g++) foreach (var j in GroupIndices[g]) r[j] = g;
            return r;
        }
    }

    /// <summary>Groups with at least one non-zero coefficient in <paramref name="coef"/>.</summary>
    public int[] SelectedGroups(Vector<double> coef)
    {
        Guard.NotNull(coef, nameof(coef));
        Guard.SameLength(coef.Count, X.ColumnCount, "coef.Count", "the number of columns");
        return Enumerable.Range(0, GroupIndices.Length).Where(g => GroupIndices[g].Any(j => coef[j] != 0)).ToArray();
    }

    /// <summary>Groups that are partly selected: some but not all of their columns are non-zero.</summary>
    public int[] PartlySelectedGroups(Vector<double> coef)
    {
        Guard.NotNull(coef, nameof(coef));
        Guard.SameLength(coef.Count, X.ColumnCount, "coef.Count", "the number of columns");
        return Enumerable.Range(0, GroupIndices.Length)
            .Where(g => GroupIndices[g].Any(j => coef[j] != 0) && GroupIndices[g].Any(j => coef[j] == 0)).ToArray();
    }
}
