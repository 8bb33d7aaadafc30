using MathNet.Numerics.LinearAlgebra;

namespace Regularization.Tests.Logistic;

/// <summary>Scalar reference computations (independent of the library's kernels).</summary>
internal static class LogisticTestHelpers
{
    public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    /// <summary>Gradient of mean log-loss + lambda/2 ||w||^2 (unit weights), intercept last.</summary>
    public static double[] MeanFormGradient(Matrix<double> x, Vector<double> y, Vector<double> w, double b, double lambda)
    {
        int n = x.RowCount, p = x.ColumnCount;
        var g = new double[p + 1];
        for (int i = 0; i < n; i++)
        {
            double eta = b;
            for (int j = 0; j < p; j++) eta += x[i, j] * w[j];
            double res = Sigmoid(eta) - y[i];
            for (int j = 0; j < p; j++) g[j] += res * x[i, j] / n;
            g[p] += res / n;
        }
        for (int j = 0; j < p; j++) g[j] += lambda * w[j];
        return g;
    }

    /// <summary>Gradient of the mean log-loss only (unit weights), intercept last.</summary>
    public static double[] LossGradient(Matrix<double> x, Vector<double> y, Vector<double> w, double b) =>
        MeanFormGradient(x, y, w, b, 0);

    /// <summary>Seeded synthetic binary problem with correlated columns.</summary>
    public static (Matrix<double> X, Vector<double> Y) Synthetic(int n, int p, int seed, double signal = 1.0)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var x = Matrix<double>.Build.Dense(n, p);
        for (int i = 0; i < n; i++)
        {
            double prev = Normal();
            for (int j = 0; j < p; j++) { x[i, j] = prev; prev = 0.5 * prev + 0.866 * Normal(); }
        }
        var beta = new double[p];
        for (int j = 0; j < p; j += 3) beta[j] = signal * (j % 2 == 0 ? 1 : -0.7);
        var y = Vector<double>.Build.Dense(n);
        for (int i = 0; i < n; i++)
        {
            double eta = 0.3;
            for (int j = 0; j < p; j++) eta += x[i, j] * beta[j];
            y[i] = rng.NextDouble() < Sigmoid(eta) ? 1 : 0;
        }
        return (x, y);
    }
}
