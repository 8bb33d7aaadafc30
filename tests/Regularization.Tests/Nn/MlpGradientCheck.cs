using Regularization.Nn;

namespace Regularization.Tests.Nn;

/// <summary>Checks every parameter gradient of an MLP against central finite differences of the minibatch loss.</summary>
internal static class MlpGradientCheck
{
    /// <summary>Asserts a relative error below <paramref name="tolerance"/> for every entry; returns the worst.</summary>
    public static double AssertMatches(Mlp<double> m, double[] x, int[] y, int batch, double tolerance = 2e-5)
    {
        m.ForwardBackward(x, y, batch);
        double worst = 0;
        foreach (var p in m.Parameters)
        {
            var g = (double[])p.Grad.Clone();
            for (int i = 0; i < p.Length; i++)
            {
                double old = p.Value[i], h = 1e-6;
                p.Value[i] = old + h; double lp = m.ForwardBackward(x, y, batch).Loss;
                p.Value[i] = old - h; double lm = m.ForwardBackward(x, y, batch).Loss;
                p.Value[i] = old;
                double fd = (lp - lm) / (2 * h);
                double err = Math.Abs(fd - g[i]) / Math.Max(1e-3, Math.Abs(fd) + Math.Abs(g[i]));
                worst = Math.Max(worst, err);
                Assert.True(err < tolerance, $"{p.Name}[{i}]: backward {g[i]:E6}, finite difference {fd:E6}");
            }
        }
        return worst;
    }
}
