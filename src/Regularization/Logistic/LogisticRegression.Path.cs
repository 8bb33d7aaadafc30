using MathNet.Numerics.LinearAlgebra;
using Regularization.CrossValidation;
using Regularization.Kernels;
using Regularization.Validation;

namespace Regularization.Logistic;

public sealed partial class LogisticRegression
{
    /// <summary>
    /// The regularization path over glmnet's lambda grid (or a user grid), warm-started from the strongest penalty, with the
    /// sequential strong rule (discard feature j at lambda_k when <c>|x_j . r(lambda_{k-1})| &lt; L1Ratio pf_j (2 lambda_k - lambda_{k-1})</c>)
    /// and a KKT check over every feature before a point is accepted (violators rejoin the working set). The estimator's
    /// penalty, L1 ratio, tolerance, weights and factors are used; its C / lambda is ignored.
    /// </summary>
    /// <param name="x">Design matrix.</param>
    /// <param name="y">Class labels.</param>
    /// <param name="lambdas">A user grid (sorted descending before use), or null for the glmnet grid.</param>
    /// <param name="nLambdas">Grid size (glmnet's <c>nlambda</c>).</param>
    /// <param name="lambdaMinRatio">Smallest lambda as a fraction of lambda_max; default 1e-4 if n &gt; p, else 1e-2 (glmnet).</param>
    /// <param name="sampleWeight">Optional row weights.</param>
    public LogisticPath Path(Matrix<double> x, Vector<double> y, IReadOnlyList<double>? lambdas = null, int nLambdas = 100,
        double? lambdaMinRatio = null, Vector<double>? sampleWeight = null)
    {
        CheckOptions();
        var d = LogisticData.Create(x, y, sampleWeight, ClassWeight, MultiClass);
        return PathOn(d, lambdas is null ? null : Grids.UserGrid(lambdas, nameof(lambdas)), nLambdas, lambdaMinRatio);
    }

    /// <summary>
    /// glmnet's lambda_max: the smallest lambda at which every penalized coefficient is 0,
    /// <c>max_j |x_j . r0| / (max(L1Ratio, 1e-3) pf_j)</c> over pf_j &gt; 0, with r0 the weighted residual of the intercept-only model
    /// (for L2, glmnet's convention of L1Ratio = 0.001 makes it finite).
    /// </summary>
    public double LambdaMax(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight = null)
    {
        CheckOptions();
        return LambdaMaxOn(LogisticData.Create(x, y, sampleWeight, ClassWeight, MultiClass));
    }

    internal double LambdaMaxOn(LogisticData d)
    {
        var pf = PenaltyFactors(d.P);
        var (beta0, b0) = NullStart(d, FitIntercept);
        var g = NegativeLossGradient(d, beta0, b0);
        double a = Math.Max(Alpha, 1e-3), mx = 0;
        for (int k = 0; k < d.Blocks; k++)
            for (int j = 0; j < d.P; j++)
                if (pf[j] > 0) mx = Math.Max(mx, Math.Abs(g[k * d.P + j]) / (a * pf[j]));
        return mx;
    }

    internal LogisticPath PathOn(LogisticData d, double[]? grid, int nLambdas, double? lambdaMinRatio)
    {
        if (Penalty == LogisticPenalty.None)
            throw new ArgumentException("penalty = None has no path: choose L2, L1 or ElasticNet.", nameof(Penalty));
        var pf = PenaltyFactors(d.P);
        double lmax = LambdaMaxOn(d);
        if (grid is null)
        {
            Guard.AtLeast(nLambdas, 1, nameof(nLambdas));
            double ratio = lambdaMinRatio ?? (d.N > d.P ? 1e-4 : 1e-2);
            Guard.InHalfOpenRange(ratio, double.Epsilon, 1, nameof(lambdaMinRatio));
            if (!(lmax > 0))
                throw new ArgumentException("lambda_max is 0 (no penalized feature is correlated with the labels): give an explicit lambdas grid.", "x");
            grid = Grids.Geometric(lmax, ratio, nLambdas);
        }
        var (beta, b) = NullStart(d, FitIntercept);
        var models = new List<LogisticModel>(grid.Length);
        double prev = Math.Max(lmax, grid[0]);
        var g = NegativeLossGradient(d, beta, b);
        double[]? eta = null;
        double[]? prevBeta = null, prevB = null, prevEta = null;
        int p = d.P;
        foreach (double lambda in grid)
        {
            var spec = new PenaltySpec(lambda, Alpha, pf);
            bool[]? strong = null;
            if (Alpha > 0)
            {
                strong = new bool[p];
                double cut = Alpha * (2 * lambda - prev);
                for (int j = 0; j < p; j++)
                {
                    for (int k = 0; k < d.Blocks; k++)
                        if (Math.Abs(g[k * p + j]) >= cut * pf[j] || beta[k * p + j] != 0) strong[j] = true;
                }
            }
            double[] start = beta, startB = b;
            double[]? startEta = eta;
            if (prevBeta is not null)
            {
                // Predictor step: the grid is geometric, so linear extrapolation in log(lambda) from the last two solutions is
                // 2 w_{k-1} - w_{k-2}, applied to coefficients active at both (a sign change falls back to w_{k-1}).
                start = (double[])beta.Clone();
                for (int q = 0; q < start.Length; q++)
                {
                    if (beta[q] == 0 || prevBeta[q] == 0) continue;
                    double e = 2 * beta[q] - prevBeta[q];
                    if (e * beta[q] > 0) start[q] = e;
                }
                startB = b.Select((v, k) => 2 * v - prevB![k]).ToArray();
                startEta = null;
                if (eta is not null && prevEta is not null)
                {
                    // eta of the prediction without another pass over X: 2 eta_{k-1} - eta_{k-2}, corrected on the few
                    // coordinates that were not extrapolated.
                    startEta = new double[d.N];
                    for (int i = 0; i < d.N; i++) startEta[i] = 2 * eta[i] - prevEta[i];
                    for (int j = 0; j < p; j++)
                    {
                        double c = start[j] - (2 * beta[j] - prevBeta[j]);
                        if (c != 0) System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(d.Column(j), c, startEta, startEta);
                    }
                }
            }
            var (o, used) = Solve(d, spec, start, startB, strong, startEta);
            models.Add(ToModel(d, o, lambda, used));
            prevBeta = beta;
            prevB = b;
            prevEta = eta;
            beta = o.Beta;
            b = o.Intercept;
            eta = o.Eta;
            g = o.NegativeGradient ?? NegativeLossGradient(d, beta, b);
            prev = lambda;
        }
        return new LogisticPath(grid, lmax, models);
    }

    /// <summary><c>X^T r</c> per block, with r = u (y - p) the negative loss gradient in eta.</summary>
    internal static double[] NegativeLossGradient(LogisticData d, double[] beta, double[] b)
    {
        int n = d.N, p = d.P;
        var g = new double[d.Blocks * p];
        var r = new double[n];
        if (!d.Multinomial)
        {
            var eta = new double[n];
            LogisticKernels.MultiplyColumns(d.X, n, beta, b[0], eta);
            for (int i = 0; i < n; i++) r[i] = d.U[i] * (d.Y01[i] - LogisticKernels.Sigmoid(eta[i]));
            LogisticKernels.TransposeMultiply(d.X, n, r, g);
            return g;
        }
        var etas = new double[d.K][];
        var prob = new double[d.K][];
        for (int k = 0; k < d.K; k++)
        {
            etas[k] = new double[n];
            prob[k] = new double[n];
            LogisticKernels.MultiplyColumns(d.X, n, beta.AsSpan(k * p, p), b[k], etas[k]);
        }
        MultinomialSolver.Softmax(d, etas, prob);
        for (int k = 0; k < d.K; k++)
        {
            for (int i = 0; i < n; i++) r[i] = d.U[i] * ((d.Label[i] == k ? 1.0 : 0.0) - prob[k][i]);
            LogisticKernels.TransposeMultiply(d.X, n, r, g.AsSpan(k * p, p));
        }
        return g;
    }
}
