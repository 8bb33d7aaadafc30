using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Kernels;
using Regularization.Validation;

namespace Regularization.Logistic;

/// <summary>
/// A fitted logistic regression. <see cref="Coef"/> has one row for two classes (the log-odds of <c>Classes[1]</c>) and one row
/// per class for a multinomial model, as scikit-learn's <c>coef_</c>. The fit minimized, in glmnet's mean form,
/// <c>sum_i u_i loss_i + Lambda sum_j pf_j (L1Ratio |w_j| + (1 - L1Ratio)/2 w_j^2)</c> (summed over the classes' rows of
/// <see cref="Coef"/> for a multinomial model), with <c>u_i</c> the sample weight times the class weight divided by their sum
/// <see cref="WeightSum"/>; this is scikit-learn's <c>C sum_i s_i c_{y_i} loss_i + penalty</c> divided by <c>C W</c>, that is
/// <c>Lambda = 1 / (C W)</c>.
/// </summary>
public sealed class LogisticModel
{
    internal LogisticModel(double[] classes, bool multinomial, Matrix<double> coef, Vector<double> intercept, LogisticPenalty penalty,
        double l1Ratio, double lambda, double weightSum, int iterations, double kkt, LogisticStopReason reason, double objective, double tol, LogisticSolver solver)
    {
        Classes = classes;
        IsMultinomial = multinomial;
        Coef = coef;
        Intercept = intercept;
        Penalty = penalty;
        L1Ratio = l1Ratio;
        Lambda = lambda;
        WeightSum = weightSum;
        Iterations = iterations;
        KktViolation = kkt;
        StopReason = reason;
        Objective = objective;
        Tol = tol;
        Solver = solver;
    }

    /// <summary>The class labels, sorted ascending; binary models predict the log-odds of <c>Classes[1]</c>.</summary>
    public IReadOnlyList<double> Classes { get; }

    /// <summary>True for a softmax model with one coefficient row per class.</summary>
    public bool IsMultinomial { get; }

    /// <summary>Coefficients: 1 x p (binary) or K x p (multinomial).</summary>
    public Matrix<double> Coef { get; }

    /// <summary>Intercepts: length 1 (binary) or K (multinomial, centred to sum to 0).</summary>
    public Vector<double> Intercept { get; }

    /// <summary>The penalty that was fitted.</summary>
    public LogisticPenalty Penalty { get; }

    /// <summary>L1 share of the penalty (1 for L1, 0 for L2).</summary>
    public double L1Ratio { get; }

    /// <summary>glmnet's lambda (mean form); 0 without penalty.</summary>
    public double Lambda { get; }

    /// <summary>scikit-learn's C equivalent to <see cref="Lambda"/>: <c>1 / (Lambda W)</c> (infinite without penalty).</summary>
    public double C => Lambda == 0 ? double.PositiveInfinity : 1.0 / (Lambda * WeightSum);

    /// <summary>W, the sum of effective row weights (n for unit weights and no or balanced class weights).</summary>
    public double WeightSum { get; }

    /// <summary>Outer iterations (Newton, L-BFGS, or proximal Newton steps).</summary>
    public int Iterations { get; }

    /// <summary>The largest KKT residual at the solution (mean form, over coefficients and intercepts).</summary>
    public double KktViolation { get; }

    /// <summary>The tolerance the KKT violation was held to.</summary>
    public double Tol { get; }

    /// <summary>Why the solver stopped.</summary>
    public LogisticStopReason StopReason { get; }

    /// <summary>True when the KKT violation reached <see cref="Tol"/>.</summary>
    public bool Converged => StopReason == LogisticStopReason.Converged;

    /// <summary>The mean-form objective at the solution.</summary>
    public double Objective { get; }

    /// <summary>The algorithm that produced the fit.</summary>
    public LogisticSolver Solver { get; }

    /// <summary>Number of non-zero coefficients (intercepts excluded).</summary>
    public int NonZeroCount => Coef.Enumerate().Count(v => v != 0);

    /// <summary>Number of features.</summary>
    public int Features => Coef.ColumnCount;

    /// <summary>The scores <c>X Coef^T + Intercept</c>: n x 1 (log-odds of <c>Classes[1]</c>) or n x K.</summary>
    public Matrix<double> DecisionFunction(Matrix<double> x)
    {
        Guard.Design(x);
        if (x.ColumnCount != Features)
            throw new ArgumentException($"x has {x.ColumnCount} columns but the model was fitted on {Features} features: the shapes must match.", nameof(x));
        int n = x.RowCount, p = Features, m = Coef.RowCount;
        var data = Data.MatrixOps.ColumnMajor(x);
        var scores = Matrix<double>.Build.Dense(n, m);
        var col = new double[n];
        var w = new double[p];
        for (int k = 0; k < m; k++)
        {
            for (int j = 0; j < p; j++) w[j] = Coef[k, j];
            LogisticKernels.MultiplyColumns(data, n, w, Intercept[k], col);
            scores.SetColumn(k, col);
        }
        return scores;
    }

    /// <summary>Class probabilities, n x K with columns in <see cref="Classes"/> order; every row sums to 1.</summary>
    public Matrix<double> PredictProbability(Matrix<double> x)
    {
        var s = DecisionFunction(x);
        int n = s.RowCount, K = Classes.Count;
        var prob = Matrix<double>.Build.Dense(n, K);
        if (!IsMultinomial)
        {
            for (int i = 0; i < n; i++)
            {
                double p1 = LogisticKernels.Sigmoid(s[i, 0]);
                prob[i, 1] = p1;
                prob[i, 0] = LogisticKernels.Sigmoid(-s[i, 0]);
            }
            return prob;
        }
        for (int i = 0; i < n; i++)
        {
            double mx = double.NegativeInfinity;
            for (int k = 0; k < K; k++) mx = Math.Max(mx, s[i, k]);
            double sum = 0;
            for (int k = 0; k < K; k++) { double e = Math.Exp(s[i, k] - mx); prob[i, k] = e; sum += e; }
            for (int k = 0; k < K; k++) prob[i, k] /= sum;
        }
        return prob;
    }

    /// <summary>The most probable class label of every row.</summary>
    public Vector<double> Predict(Matrix<double> x)
    {
        var s = DecisionFunction(x);
        var y = Vector<double>.Build.Dense(s.RowCount);
        for (int i = 0; i < s.RowCount; i++)
        {
            if (!IsMultinomial) { y[i] = s[i, 0] > 0 ? Classes[1] : Classes[0]; continue; }
            int best = 0;
            for (int k = 1; k < s.ColumnCount; k++) if (s[i, k] > s[i, best]) best = k;
            y[i] = Classes[best];
        }
        return y;
    }

    /// <summary>Accuracy of <see cref="Predict"/> on (x, y).</summary>
    public double Score(Matrix<double> x, Vector<double> y)
    {
        Guard.Target(y, x.RowCount);
        var pred = Predict(x);
        int ok = 0;
        for (int i = 0; i < y.Count; i++) if (pred[i] == y[i]) ok++;
        return (double)ok / y.Count;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"LogisticModel({(IsMultinomial ? $"multinomial K={Classes.Count}" : "binary")}, {Penalty}, lambda={Lambda:G6}, C={C:G6}, nonzero={NonZeroCount}/{Coef.RowCount * Coef.ColumnCount}, iterations={Iterations}, kkt={KktViolation:G3}, {StopReason})");
}
