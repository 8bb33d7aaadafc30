using System.Numerics.Tensors;
using Regularization.Kernels;

namespace Regularization.Logistic;

/// <summary>
/// glmnet's proximal Newton for binary logistic regression with any elastic-net penalty, in the mean form
/// <c>F(w, b) = sum_i u_i [log(1 + exp(eta_i)) - y_i eta_i] + lambda sum_j pf_j (alpha |w_j| + (1 - alpha)/2 w_j^2)</c>.
/// Each outer iteration builds the quadratic model at the current point, solves it by coordinate descent over a candidate
/// set (all features, or a strong-rule set along a path), and takes a backtracking step on <c>F</c>.
/// Stops when the KKT violation over all features and the intercept is at most <c>tol</c>; features outside the candidate set
/// that violate their KKT condition are added and the iteration continues.
/// </summary>
internal static class BinaryProxNewton
{
    public static SolverOutcome Solve(LogisticData d, in PenaltySpec pen, bool fitIntercept, double tol, int maxIter,
        double[] beta0, double b0, bool[]? candidateMask = null, CoordinateDescent? cd = null, double[]? eta0 = null)
    {
        int n = d.N, p = d.P;
        var beta = (double[])beta0.Clone();
        double b = fitIntercept ? b0 : 0;
        cd ??= new CoordinateDescent(d);
        var inCand = new bool[p];
        var candidates = new List<int>();
        for (int j = 0; j < p; j++)
        {
            if (candidateMask is null || candidateMask[j] || beta[j] != 0 || pen.Pf[j] == 0)
            {
                inCand[j] = true;
                candidates.Add(j);
            }
        }
        var eta = new double[n];
        var etaTry = new double[n];
        var dEta = new double[n];
        var h = new double[n];
        var r = new double[n];
        var rho = new double[n];
        var betaOld = new double[p];
        var trial = new double[p];
        var dBeta = new double[p];
        if (eta0 is not null) eta0.CopyTo(eta, 0);
        else LogisticKernels.MultiplyColumns(d.X, n, beta, b, eta);
        var grad = new double[p];
        bool gradFull = false;
        double f = LogisticKernels.LogLoss(eta, d.Y01, d.U, rho) + pen.Value(beta);
        double kkt = double.PositiveInfinity;
        var reason = LogisticStopReason.MaxIterations;
        int it = 0;
        for (; it <= maxIter; it++)
        {
            LogisticKernels.IrlsWeights(eta, d.Y01, d.U, h, r);
            kkt = fitIntercept ? Math.Abs(TensorPrimitives.Sum<double>(r)) : 0;
            gradFull = false;
            foreach (int j in candidates)
            {
                grad[j] = TensorPrimitives.Dot(d.Column(j), r);
                kkt = Math.Max(kkt, pen.Violation(j, grad[j], beta[j]));
            }
            if (kkt <= tol)
            {
                gradFull = true;
                for (int j = 0; j < p; j++)
                {
                    if (inCand[j]) continue;
                    grad[j] = TensorPrimitives.Dot(d.Column(j), r);
                    double v = pen.Violation(j, grad[j], beta[j]);
                    if (v > tol)
                    {
                        inCand[j] = true;
                        candidates.Add(j);
                    }
                    kkt = Math.Max(kkt, v);
                }
                if (kkt <= tol) { reason = pen.IsZero && BinarySmoothSolver.Separates(eta, d) ? LogisticStopReason.Separable : LogisticStopReason.Converged; break; }
            }
            if (pen.IsZero && BinarySmoothSolver.Separates(eta, d)) { reason = LogisticStopReason.Separable; break; }
            if (it == maxIter) break;

            r.CopyTo(rho, 0);
            beta.CopyTo(betaOld, 0);
            double bOld = b;
            cd.NewWeights();
            double innerTol = Math.Max(kkt * Math.Min(InnerForcing, Math.Sqrt(kkt)), InnerFloor * tol);
            cd.Solve(h, rho, beta, ref b, fitIntercept, pen, candidates, innerTol, 100_000);

            Array.Fill(dEta, b - bOld);
            foreach (int j in candidates)
            {
                double dj = beta[j] - betaOld[j];
                if (dj != 0) TensorPrimitives.MultiplyAdd(d.Column(j), dj, dEta, dEta);
            }
            double decrease = -TensorPrimitives.Dot<double>(r, dEta) + pen.Value(beta) - pen.Value(betaOld);
            for (int j = 0; j < p; j++) dBeta[j] = beta[j] - betaOld[j];
            double t = BinarySmoothSolver.Backtrack(d, pen, eta, dEta, etaTry, betaOld, dBeta, trial, rho, Math.Min(decrease, 0), ref f);
            if (t == 0)
            {
                betaOld.CopyTo(beta, 0);
                b = bOld;
                reason = LogisticStopReason.LineSearchStalled;
                break;
            }
            trial.CopyTo(beta, 0);
            b = bOld + t * (b - bOld);
            (eta, etaTry) = (etaTry, eta);
        }
        return new SolverOutcome(beta, [b], it, kkt, reason, f) { Eta = eta, NegativeGradient = gradFull ? grad : null };
    }

    /// <summary>Inexact Newton forcing: the inner solve stops at a coordinate-gradient change of kkt * min(InnerForcing, sqrt(kkt)).</summary>
    internal const double InnerForcing = 0.1;

    /// <summary>The inner stopping level never goes below InnerFloor * tol (the outer KKT check still enforces tol).</summary>
    internal const double InnerFloor = 0.3;
}
