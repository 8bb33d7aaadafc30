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
        double f = LogisticKernels.LogLoss(eta, d.Y01, d.U) + pen.Value(beta);
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
            if (kkt <= tol) { reason = LogisticStopReason.Converged; break; }
            if (pen.IsZero && Separates(eta, d)) { reason = LogisticStopReason.Separable; break; }
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
            double t = 1;
            bool accepted = false;
            var trial = new double[p];
            for (int ls = 0; ls < 60; ls++)
            {
                for (int i = 0; i < n; i++) etaTry[i] = eta[i] + t * dEta[i];
                for (int j = 0; j < p; j++) trial[j] = beta[j] + t * dBeta[j];
                double fTry = LogisticKernels.LogLoss(etaTry, d.Y01, d.U) + pen.Value(trial);
                // Near the optimum the predicted decrease falls below the rounding noise of the summed loss; the full Newton step is
                // then accepted when it does not raise F beyond that noise (convergence is judged on the gradient, not on F).
                if (fTry <= f + 1e-4 * t * slope + Noise(f))
                {
                    f = fTry;
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) { reason = LogisticStopReason.LineSearchStalled; break; }
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
        var h = new double[n];
        var r = new double[n];
        double Eval(ReadOnlySpan<double> x, Span<double> grad)
        {
            var w = x[..p];
            double b = fitIntercept ? x[p] : 0;
            LogisticKernels.MultiplyColumns(d.X, n, w, b, eta);
            double loss = 0;
            for (int i = 0; i < n; i++)
            {
                double u = d.U[i];
                if (u == 0) { r[i] = 0; continue; }
                double z = eta[i];
                loss += u * (LogisticKernels.Softplus(z) - d.Y01[i] * z);
                r[i] = u * (d.Y01[i] - LogisticKernels.Sigmoid(z));
            }
            LogisticKernels.TransposeMultiply(d.X, n, r, grad[..p]);
            for (int j = 0; j < p; j++) grad[j] = -grad[j] + pen.L2(j) * w[j];
            grad[p] = fitIntercept ? -System.Numerics.Tensors.TensorPrimitives.Sum<double>(r) : 0;
            return loss + pen.Value(w);
        }
        Func<bool>? sep = pen.IsZero ? () => Separates(eta, d) : null;
        var o = Logistic.Lbfgs.Minimize(Eval, theta, tol, maxIter, sep);
        return new SolverOutcome(theta[..p], [theta[p]], o.Iterations, o.GradMax, o.Reason, o.Value);
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
