using Regularization.Data;
using Regularization.Linear;
using Regularization.Teaching;

namespace Regularization.Tests.Teaching;

public class SelectionStabilityTests
{
    private static readonly Lazy<GroupDesign> Design = new(() => GroupDesign.Polynomial(Datasets.Diabetes(), 2, noiseVariables: 2, seed: 0));

    [Fact]
    public void JaccardOfSets()
    {
        Assert.Equal(0.5, SelectionStability.Jaccard([1, 2, 3], [2, 3, 4, 1, 5, 6]));
        Assert.Equal(1.0, SelectionStability.Jaccard([], []));
        Assert.Equal(0.0, SelectionStability.Jaccard([1], [2]));
        Assert.Equal(2.0 / 3, SelectionStability.Jaccard([1, 2, 2], [1, 2, 3]), 15);
    }

    [Fact]
    public void FrequenciesAgreeWithPerFoldFitsAndAreSeeded()
    {
        var d = Design.Value;
        double alpha = 0.3 * GroupLasso.AlphaMax(d.X, d.Y, d.Groups);
        var s = SelectionStability.ForGroupLasso(d, alpha, folds: 4, seed: 2);
        var ids = Splits.KFold(d.X.RowCount, 4, 2);
        var sets = new List<int[]>();
        for (int f = 0; f < 4; f++)
        {
            var (train, _) = Splits.Fold(ids, f);
            var m = new GroupLasso(alpha, d.Groups) { Tol = 1e-10, MaxIter = 10000 }.Fit(MatrixOps.SelectRows(d.X, train), MatrixOps.SelectRows(d.Y, train));
            var sel = d.SelectedGroups(m.Coef);
            sets.Add(sel);
            for (int g = 0; g < d.Groups.Count; g++) Assert.Equal(sel.Contains(g), s.Selected[f, g]);
            Assert.Equal(m.NonZeroCount, s.FeatureCounts[f]);
        }
        for (int g = 0; g < d.Groups.Count; g++) Assert.Equal(sets.Count(x => x.Contains(g)) / 4.0, s.Frequency[g]);
        double mean = 0; int pairs = 0;
        for (int a = 0; a < 4; a++) for (int b = a + 1; b < 4; b++) { mean += SelectionStability.Jaccard(sets[a], sets[b]); pairs++; }
        Assert.Equal(mean / pairs, s.MeanJaccard, 12);
        // for the group lasso a group is all in or all out, so column selection follows group selection
        for (int f = 0; f < 4; f++)
            for (int g = 0; g < d.Groups.Count; g++)
                Assert.All(d.GroupIndices[g], j => Assert.Equal(s.Selected[f, g], s.SelectedColumns[f, j]));
        var again = SelectionStability.ForGroupLasso(d, alpha, folds: 4, seed: 2);
        Assert.Equal(s.Frequency, again.Frequency);
        Assert.Equal(s.AlwaysSelected.Length + s.Unstable.Length, s.Frequency.Count(v => v > 0));
    }

    [Fact]
    public void HugeAlphaSelectsNothingAndBadInputIsRejected()
    {
        var d = Design.Value;
        var s = SelectionStability.ForLasso(d, 1e6, folds: 3, seed: 0);
        Assert.All(s.Frequency, v => Assert.Equal(0, v));
        Assert.Equal(1.0, s.MeanJaccard);
        Assert.Equal("lasso", s.Method);
        Assert.Throws<ArgumentOutOfRangeException>(() => SelectionStability.ForLasso(d, 1.0, folds: 1, seed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SelectionStability.ForLasso(d, 0.0, folds: 3, seed: 0));
    }
}
