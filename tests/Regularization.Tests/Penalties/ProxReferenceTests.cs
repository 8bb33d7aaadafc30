using Regularization.Penalties;
using Regularization.Tests.Linear;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Penalties;

/// <summary>Case 08: proximal operators at 1e-12, plus value/subgradient checks.</summary>
public class ProxReferenceTests
{
    private static System.Text.Json.JsonElement Out => Ref("08_prox_operators.json").GetProperty("outputs");

    [Fact]
    public void L1L2AndElasticNetProxMatch()
    {
        int count = 0;
        foreach (var c in Out.GetProperty("l1").EnumerateArray())
        {
            double x = c.GetProperty("x").GetDouble(), lam = c.GetProperty("lambda").GetDouble();
            var d = new double[1];
            new L1Penalty(lam).Prox([x], 1.0, d);
            AssertClose(c.GetProperty("prox").GetDouble(), d[0], 1e-12, $"l1 prox({x}, {lam})");
            // the same through a step: prox of (lam/2) at step 2
            new L1Penalty(lam / 2).Prox([x], 2.0, d);
            AssertClose(c.GetProperty("prox").GetDouble(), d[0], 1e-12, $"l1 prox step 2 ({x}, {lam})");
            count++;
        }
        foreach (var c in Out.GetProperty("l2_squared").EnumerateArray())
        {
            double x = c.GetProperty("x").GetDouble(), lam = c.GetProperty("lambda").GetDouble();
            var d = new double[1];
            new L2Penalty(lam).Prox([x], 1.0, d);
            AssertClose(c.GetProperty("prox").GetDouble(), d[0], 1e-12, $"l2 prox({x}, {lam})");
            count++;
        }
        foreach (var c in Out.GetProperty("elastic_net").EnumerateArray())
        {
            double x = c.GetProperty("x").GetDouble(), lam = c.GetProperty("lambda").GetDouble(), a = c.GetProperty("alpha").GetDouble();
            var d = new double[1];
            new ElasticNetPenalty(lam, a).Prox([x], 1.0, d);
            AssertClose(c.GetProperty("prox").GetDouble(), d[0], 1e-12, $"enet prox({x}, {lam}, {a})");
            count++;
        }
        Assert.Equal(75 + 75 + 225, count);
    }

    [Fact]
    public void GroupProxMatches()
    {
        foreach (var c in Out.GetProperty("group_lasso").EnumerateArray())
        {
            var v = Vec(c.GetProperty("v"));
            double lam = c.GetProperty("lambda").GetDouble();
            var expected = Vec(c.GetProperty("prox"));
            var d = new double[v.Length];
            new GroupLassoPenalty(lam, [Enumerable.Range(0, v.Length).ToArray()], v.Length, [1.0]).Prox(v, 1.0, d);
            for (int i = 0; i < v.Length; i++) AssertClose(expected[i], d[i], 1e-12, $"group prox[{i}] lambda {lam}");
            var k = new double[v.Length];
            Regularization.Kernels.ProxKernels.BlockSoftThreshold(v, lam, k);
            for (int i = 0; i < v.Length; i++) AssertClose(expected[i], k[i], 1e-12, $"kernel block prox[{i}]");
        }
        foreach (var c in Out.GetProperty("group_lasso_partitioned").EnumerateArray())
        {
            var v = Vec(c.GetProperty("v"));
            var groups = c.GetProperty("groups").EnumerateArray().Select(g => (IReadOnlyList<int>)Ints(g)).ToArray();
            var weights = Vec(c.GetProperty("group_weights"));
            var pen = new GroupLassoPenalty(c.GetProperty("lambda").GetDouble(), groups, v.Length);
            for (int g = 0; g < weights.Length; g++) AssertClose(weights[g], pen.Weights[g], 1e-15, "default weight sqrt(|g|)");
            var d = new double[v.Length];
            pen.Prox(v, 1.0, d);
            var expected = Vec(c.GetProperty("prox"));
            for (int i = 0; i < v.Length; i++) AssertClose(expected[i], d[i], 1e-12, $"partitioned prox[{i}]");
        }
    }

    [Fact]
    public void ValuesAndSubgradients()
    {
        double[] w = [1.5, -2, 0, 0.25];
        AssertClose(0.3 * 3.75, new L1Penalty(0.3).Value(w), 1e-15, "l1 value");
        AssertClose(0.5 * 0.3 * (2.25 + 4 + 0.0625), new L2Penalty(0.3).Value(w), 1e-15, "l2 value");
        var en = new ElasticNetPenalty(0.3, 0.4);
        AssertClose(0.3 * (0.4 * 3.75 + 0.3 * (2.25 + 4 + 0.0625)), en.Value(w), 1e-15, "enet value");
        var g = new double[4];
        en.Subgradient(w, g);
        for (int i = 0; i < 4; i++) AssertClose(0.3 * (0.4 * Math.Sign(w[i]) + 0.6 * w[i]), g[i], 1e-15, $"enet subgradient[{i}]");
        var gl = new GroupLassoPenalty(2.0, [[0, 1], [2]], 4);
        AssertClose(2.0 * Math.Sqrt(2) * 2.5, gl.Value(w), 1e-14, "group value (index 3 unpenalized)");
        gl.Subgradient(w, g);
        AssertClose(2.0 * Math.Sqrt(2) * 1.5 / 2.5, g[0], 1e-14, "group subgradient");
        Assert.Equal(0.0, g[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ElasticNetPenalty(1, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new L1Penalty(-1));
    }
}
