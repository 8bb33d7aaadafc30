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

/// <summary>Independent KKT residuals (scalar loops, unit or given weights) for binary and multinomial fits.</summary>
internal static class Kkt
{
    /// <summary>Max KKT residual of mean-form binary logistic + lambda (alpha |w| + (1-alpha)/2 w^2) with weights normalized to sum 1.</summary>
    public static double Binary(Matrix<double> x, Vector<double> y01, Vector<double> w, double b, double lambda, double alpha,
        double[]? sampleWeight = null, double[]? pf = null, bool intercept = true)
    {
        int n = x.RowCount, p = x.ColumnCount;
        var u = new double[n];
        double sw = 0;
        for (int i = 0; i < n; i++) { u[i] = sampleWeight?[i] ?? 1; sw += u[i]; }
        var g = new double[p];
        double gb = 0;
        for (int i = 0; i < n; i++)
        {
            double eta = b;
            for (int j = 0; j < p; j++) eta += x[i, j] * w[j];
            double r = u[i] / sw * (LogisticTestHelpers.Sigmoid(eta) - y01[i]);
            for (int j = 0; j < p; j++) g[j] += r * x[i, j];
            gb += r;
        }
        double v = intercept ? Math.Abs(gb) : 0;
        for (int j = 0; j < p; j++)
            v = Math.Max(v, Residual(g[j], w[j], lambda * (pf?[j] ?? 1), alpha));
        return v;
    }

    /// <summary>Max KKT residual of the mean-form multinomial objective (unit weights), W is K x p.</summary>
    public static double Multinomial(Matrix<double> x, int[] label, Matrix<double> w, Vector<double> b, double lambda, double alpha)
    {
        int n = x.RowCount, p = x.ColumnCount, K = w.RowCount;
        var g = new double[K, p];
        var gb = new double[K];
        var eta = new double[K];
        for (int i = 0; i < n; i++)
        {
            double mx = double.NegativeInfinity;
            for (int k = 0; k < K; k++)
            {
                eta[k] = b[k];
                for (int j = 0; j < p; j++) eta[k] += x[i, j] * w[k, j];
                mx = Math.Max(mx, eta[k]);
            }
            double s = 0;
            for (int k = 0; k < K; k++) s += Math.Exp(eta[k] - mx);
            for (int k = 0; k < K; k++)
            {
                double r = (Math.Exp(eta[k] - mx) / s - (label[i] == k ? 1 : 0)) / n;
                for (int j = 0; j < p; j++) g[k, j] += r * x[i, j];
                gb[k] += r;
            }
        }
        double v = gb.Max(Math.Abs);
        for (int k = 0; k < K; k++)
            for (int j = 0; j < p; j++)
                v = Math.Max(v, Residual(g[k, j], w[k, j], lambda, alpha));
        return v;
    }

    /// <summary>Distance of 0 from the subdifferential: grad + lambda((1-alpha) w + alpha d|w|).</summary>
    public static double Residual(double lossGrad, double w, double lambda, double alpha)
    {
        double smooth = lossGrad + lambda * (1 - alpha) * w;
        double l1 = lambda * alpha;
        if (w > 0) return Math.Abs(smooth + l1);
        if (w < 0) return Math.Abs(smooth - l1);
        return Math.Max(0, Math.Abs(smooth) - l1);
    }
}
