using MathNet.Numerics.LinearAlgebra;
using Regularization.Logistic;
using Regularization.Teaching;

namespace Regularization.Tests.Teaching;

/// <summary>
/// The elastic-net grouping helpers of notebook 04: deviance explained against a scalar log-likelihood, the grouping bound
/// against the KKT identity it comes from and exact copies, and the matched-fit comparison of lasso and elastic-net paths.
/// </summary>
public sealed class ElasticNetGroupingTests
{
    private static readonly int[] Size = [0, 2, 3, 20, 22, 23];   // mean / worst radius, perimeter, area

    private static (Matrix<double> X, Vector<double> Y) Data()
    {
        var (x, y, _) = LogisticStudy.BreastCancerStandardized();
        return (x, y);
    }

    /// <summary>Scalar reference: 1 - sum log p(y_i) / sum log pbar(y_i), straight from the coefficients.</summary>
    private static double DevianceExplainedByHand(LogisticModel m, Matrix<double> x, Vector<double> y)
    {
        double ll = 0, ll0 = 0, pbar = y.Average();
        for (int i = 0; i < x.RowCount; i++)
        {
            double eta = m.Intercept[0];
            for (int j = 0; j < x.ColumnCount; j++) eta += x[i, j] * m.Coef[0, j];
            double p = 1 / (1 + Math.Exp(-eta));
            ll += y[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
            ll0 += y[i] == 1 ? Math.Log(pbar) : Math.Log(1 - pbar);
        }
        return 1 - ll / ll0;
    }

    [Fact]
    public void DevianceExplainedMatchesTheLogLikelihoodAndGrowsAlongThePath()
    {
        var (x, y) = Data();
        var path = new LogisticRegression(penalty: LogisticPenalty.ElasticNet, l1Ratio: 0.5, tol: 1e-8).Path(x, y, nLambdas: 30, lambdaMinRatio: 1e-2);
        var d2 = ElasticNetGrouping.DevianceExplained(path, x, y);
        Assert.Equal(30, d2.Length);
        Assert.True(Math.Abs(d2[0]) < 1e-10, $"the empty model at lambda_max explains nothing, got {d2[0]}");
        foreach (int k in new[] { 5, 17, 29 })
        {
            Assert.Equal(DevianceExplainedByHand(path.Models[k], x, y), d2[k], 10);
            Assert.Equal(d2[k], ElasticNetGrouping.DevianceExplained(path.Models[k], x, y), 14);
        }
        // a weaker penalty never fits the training data worse (optimality at both lambdas), up to the solver tolerance
        for (int k = 1; k < d2.Length; k++) Assert.True(d2[k] >= d2[k - 1] - 1e-6, $"D2 fell from {d2[k - 1]} to {d2[k]} at point {k}");
        Assert.InRange(d2[^1], 0.85, 1.0);
    }

    [Fact]
    public void DevianceExplainedRejectsWhatItCannotScore()
    {
        var (x, y) = Data();
        var m = new LogisticRegression(c: 0.1).Fit(x, y);
        Assert.Contains("columns", Assert.Throws<ArgumentException>(() => ElasticNetGrouping.DevianceExplained(m, x.SubMatrix(0, 569, 0, 29), y)).Message);
        var y3 = y.Clone();
        y3[4] = 2;
        Assert.Contains("y[4] = 2", Assert.Throws<ArgumentException>(() => ElasticNetGrouping.DevianceExplained(m, x, y3)).Message);
        Assert.Contains("single class", Assert.Throws<ArgumentException>(() =>
            ElasticNetGrouping.DevianceExplained(m, x.SubMatrix(0, 3, 0, 30), Vector<double>.Build.Dense(3, 1.0))).Message);
        var multi = new LogisticRegression(c: 0.1).Fit(x.SubMatrix(0, 9, 0, 30), Vector<double>.Build.DenseOfArray([0, 1, 2, 0, 1, 2, 0, 1, 2]));
        Assert.Contains("multinomial", Assert.Throws<ArgumentException>(() => ElasticNetGrouping.DevianceExplained(multi, x.SubMatrix(0, 9, 0, 30), y.SubVector(0, 9))).Message);
    }

    [Fact]
    public void FirstAtLeastFindsTheFirstCrossing()
    {
        Assert.Equal(2, ElasticNetGrouping.FirstAtLeast([0.1, 0.4, 0.75, 0.9, 0.7], 0.75));
        Assert.Equal(0, ElasticNetGrouping.FirstAtLeast([0.8], 0.75));
        var e = Assert.Throws<ArgumentException>(() => ElasticNetGrouping.FirstAtLeast([0.1, 0.6], 0.75));
        Assert.Contains("target = 0.75", e.Message);
        Assert.Contains("0.6", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ElasticNetGrouping.FirstAtLeast([0.1], double.NaN));
    }

    [Fact]
    public void GroupingBoundIsTheCauchySchwarzBoundOnTheKktIdentity()
    {
        var (x, y) = Data();
        const double lambda = 0.05, rho = 0.3;
        var m = LogisticRegression.FromLambda(lambda, LogisticPenalty.ElasticNet, l1Ratio: rho, tol: 1e-10).Fit(x, y);
        var g = LogisticStudy.LossGradient(m, x, y);   // (1/n) X^T (p - y)
        var prob = m.PredictProbability(x);
        double resid = Math.Sqrt(Enumerable.Range(0, 569).Sum(i => Math.Pow(y[i] - prob[i, 1], 2)) / 569);
        int pairs = 0;
        for (int i = 0; i < 30; i++)
            for (int j = i + 1; j < 30; j++)
            {
                double wi = m.Coef[0, i], wj = m.Coef[0, j];
                if (!(wi * wj > 0)) continue;
                pairs++;
                // KKT: lambda (1 - rho) (w_i - w_j) = g_j - g_i exactly at the solution
                Assert.Equal(g[j] - g[i], lambda * (1 - rho) * (wi - wj), 8);
                double bound = ElasticNetGrouping.GroupingBound(m, x, y, i, j);
                Assert.True(Math.Abs(wi - wj) <= bound, $"features {i}, {j}: |{wi} - {wj}| > {bound}");
                // standardized columns: ||x_i - x_j|| = sqrt(2 n (1 - r_ij))
                double r = CorrelatedFeatures.Correlation(x, i, j);
                Assert.Equal(Math.Sqrt(2 * (1 - r)) * resid / (lambda * (1 - rho)), bound, 9);
            }
        Assert.True(pairs >= 20, $"only {pairs} same-sign pairs were checked");
        var lasso = LogisticRegression.FromLambda(lambda, LogisticPenalty.L1).Fit(x, y);
        Assert.Equal(double.PositiveInfinity, ElasticNetGrouping.GroupingBound(lasso, x, y, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ElasticNetGrouping.GroupingBound(m, x, y, 0, 30));
    }

    [Fact]
    public void AnExactCopyGetsAnEqualCoefficientWhileTheLassoOnlyFixesTheSum()
    {
        var (x, y) = Data();
        var x2 = CorrelatedFeatures.WithNoisyCopy(x, 20, noise: 0, seed: 0);
        var en = LogisticRegression.FromLambda(0.02, LogisticPenalty.ElasticNet, l1Ratio: 0.5, tol: 1e-10).Fit(x2, y);
        Assert.Equal(0.0, ElasticNetGrouping.GroupingBound(en, x2, y, 20, 30));
        Assert.True(en.Coef[0, 20] < 0);
        Assert.Equal(en.Coef[0, 20], en.Coef[0, 30], 8);
        // the lasso only pins down the sum of the pair (any same-sign split is optimal): it equals the fit without the copy
        var lasso = LogisticRegression.FromLambda(0.02, LogisticPenalty.L1, tol: 1e-10).Fit(x2, y);
        var single = LogisticRegression.FromLambda(0.02, LogisticPenalty.L1, tol: 1e-10).Fit(x, y);
        Assert.Equal(single.Coef[0, 20], lasso.Coef[0, 20] + lasso.Coef[0, 30], 7);
    }

    [Fact]
    public void CompareMatchesEveryPathAtTheTargetFit()
    {
        var (x, y) = Data();
        var cmp = ElasticNetGrouping.Compare(x, y, Size, [1.0, 0.1], target: 0.7, nLambdas: 40);
        Assert.Equal(2, cmp.Paths.Count);
        Assert.Equal(Size, cmp.Group.ToArray());
        for (int r = 0; r < 2; r++)
        {
            int k = cmp.MatchedIndex[r];
            Assert.True(cmp.DevianceExplained[r][k] >= 0.7 && cmp.DevianceExplained[r][k - 1] < 0.7);
            Assert.Equal(cmp.DevianceExplained[r][k], cmp.MatchedDevianceExplained(r));
            Assert.Same(cmp.Paths[r].Models[k], cmp.Matched(r));
            Assert.Equal(cmp.L1Ratios[r], cmp.Matched(r).L1Ratio);
            Assert.Equal(Size.Select(j => cmp.Paths[r].Coefs[j, k]).ToArray(), cmp.GroupCoefficients(r));
            Assert.Equal(cmp.GroupCoefficients(r).Count(w => w != 0), cmp.KeptAtMatch(r));
            Assert.Equal(cmp.KeptAtMatch(r), cmp.KeptAlongPath(r)[k]);
            Assert.Equal(cmp.Paths[r].Coefs.Row(Size[4]).ToArray(), cmp.Trace(r, 4));
        }
        Assert.Equal(1, cmp.KeptAtMatch(0));
        Assert.Equal(6, cmp.KeptAtMatch(1));
        Assert.InRange(cmp.BoundUse(1), 0.0, 1.0);
        Assert.True(cmp.BoundUse(0) == 0 || double.IsNaN(cmp.BoundUse(0)));
        var sole = cmp.SoleMembers(0);
        Assert.Equal(sole.Distinct(), sole);
        Assert.True(sole.Length >= 2, "the lasso switches between size features along its path");
        Assert.All(sole, a => Assert.Contains(cmp.Paths[0].Models, m => m.Coef[0, Size[a]] != 0 && Size.Count(j => m.Coef[0, j] != 0) == 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => cmp.Trace(0, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => cmp.Matched(2));
        // spreads and the printed table read the same numbers
        Assert.Equal(cmp.GroupCoefficients(1).Max() - cmp.GroupCoefficients(1).Min(), cmp.Spread(1));
        var last = Enumerable.Range(0, 6).Select(a => cmp.Trace(1, a)[^1]).ToArray();
        Assert.Equal(last.Max() - last.Min(), cmp.SpreadAt(1, cmp.Paths[1].Models.Count - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => cmp.SpreadAt(1, 40));
        string[] names = ["a", "b", "c", "d", "e", "f"];
        var table = cmp.ToTable(names).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(14, table.Length);
        Assert.EndsWith("lasso".PadLeft(13) + "l1Ratio 0.1".PadLeft(13), table[0]);
        Assert.StartsWith("e".PadRight(17) + cmp.GroupCoefficients(0)[4].ToString("F3", System.Globalization.CultureInfo.InvariantCulture).PadLeft(13), table[9]);
        Assert.Contains("(no bound)", table[^1]);
        Assert.Throws<ArgumentException>(() => cmp.ToTable(["a"]));
    }

    [Fact]
    public void CompareRejectsBadInputNamingTheParameter()
    {
        var (x, y) = Data();
        Assert.Contains("group", Assert.Throws<ArgumentException>(() => ElasticNetGrouping.Compare(x, y, [3], [1.0])).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => ElasticNetGrouping.Compare(x, y, [3, 3], [1.0])).Message);
        Assert.Equal("group", Assert.Throws<ArgumentOutOfRangeException>(() => ElasticNetGrouping.Compare(x, y, [3, 30], [1.0])).ParamName);
        Assert.Contains("l1Ratios[1]", Assert.Throws<ArgumentOutOfRangeException>(() => ElasticNetGrouping.Compare(x, y, [0, 2], [1.0, 1.5])).Message);
        Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => ElasticNetGrouping.Compare(x, y, [0, 2], [1.0], target: 1)).ParamName);
        Assert.Contains("never reached", Assert.Throws<ArgumentException>(() => ElasticNetGrouping.Compare(x, y, [0, 2], [1.0], target: 0.999, nLambdas: 5)).Message);
    }
}
