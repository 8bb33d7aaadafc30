using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Linear;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// The bias-variance decomposition of ridge regression by simulation, with a known truth: on a fixed training design the target is
/// redrawn <c>replicates</c> times as <c>y = f_train + sigma e</c> (e standard normal, seeded), ridge is refitted at every alpha, and
/// at the test points <c>f_test</c> we measure <c>Bias^2(alpha) = mean_i (mean_r yhat_ri - f_i)^2</c> and
/// <c>Variance(alpha) = mean_i var_r yhat_ri</c> (population variance over replicates). The expected test error of a new noisy
/// observation is <c>sigma^2 + Bias^2 + Variance</c> (ESL section 7.3).
/// </summary>
/// <example><code>var d = BiasVarianceDecomposition.ForRidge(xTr, fTr, xTe, fTe, sigma: 50, alphas, replicates: 200, seed: 0); d.Bias2; d.Variance;</code></example>
public sealed class BiasVarianceDecomposition
{
    private BiasVarianceDecomposition() { }

    /// <summary>Runs the simulation for <see cref="Ridge"/> (<c>||y - Xw - b||^2 + alpha ||w||^2</c>).</summary>
    /// <param name="xTrain">Fixed training design.</param>
    /// <param name="fTrain">True mean of y at the training rows.</param>
    /// <param name="xTest">Test design.</param>
    /// <param name="fTest">True mean of y at the test rows.</param>
    /// <param name="sigma">Noise standard deviation (&gt; 0).</param>
    /// <param name="alphas">Ridge penalties (each &gt; 0).</param>
    /// <param name="replicates">Number of simulated training sets (&gt;= 2).</param>
    /// <param name="seed">Seed of the noise.</param>
    public static BiasVarianceDecomposition ForRidge(Matrix<double> xTrain, Vector<double> fTrain, Matrix<double> xTest, Vector<double> fTest,
        double sigma, IReadOnlyList<double> alphas, int replicates, int seed)
    {
        Guard.Design(xTrain, nameof(xTrain));
        Guard.Target(fTrain, xTrain.RowCount, nameof(fTrain));
        Guard.Design(xTest, nameof(xTest));
        Guard.Target(fTest, xTest.RowCount, nameof(fTest), "xTest.RowCount");
        Guard.SameLength(xTest.ColumnCount, xTrain.ColumnCount, "xTest.ColumnCount", "xTrain.ColumnCount");
        Guard.Positive(sigma, nameof(sigma));
        Guard.NotNull(alphas, nameof(alphas));
        for (int i = 0; i < alphas.Count; i++) Guard.Positive(alphas[i], $"alphas[{i}]");
        Guard.AtLeast(replicates, 2, nameof(replicates));
        int q = alphas.Count, m = xTest.RowCount;
        var sum = new double[q, m];
        var sumSq = new double[q, m];
        var rng = new Normal(0, 1, new Random(seed));
        int[]? order = null;
        for (int r = 0; r < replicates; r++)
        {
            var y = fTrain.Map(f => f + sigma * rng.Sample());
            var path = Ridge.Path(xTrain, y, alphas);
            var pred = path.Predict(xTest);
            order ??= path.Alphas.Select(a => alphas.ToList().IndexOf(a)).ToArray();   // column k of the path belongs to alphas[order[k]]
            for (int k = 0; k < q; k++)
                for (int i = 0; i < m; i++)
                {
                    double v = pred[i, k];
                    sum[order[k], i] += v;
                    sumSq[order[k], i] += v * v;
                }
        }
        var bias2 = new double[q];
        var variance = new double[q];
        for (int a = 0; a < q; a++)
        {
            double b = 0, v = 0;
            for (int i = 0; i < m; i++)
            {
                double mean = sum[a, i] / replicates;
                b += (mean - fTest[i]) * (mean - fTest[i]);
                v += Math.Max(0, sumSq[a, i] / replicates - mean * mean);
            }
            bias2[a] = b / m;
            variance[a] = v / m;
        }
        return new BiasVarianceDecomposition
        {
            Alphas = alphas.ToArray(), Bias2 = bias2, Variance = variance, NoiseVariance = sigma * sigma, Replicates = replicates,
        };
    }

    /// <summary>The alphas, in the order given.</summary>
    public double[] Alphas { get; private init; } = [];

    /// <summary>Squared bias averaged over the test points, per alpha.</summary>
    public double[] Bias2 { get; private init; } = [];

    /// <summary>Variance of the prediction averaged over the test points, per alpha.</summary>
    public double[] Variance { get; private init; } = [];

    /// <summary><c>sigma^2</c>, the irreducible error.</summary>
    public double NoiseVariance { get; private init; }

    /// <summary>Number of simulated training sets.</summary>
    public int Replicates { get; private init; }

    /// <summary>Expected squared error on a new observation: <c>sigma^2 + Bias^2 + Variance</c>, per alpha.</summary>
    public double[] ExpectedTestError => Bias2.Zip(Variance, (b, v) => NoiseVariance + b + v).ToArray();

    /// <summary>Index of the alpha with the lowest expected test error.</summary>
    public int IndexBest
    {
        get
        {
            var e = ExpectedTestError;
            int best = 0;
            for (int k = 1; k < e.Length; k++) if (e[k] < e[best]) best = k;
            return best;
        }
    }
}
