using Regularization.Kernels;

namespace Regularization.Tests.Penalties;

/// <summary>The library's one vector soft-threshold against its scalar definition, in place and out of place.</summary>
public class SoftThresholdKernelTests
{
    [Theory]
    [InlineData(1, 0.3)]
    [InlineData(7, 0.0)]
    [InlineData(8, 0.5)]
    [InlineData(33, 1.25)]
    [InlineData(1000, 0.1)]
    public void MatchesTheScalarDefinitionInPlaceAndNot(int n, double t)
    {
        var rng = new Random(n);
        var v = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 4 - 2, 3)).ToArray();
        if (n > 2) { v[0] = t; v[1] = -t; } // exactly at the threshold
        double[] want = v.Select(x => Math.Sign(x) * Math.Max(Math.Abs(x) - t, 0)).ToArray();
        var dest = new double[n];
        ProxKernels.SoftThreshold(v, t, dest);
        Assert.Equal(want, dest);
        var inPlace = (double[])v.Clone();
        ProxKernels.SoftThreshold(inPlace, t, inPlace); // dest may be v itself
        Assert.Equal(want, inPlace);
        Assert.Equal(want, v.Select(x => ProxKernels.SoftThreshold(x, t)).ToArray()); // the scalar form agrees
        var f = v.Select(x => (float)x).ToArray();
        ProxKernels.SoftThreshold(f, (float)t, f);
        float ft = (float)t;
        Assert.Equal(v.Select(x => (float)x).Select(x => MathF.Sign(x) * MathF.Max(MathF.Abs(x) - ft, 0f)).ToArray(), f);
    }
}
