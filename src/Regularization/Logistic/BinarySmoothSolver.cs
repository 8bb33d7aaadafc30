using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Kernels;

namespace Regularization.Logistic;

/// <summary>
/// Binary logistic regression with a smooth (L2 or no) penalty in the mean form
/// <c>F(w, b) = sum_i u_i [log(1 + exp(eta_i)) - y_i eta_i] + lambda/2 sum_j pf_j w_j^2</c>, <c>eta = X w + b</c>:
/// Newton / IRLS with a Cholesky solve, or L-BFGS. Both stop when <c>max |grad F| &lt;= tol</c>.
/// </summary>
internal static class BinarySmoothSolver
{
    public static SolverOutcome Newton(LogisticData d, PenaltySpec pen, bool fitIntercept, double tol, int maxIter, double[]? beta0, double b0)
    {
        int n = d.N, p = d.P, m = p + (fitIntercept ? 1 : 0);
        var beta = beta0 is null ? new double[p] : (double[])beta0.Clone();
        double b = fitIntercept ? b0 : 0;
        var eta = new double[n];
        var etaTry = new double[n];
        var dEta = new double[n];
        var h = new double[n];
        var r = new double[n];
        var g = new double[p];
        var grad = new double[m];
        var gram = new double[p * p];
        var scratch = new double[n];
        var hx = new double[p];
        var hess = Matrix<double>.Build.Dense(m, m);
        LogisticKernels.MultiplyColumns(d.X, n, beta, b, eta);
        double f = LogisticKernels.LogLoss(eta, d.Y01, d.U, scratch) + pen.Value(beta);
        double kkt = double.PositiveInfinity;
        int it = 0;
        var reason = LogisticStopReason.MaxIterations;
        for (; it <= maxIter; it++)
        {
            LogisticKernels.IrlsWeights(eta, d.Y01, d.U, h, r);
            LogisticKernels.TransposeMultiply(d.X, n, r, g);
            kkt = 0;
            for (int j = 0; j < p; j++)
            {
                grad[j] = -g[j] + pen.L2(j) * beta[j];
                kkt = Math.Max(kkt, Math.Abs(grad[j]));
            }
            if (fitIntercept)
            {
                grad[p] = -r.Sum();
                kkt = Math.Max(kkt, Math.Abs(grad[p]));
            }
            if (pen.IsZero && Separates(eta, d)) { reason = LogisticStopReason.Separable; break; }   // before the KKT test: see Lbfgs
            if (kkt <= tol) { reason = LogisticStopReason.Converged; break; }
            if (it == maxIter) break;

            LogisticKernels.WeightedGram(d.X, n, p, h, scratch, gram);
            for (int j = 0; j < p; j++)
                for (int k = 0; k < p; k++)
                    hess[j, k] = gram[j * p + k];
            for (int j = 0; j < p; j++) hess[j, j] += pen.L2(j);
            if (fitIntercept)
            {
                LogisticKernels.TransposeMultiply(d.X, n, h, hx);
                for (int j = 0; j < p; j++) hess[p, j] = hess[j, p] = hx[j];
                hess[p, p] = h.Sum();
            }
            var rhs = Vector<double>.Build.Dense(m, i => -grad[i]);
            Vector<double> step;
            try
            {
                step = hess.Cholesky().Solve(rhs);
            }
            catch (ArgumentException)
            {
                // Singular Hessian (collinear columns without penalty, or saturated probabilities): a tiny ridge keeps the step defined.
                double jitter = 1e-10 * Math.Max(1e-300, hess.Diagonal().Maximum());
                for (int j = 0; j < m; j++) hess[j, j] += jitter;
                step = hess.Cholesky().Solve(rhs);
            }
            var dBeta = new double[p];
            for (int j = 0; j < p; j++) dBeta[j] = step[j];
            double db = fitIntercept ? step[p] : 0;
            LogisticKernels.MultiplyColumns(d.X, n, dBeta, db, dEta);
            double slope = 0;
            for (int j = 0; j < m; j++) slope += grad[j] * step[j];
            var trial = new double[p];
            double t = Backtrack(d, pen, eta, dEta, etaTry, beta, dBeta, trial, scratch, slope, ref f);
            if (t == 0) { reason = LogisticStopReason.LineSearchStalled; break; }
            trial.CopyTo(beta, 0);
            b += t * db;
            (eta, etaTry) = (etaTry, eta);
        }
        return new SolverOutcome(beta, [b], it, kkt, reason, f);
    }

    public static SolverOutcome Lbfgs(LogisticData d, PenaltySpec pen, bool fitIntercept, double tol, int maxIter, double[]? beta0, double b0)
    {
        int n = d.N, p = d.P;
        var theta = new double[p + 1];
        beta0?.CopyTo(theta, 0);
        theta[p] = fitIntercept ? b0 : 0;
        var eta = new double[n];
        var r = new double[n];
        var hxx = new double[p];
        // Preconditioner: the inverse Hessian diagonal at the start, 1 / (sum_i u_i p_i (1 - p_i) x_ij^2 + lambda pf_j) (intercept last).
        // The first evaluation (at the start) fills it from the same pass over X; Minimize reads it only after that evaluation.
        var diag = new double[p + 1];
        bool first = true;
        // One pass over X per evaluation (LogisticKernels.LossGradient: row blocks small enough to stay in cache compute eta, the
        // residual and their share of X^T r before moving on).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        double Eval(ReadOnlySpan<double> x, Span<double> grad)
        {
            var w = x[..p];
            double b = fitIntercept ? x[p] : 0;
            var gw = grad[..p];
            double loss = LogisticKernels.LossGradient(d.X, n, w, b, d.Y01, d.U, eta, r, gw, first ? hxx : default, out double rsum);
            for (int j = 0; j < p; j++) gw[j] = -gw[j] + pen.L2(j) * w[j];
            grad[p] = fitIntercept ? -rsum : 0;
            if (first)
            {
                first = false;
                double hs = 0;
                for (int i = 0; i < n; i++)
                {
                    double pi = LogisticKernels.Sigmoid(eta[i]);
                    hs += d.U[i] * pi * (1 - pi);
                }
                for (int j = 0; j < p; j++)
                {
                    double v = hxx[j] + pen.L2(j);
                    diag[j] = v > 0 ? 1.0 / v : 1.0;
                }
                diag[p] = fitIntercept && hs > 0 ? 1.0 / hs : 1.0;
            }
            return loss + pen.Value(w);
        }
        Func<bool>? sep = pen.IsZero ? () => Separates(eta, d) : null;
        var o = Logistic.Lbfgs.Minimize(Eval, theta, tol, maxIter, sep, diag);
        return new SolverOutcome(theta[..p], [theta[p]], o.Iterations, o.GradMax, o.Reason, o.Value);
    }

    /// <summary>
    /// Backtracking (Armijo) line search on <c>F</c> from <c>(w0, eta)</c> along <c>(dw, dEta)</c>: halves <c>t</c> from 1, at most 60 times,
    /// until <c>F(w0 + t dw) &lt;= F + 1e-4 t slope + Noise(F)</c>. Near the optimum the predicted decrease falls below the rounding noise
    /// of the summed loss; the full step is then accepted when it does not raise F beyond that noise (convergence is judged on the
    /// gradient, not on F). On success returns t, leaves the trial point in <paramref name="etaTry"/> and <paramref name="trial"/>
    /// and sets <paramref name="f"/> to its objective; returns 0 when no step was accepted.
    /// </summary>
    internal static double Backtrack(LogisticData d, in PenaltySpec pen, ReadOnlySpan<double> eta, ReadOnlySpan<double> dEta, Span<double> etaTry,
        ReadOnlySpan<double> w0, ReadOnlySpan<double> dw, Span<double> trial, Span<double> scratch, double slope, ref double f)
    {
        double t = 1;
        for (int ls = 0; ls < 60; ls++)
        {
            TensorPrimitives.MultiplyAdd(dEta, t, eta, etaTry); // dEta t + eta, unfused (as the scalar eta + t dEta)
            for (int j = 0; j < w0.Length; j++) trial[j] = w0[j] + t * dw[j];
            double fTry = LogisticKernels.LogLoss(etaTry, d.Y01, d.U, scratch) + pen.Value(trial);
            if (fTry <= f + 1e-4 * t * slope + Noise(f))
            {
                f = fTry;
                return t;
            }
            t *= 0.5;
        }
        return 0;
    }

    /// <summary>Rounding noise of an objective value made of many summed terms.</summary>
    internal static double Noise(double f) => 1e-13 * Math.Abs(f);

    /// <summary>True when every row with positive weight is on the correct side: <c>(2 y_i - 1) eta_i &gt; 0</c>.</summary>
    internal static bool Separates(ReadOnlySpan<double> eta, LogisticData d)
    {
        for (int i = 0; i < d.N; i++)
        {
            if (d.U[i] == 0) continue;
            if ((2 * d.Y01[i] - 1) * eta[i] <= 0) return false;
        }
        return true;
    }
}
