using System.Text.Json;
using Regularization.Data;
using Regularization.Optim;
using Regularization.Pruning;

namespace Regularization.Tests.Pruning;

/// <summary>Reproduces the masks of reference case 07 exactly (torch.nn.utils.prune, stable tie rule).</summary>
public class MagnitudePruningTests
{
    private static readonly JsonElement Root =
        JsonDocument.Parse(File.ReadAllText(RepoPaths.ReferenceFile("07_magnitude_pruning.json"))).RootElement;

    private static double[] Values => Root.GetProperty("inputs").GetProperty("values").EnumerateArray().Select(x => x.GetDouble()).ToArray();
    private static JsonElement Out => Root.GetProperty("outputs");
    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();
    private static int[] MaskOf<T>(Parameter<T> p) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        p.Mask!.Select(x => x == T.One ? 1 : x == T.Zero ? 0 : -1).ToArray();

    /// <summary>Scalar reference: stable argsort of |w|, first k pruned.</summary>
    internal static int[] ReferenceMask(double[] v, int k)
    {
        var order = Enumerable.Range(0, v.Length).OrderBy(i => Math.Abs(v[i])).ThenBy(i => i).ToArray();
        var m = Enumerable.Repeat(1, v.Length).ToArray();
        foreach (var i in order.Take(k)) m[i] = 0;
        return m;
    }

    [Fact]
    public void LayerWiseMatchesTorch()
    {
        foreach (var c in Out.GetProperty("l1_unstructured").EnumerateArray())
        {
            double amount = c.GetProperty("amount").GetDouble();
            var v = Values;
            var p = new Parameter<double>("w", [v.Length], value: (double[])v.Clone());
            var report = MagnitudePruner.LayerWise([p], amount);
            Assert.Equal(Ints(c.GetProperty("mask")), MaskOf(p));
            Assert.Equal(c.GetProperty("n_pruned").GetInt32(), (int)report.Pruned);
            for (int i = 0; i < v.Length; i++) Assert.Equal(v[i] * p.Mask![i], p.Value[i]); // exact copies w * mask
            double kept = p.Value.Sum(Math.Abs);
            Assert.Equal(c.GetProperty("sum_abs_kept").GetDouble(), kept, 12);
        }
    }

    [Fact]
    public void FloatMatchesTorchToo()
    {
        var c = Out.GetProperty("l1_unstructured")[1];
        var v = Values.Select(x => (float)x).ToArray();
        var p = new Parameter<float>("w", [v.Length], value: v);
        MagnitudePruner.LayerWise([p], c.GetProperty("amount").GetDouble());
        Assert.Equal(Ints(c.GetProperty("mask")), MaskOf(p));
    }

    private static Parameter<T>[] Split<T>(Func<double, T> conv) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var v = Values.Select(conv).ToArray();
        return [new Parameter<T>("t0", [20, 30], value: v[..600]), new Parameter<T>("t1", [300], value: v[600..900]), new Parameter<T>("t2", [100], value: v[900..])];
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("0.9")]
    public void GlobalAndSplitLayerWiseMatchTorch(string amountKey)
    {
        double amount = double.Parse(amountKey, System.Globalization.CultureInfo.InvariantCulture);
        var split = Out.GetProperty("split_into_tensors");
        var g = split.GetProperty("global_unstructured").GetProperty(amountKey);
        var ps = Split(x => x);
        var rep = MagnitudePruner.Global(ps, amount);
        var masks = g.GetProperty("masks").EnumerateArray().Select(Ints).ToArray();
        for (int t = 0; t < 3; t++) Assert.Equal(masks[t], MaskOf(ps[t]));
        Assert.Equal(Ints(g.GetProperty("pruned_per_tensor")), rep.Layers.Select(l => l.Pruned).ToArray());

        var lw = split.GetProperty("layerwise_l1_unstructured").GetProperty(amountKey);
        var ps2 = Split(x => (float)x);
        var rep2 = MagnitudePruner.LayerWise(ps2, amount);
        var masks2 = lw.GetProperty("masks").EnumerateArray().Select(Ints).ToArray();
        for (int t = 0; t < 3; t++) Assert.Equal(masks2[t], MaskOf(ps2[t]));
        Assert.Equal(Ints(lw.GetProperty("pruned_per_tensor")), rep2.Layers.Select(l => l.Pruned).ToArray());
    }

    [Fact]
    public void IterativeSecondCallPrunesRemaining()
    {
        var it = Out.GetProperty("iterative_0.5_then_0.8");
        var p = new Parameter<double>("w", [1000], value: Values);
        MagnitudePruner.LayerWise([p], 0.5);
        var rep = MagnitudePruner.LayerWise([p], 0.8); // round(0.8 * 500) = 400 more
        Assert.Equal(Ints(it.GetProperty("mask")), MaskOf(p));
        Assert.Equal(it.GetProperty("n_pruned").GetInt32(), (int)rep.Pruned);
    }

    [Fact]
    public void TiesUseStableLowerIndexFirstRule()
    {
        var tr = Out.GetProperty("ties_and_rounding");
        var v = tr.GetProperty("values").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        foreach (var c in tr.GetProperty("cases").EnumerateArray())
        {
            var p = new Parameter<double>("w", [v.Length], value: (double[])v.Clone());
            MagnitudePruner.LayerWise([p], c.GetProperty("amount").GetDouble());
            Assert.Equal(Ints(c.GetProperty("stable_lower_index_first_mask")), MaskOf(p));
        }
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 0.3)]
    [InlineData(2, 0.77)]
    public void RadixSelectAgreesWithScalarReferenceOnTiesAndDuplicates(int seed, double amount)
    {
        // Heavy ties (few distinct magnitudes, both signs, zeros) stress the tie rule and every radix digit.
        var rng = new Random(seed);
        var v = Enumerable.Range(0, 5003).Select(_ => (rng.Next(-40, 41) * 0.125) * (rng.Next(3) == 0 ? 1e-3 : 1.0)).ToArray();
        int k = (int)MagnitudePruner.CountToPrune(amount, v.Length);
        var want = ReferenceMask(v, k);
        var pd = new Parameter<double>("d", [v.Length], value: (double[])v.Clone());
        MagnitudePruner.PruneCount([pd], k);
        Assert.Equal(want, MaskOf(pd));
        var pf = new Parameter<float>("f", [v.Length], value: v.Select(x => (float)x).ToArray());
        MagnitudePruner.PruneCount([pf], k);
        Assert.Equal(ReferenceMask(v.Select(x => (double)(float)x).ToArray(), k), MaskOf(pf));
        var inPlace = v.Select(x => (float)x).ToArray();
        MagnitudePruner.PruneInPlace<float>(inPlace, k);
        Assert.Equal(MaskOf(pf), inPlace.Select((x, i) => x == 0 && v[i] != 0 ? 0 : want[i] == 0 ? 0 : 1).ToArray());
    }

    [Fact]
    public void RoundingIsHalfToEven()
    {
        Assert.Equal(2, MagnitudePruner.CountToPrune(0.125, 20)); // 2.5 -> 2
        Assert.Equal(4, MagnitudePruner.CountToPrune(0.375, 10)); // 3.75 -> 4
        Assert.Equal(4, MagnitudePruner.CountToPrune(0.5, 9));    // 4.5 -> 4
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void SparsityOutsideUnitIntervalThrows(double amount)
    {
        var p = new Parameter<double>("fc1.weight", [4], value: [1, 2, 3, 4]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => MagnitudePruner.Global([p], amount));
        Assert.Equal("amount", ex.ParamName);
        Assert.Contains("amount =", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => MagnitudePruner.ToSparsity([p], amount));
    }

    [Fact]
    public void NaNWeightIsReportedAndBakeKeepsZeros()
    {
        var p = new Parameter<double>("fc1.weight", [3], value: [1, double.NaN, 3]);
        var ex = Assert.Throws<ArgumentException>(() => MagnitudePruner.Global([p], 0.5));
        Assert.Contains("fc1.weight[1]", ex.Message);

        var q = new Parameter<double>("w", [4], value: [0.1, -4, 0.3, 2]);
        MagnitudePruner.ToSparsity([q], 0.5);
        Assert.Equal([0.0, -4, 0, 2], q.Value);
        MagnitudePruner.Bake([q]);
        Assert.Null(q.Mask);
        Assert.Equal(2, q.CountZeros());
    }
}
