using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Logistic;

namespace Regularization.Teaching;

/// <summary>
/// Binary logistic paths for several L1 ratios (1 = lasso), compared on one group of correlated features at equal fit: on each
/// path the matched point is the strongest penalty whose share of deviance explained reaches <see cref="Target"/>
/// (made by <see cref="ElasticNetGrouping.Compare"/>). "Member" <c>a</c> is feature <c>Group[a]</c>; "path" <c>r</c> is
/// <c>L1Ratios[r]</c>.
/// </summary>
public sealed class GroupingComparison
{
    private readonly Matrix<double> _x;
    private readonly Vector<double> _y;
    private readonly int[] _group;

    internal GroupingComparison(Matrix<double> x, Vector<double> y, int[] group, double[] l1Ratios, double target,
        LogisticPath[] paths, double[][] devianceExplained)
    {
        _x = x;
        _y = y;
        _group = group;
        L1Ratios = l1Ratios;
        Target = target;
        Paths = paths;
        DevianceExplained = devianceExplained;
        MatchedIndex = devianceExplained.Select(d => ElasticNetGrouping.FirstAtLeast(d, target)).ToArray();
    }

    /// <summary>The features of the group (columns of x), in the order used by every per-member result.</summary>
    public IReadOnlyList<int> Group => _group;

    /// <summary>The L1 ratio of every path.</summary>
    public IReadOnlyList<double> L1Ratios { get; }

    /// <summary>The share of deviance explained at which the paths are compared.</summary>
    public double Target { get; }

    /// <summary>The fitted paths (lambda descending), one per L1 ratio.</summary>
    public IReadOnlyList<LogisticPath> Paths { get; }

    /// <summary>Share of the null deviance explained at every point of every path (<see cref="ElasticNetGrouping.DevianceExplained(LogisticPath, Matrix{double}, Vector{double})"/>).</summary>
    public IReadOnlyList<double[]> DevianceExplained { get; }

    /// <summary>Index of the matched point on every path: the first (strongest penalty) whose deviance explained is at least <see cref="Target"/>.</summary>
    public IReadOnlyList<int> MatchedIndex { get; }

    /// <summary>The model at the matched point of path r.</summary>
    public LogisticModel Matched(int r) => Paths[CheckPath(r)].Models[MatchedIndex[r]];

    /// <summary>Deviance explained at the matched point of path r (at least <see cref="Target"/>).</summary>
    public double MatchedDevianceExplained(int r) => DevianceExplained[CheckPath(r)][MatchedIndex[r]];

    /// <summary>The group's coefficients at the matched point of path r, in <see cref="Group"/> order.</summary>
    public double[] GroupCoefficients(int r)
    {
        var m = Matched(r);
        return _group.Select(j => m.Coef[0, j]).ToArray();
    }

    /// <summary>How many of the group are non-zero at the matched point of path r.</summary>
    public int KeptAtMatch(int r) => GroupCoefficients(r).Count(v => v != 0);

    /// <summary>How many of the group are non-zero at every point of path r (path order).</summary>
    public int[] KeptAlongPath(int r) => Paths[CheckPath(r)].Models.Select(m => _group.Count(j => m.Coef[0, j] != 0)).ToArray();

    /// <summary>
    /// The members that are, at some point of path r, the group's only non-zero coefficient, each listed once, in the order they
    /// first are (positions in <see cref="Group"/>). More than one means the path switches between members of the group.
    /// </summary>
    public int[] SoleMembers(int r)
    {
        var result = new List<int>();
        foreach (var m in Paths[CheckPath(r)].Models)
        {
            var nz = Enumerable.Range(0, _group.Length).Where(a => m.Coef[0, _group[a]] != 0).ToArray();
            if (nz.Length == 1 && !result.Contains(nz[0])) result.Add(nz[0]);
        }
        return result.ToArray();
    }

    /// <summary>The coefficient of member a along path r (path order).</summary>
    public double[] Trace(int r, int member)
    {
        if (member < 0 || member >= _group.Length)
            throw new ArgumentOutOfRangeException(nameof(member), member, $"member = {member} is not allowed: it must lie in [0, {_group.Length - 1}].");
        var m = Paths[CheckPath(r)];
        return m.Models.Select(model => model.Coef[0, _group[member]]).ToArray();
    }

    /// <summary>
    /// At the matched point of path r: the largest <c>|w_i - w_j| / bound_ij</c> over pairs of the group with coefficients of one
    /// sign, bound_ij being <see cref="ElasticNetGrouping.GroupingBound"/>; at most 1 at an exact solution. 0 for the lasso (its
    /// bound is infinite), NaN when no pair of the group has two non-zero coefficients of one sign.
    /// </summary>
    public double BoundUse(int r)
    {
        var m = Matched(r);
        double worst = double.NaN;
        for (int a = 0; a < _group.Length; a++)
            for (int b = a + 1; b < _group.Length; b++)
            {
                int i = _group[a], j = _group[b];
                if (!(m.Coef[0, i] * m.Coef[0, j] > 0)) continue;
                double use = Math.Abs(m.Coef[0, i] - m.Coef[0, j]) / ElasticNetGrouping.GroupingBound(m, _x, _y, i, j);
                if (double.IsNaN(use)) use = 0;   // 0 / 0: identical columns with identical coefficients
                worst = double.IsNaN(worst) ? use : Math.Max(worst, use);
            }
        return worst;
    }

    /// <summary>Max minus min of the group's coefficients at the matched point of path r.</summary>
    public double Spread(int r)
    {
        var g = GroupCoefficients(r);
        return g.Max() - g.Min();
    }

    /// <summary>Max minus min of the group's coefficients at point <paramref name="k"/> of path r.</summary>
    public double SpreadAt(int r, int k)
    {
        var m = Paths[CheckPath(r)].Models;
        if (k < 0 || k >= m.Count) throw new ArgumentOutOfRangeException(nameof(k), k, $"k = {k} is not allowed: it must lie in [0, {m.Count - 1}].");
        var c = _group.Select(j => m[k].Coef[0, j]).ToArray();
        return c.Max() - c.Min();
    }

    /// <summary>
    /// The comparison as a text table, one column per path: λ_max, the matched λ, its deviance explained, the number of non-zero
    /// coefficients, each member's coefficient (named by <paramref name="memberNames"/>), their sum, their spread and
    /// <see cref="BoundUse"/>.
    /// </summary>
    public string ToTable(IReadOnlyList<string> memberNames)
    {
        Validation.Guard.NotNull(memberNames, nameof(memberNames));
        if (memberNames.Count != _group.Length)
            throw new ArgumentException($"memberNames has {memberNames.Count} names but the group has {_group.Length} members: the shapes must match.", nameof(memberNames));
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        void Row(string label, Func<int, string> cell) =>
            sb.Append(label.PadRight(17)).AppendJoin("", Enumerable.Range(0, Paths.Count).Select(r => cell(r).PadLeft(13))).Append('\n');
        Row("", r => L1Ratios[r] == 1 ? "lasso" : string.Create(ci, $"l1Ratio {L1Ratios[r]}"));
        Row("λ_max", r => Paths[r].LambdaMax.ToString("G4", ci));
        Row("λ", r => Matched(r).Lambda.ToString("G3", ci));
        Row("D²", r => MatchedDevianceExplained(r).ToString("P1", ci));
        Row("non-zero (of " + _x.ColumnCount + ")", r => Matched(r).NonZeroCount.ToString(ci));
        for (int a = 0; a < _group.Length; a++) Row(memberNames[a], r => GroupCoefficients(r)[a].ToString("F3", ci));
        Row("sum of the group", r => GroupCoefficients(r).Sum().ToString("F3", ci));
        Row("max - min", r => Spread(r).ToString("F3", ci));
        Row("max |Δw|/bound", r => L1Ratios[r] == 1 ? "(no bound)" : BoundUse(r).ToString("F3", ci));
        return sb.ToString();
    }

    private int CheckPath(int r)
    {
        if (r < 0 || r >= Paths.Count) throw new ArgumentOutOfRangeException(nameof(r), r, $"r = {r} is not allowed: it must lie in [0, {Paths.Count - 1}].");
        return r;
    }
}
