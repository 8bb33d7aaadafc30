using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Teaching;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Teaching;

public class GroupDesignTests
{
    [Fact]
    public void PolynomialGroupsAreStandardizedAndSeeded()
    {
        var ds = Datasets.Diabetes();
        var g = GroupDesign.Polynomial(ds, degree: 3, noiseVariables: 2, seed: 4);
        Assert.Equal(12, g.Groups.Count);
        Assert.Equal(1 + 11 * 3, g.X.ColumnCount);                  // sex is binary: a group of one
        Assert.Equal([3], g.GroupIndices[1]);
        Assert.Equal("sex", g.GroupNames[1]);
        Assert.Equal(["age", "age^2", "age^3"], g.GroupIndices[0].Select(j => g.FeatureNames[j]).ToArray());
        Assert.Equal([false, false, false, false, false, false, false, false, false, false, true, true], g.IsNoiseGroup);
        for (int j = 0; j < g.X.ColumnCount; j++)
        {
            var c = g.X.Column(j);
            AssertClose(0, c.Average(), 1e-12, $"mean[{j}]");
            AssertClose(1, Math.Sqrt(c.Sum(v => v * v) / c.Count), 1e-12, $"sd[{j}]");
        }
        // column age^2 is the standardized square of the standardized age
        var z = Standardizer.FitTransform(ds.X).Z.Column(0);
        var sq = z.Map(v => v * v);
        double m = sq.Average(), sd = Math.Sqrt(sq.Sum(v => (v - m) * (v - m)) / sq.Count);
        AssertClose(0, (sq.Map(v => (v - m) / sd) - g.X.Column(1)).AbsoluteMaximum(), 1e-12, "age^2");
        var again = GroupDesign.Polynomial(ds, 3, 2, seed: 4);
        Assert.Equal(g.X.Column(g.X.ColumnCount - 1).ToArray(), again.X.Column(again.X.ColumnCount - 1).ToArray());
        Assert.Equal(g.Y.ToArray(), ds.Y.ToArray());
        Assert.Equal(g.GroupIndices.Length, g.GroupOfFeature.Distinct().Count());
    }

    [Fact]
    public void QuantileDummiesAndBinnedGroup()
    {
        var v = Vector<double>.Build.DenseOfEnumerable(Enumerable.Range(0, 100).Select(i => (double)((i * 37) % 100)));
        var d = GroupDesign.QuantileDummies(v, 4);
        Assert.Equal(3, d.ColumnCount);
        Assert.All(Enumerable.Range(0, 3), b => Assert.Equal(25, d.Column(b).Sum()));
        for (int i = 0; i < 100; i++) Assert.Equal(v[i] <= 24 ? 0 : 1, d.Row(i).Sum());
        var ds = Datasets.Diabetes();
        var g = GroupDesign.Polynomial(ds, 2).WithBinned("age", ds.X.Column(0), 4);
        Assert.Equal("age (binned)", g.GroupNames[^1]);
        Assert.Equal(3, g.GroupIndices[^1].Length);
        Assert.DoesNotContain("age", g.GroupNames);
        Assert.Equal(1 + 8 * 2 + 3, g.X.ColumnCount);
        var e = Assert.Throws<ArgumentException>(() => g.WithBinned("height", ds.X.Column(0), 3));
        Assert.Contains("height", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GroupDesign.QuantileDummies(v, 1));
    }

    [Fact]
    public void SelectedAndPartlySelectedGroups()
    {
        var g = GroupDesign.Polynomial(Datasets.Diabetes(), 3);
        var w = Vector<double>.Build.Dense(g.X.ColumnCount);
        w[g.GroupIndices[0][1]] = 1;                    // part of age
        foreach (var j in g.GroupIndices[2]) w[j] = 2;  // all of bmi
        Assert.Equal([0, 2], g.SelectedGroups(w));
        Assert.Equal([0], g.PartlySelectedGroups(w));
        Assert.Throws<ArgumentException>(() => g.SelectedGroups(Vector<double>.Build.Dense(3)));
    }
}
