using Regularization.Kernels;

namespace Regularization.Tests.Nn;

/// <summary>
/// The grid trainer's reorganized kernels against the one-model kernels they stand in for, bit for bit, at shapes with every
/// remainder (rows not a multiple of 2 or 4, features not a multiple of the vector width, outputs not a multiple of 4). The
/// backward products (BatchGemm.Multiply) are covered through the trainer in DecayGridBatchTests.
/// </summary>
public class BatchKernelsIdentityTests
{
    private static float[] Random(int len, int seed, float scale = 1)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, len).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale).ToArray();
    }

    [Theory]
    [InlineData(7, 13, 7, true)]
    [InlineData(32, 64, 128, false)]
    [InlineData(33, 128, 10, true)]
    [InlineData(1, 24, 12, false)]
    [InlineData(5, 3, 2, true)]
    public void ForwardEqualsDenseKernelsForward(int batch, int inF, int outF, bool bias)
    {
        var x = Random(batch * inF, 1);
        var w = Random(outF * inF, 2);
        var b = bias ? Random(outF, 3) : [];
        var want = new float[batch * outF];
        var got = new float[batch * outF];
        DenseKernels.Forward<float>(x, batch, inF, w, b, outF, want);
        BatchGemm.Forward(x, batch, inF, w, b, outF, got);
        Assert.Equal(want, got);
    }

    [Theory]
    [InlineData(7, 13)]
    [InlineData(32, 128)]
    [InlineData(9, 24)]
    [InlineData(1, 12)]
    public void LayerNormEqualsLayerNormKernels(int batch, int f)
    {
        var x = Random(batch * f, 4, 3);
        var gamma = Random(f, 5);
        var beta = Random(f, 6);
        var dy = Random(batch * f, 7);
        float eps = 1e-5f;
        var y1 = new float[batch * f]; var h1 = new float[batch * f]; var r1 = new float[batch];
        LayerNormKernels.Forward<float>(x, batch, f, gamma, beta, eps, h1, r1, y1);
        var y2 = (float[])x.Clone(); var h2 = new float[batch * f]; var r2 = new float[batch];
        LayerNormRows.Forward(y2, batch, f, gamma, beta, eps, h2, r2);
        Assert.Equal(y1, y2); Assert.Equal(h1, h2); Assert.Equal(r1, r2);

        var dx1 = new float[batch * f]; var dg1 = new float[f]; var db1 = new float[f];
        LayerNormKernels.Backward<float>(dy, h1, r1, batch, f, gamma, dg1, db1, dx1);
        var dx2 = (float[])dy.Clone(); var dg2 = Random(f, 8); var db2 = Random(f, 9);   // overwritten, whatever they held
        LayerNormRows.Backward(dx2, h2, r2, batch, f, gamma, dg2, db2);
        Assert.Equal(dx1, dx2); Assert.Equal(dg1, dg2); Assert.Equal(db1, db2);
    }
}
