using System.Numerics.Tensors;
using Regularization.Kernels;

namespace Regularization.Logistic;

/// <summary>
/// Multinomial (softmax) logistic regression with K coefficient vectors, in glmnet's mean form
/// <c>F(W, b) = sum_i u_i [log sum_k exp(eta_ik) - eta_{i,y_i}] + lambda sum_k sum_j pf_j (alpha |W_jk| + (1 - alpha)/2 W_jk^2)</c>,
/// <c>eta_k = X W_k + b_k</c>. Smooth penalties can use L-BFGS on all K(p+1) parameters; any penalty can use proximal
/// Newton: the log-loss is replaced by its exact joint second-order model in all classes (<see cref="JointCoordinateDescent"/>),
/// minimized with the penalty by coordinate descent, followed by a backtracking step on F. (glmnet instead cycles over the
/// classes with one per-class model each; that converges slowly when classes are strongly coupled, as for K = 2.) Stops when the KKT violation over all classes, features and intercepts is at most <c>tol</c>.
/// Coefficient blocks are stored class by class (<c>W_k</c> at offset <c>k p</c>); intercepts are centred to sum to 0 at the end.
/// </summary>
internal static class MultinomialSolver
{
    /// <summary>Softmax of every row of the class-major <paramref name="eta"/> into <paramref name="prob"/>; returns the weighted loss.</summary>
    internal static double Softmax(LogisticData d, double[][] eta, double[][] prob)
    {
        int n = d.N, K = d.K;
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            double mx = double.NegativeInfinity;
            for (int k = 0; k < K; k++) mx = Math.Max(mx, eta[k][i]);
            double s = 0;
            for (int k = 0; k < K; k++) { double e = Math.Exp(eta[k][i] - mx); prob[k][i] = e; s += e; }
            double inv = 1.0 / s;
            for (int k = 0; k < K; k++) prob[k][i] *= inv;
            if (d.U[i] != 0) loss += d.U[i] * (mx + Math.Log(s) - eta[d.Label[i]][i]);
        }
        return loss;
    }

    internal static bool Separates(LogisticData d, double[][] eta)
    {
        for (int i = 0; i < d.N; i++)
        {
            if (d.U[i] == 0) continue;
            int y = d.Label[i];
            for (int k = 0; k < d.K; k++)
                if (k != y && eta[k][i] >= eta[y][i]) return false;
        }
        return true;
    }

    private static double[][] Jagged(int k, int n)
    {
        var a = new double[k][];
        for (int c = 0; c < k; c++) a[c] = new double[n];
        return a;
    }

    public static SolverOutcome Lbfgs(LogisticData d, PenaltySpec pen, bool fitIntercept, double tol, int maxIter, double[] beta0, double[] b0)
    {
        int n = d.N, p = d.P, K = d.K;
        var theta = new double[K * p + K];
        beta0.CopyTo(theta, 0);
        if (fitIntercept) b0.CopyTo(theta, K * p);
        var eta = Jagged(K, n);
        var prob = Jagged(K, n);
        var r = new double[n];
        double Eval(ReadOnlySpan<double> x, Span<double> grad)
        {
            double penalty = 0;
            for (int k = 0; k < K; k++)
            {
                var w = x.Slice(k * p, p);
                LogisticKernels.MultiplyColumns(d.X, n, w, fitIntercept ? x[K * p + k] : 0, eta[k]);
                penalty += pen.Value(w);
            }
            double loss = Softmax(d, eta, prob);
            for (int k = 0; k < K; k++)
            {
                var pk = prob[k];
                for (int i = 0; i < n; i++) r[i] = d.U[i] * ((d.Label[i] == k ? 1.0 : 0.0) - pk[i]);
                var gk = grad.Slice(k * p, p);
                LogisticKernels.TransposeMultiply(d.X, n, r, gk);
                var w = x.Slice(k * p, p);
                for (int j = 0; j < p; j++) gk[j] = -gk[j] + pen.L2(j) * w[j];
                grad[K * p + k] = fitIntercept ? -TensorPrimitives.Sum<double>(r) : 0;
            }
            return loss + penalty;
        }
        Func<bool>? sep = pen.IsZero ? () => Separates(d, eta) : null;
        // Preconditioner: inverse Hessian diagonal at the start, 1 / (sum_i u_i p_ik (1 - p_ik) x_ij^2 + lambda pf_j) per class.
        var diag = new double[theta.Length];
        {
            var g0 = new double[theta.Length];
            Eval(theta, g0);
            var h = new double[n];
            for (int k = 0; k < K; k++)
            {
                for (int i = 0; i < n; i++) h[i] = d.U[i] * prob[k][i] * (1 - prob[k][i]);
                for (int j = 0; j < p; j++)
                {
                    LogisticKernels.DotAndWeightedSquares(d.Column(j), h, h, out _, out double hjj);
                    double v = hjj + pen.L2(j);
                    diag[k * p + j] = v > 0 ? 1.0 / v : 1.0;
                }
                double hs = TensorPrimitives.Sum<double>(h);
                diag[K * p + k] = fitIntercept && hs > 0 ? 1.0 / hs : 1.0;
            }
        }
        var o = Logistic.Lbfgs.Minimize(Eval, theta, tol, maxIter, sep, diag);
        var b = theta[(K * p)..];
        Center(b);
        return new SolverOutcome(theta[..(K * p)], b, o.Iterations, o.GradMax, o.Reason, o.Value);
    }

    public static SolverOutcome ProxNewton(LogisticData d, in PenaltySpec pen, bool fitIntercept, double tol, int maxIter,
        double[] beta0, double[] b0, bool[]? candidateMask = null)
    {
        int n = d.N, p = d.P, K = d.K;
        var beta = (double[])beta0.Clone();
        var b = fitIntercept ? (double[])b0.Clone() : new double[K];
        var inCand = new bool[p];
        var candidates = new List<int>();
        for (int j = 0; j < p; j++)
        {
            bool any = false;
            for (int k = 0; k < K; k++) any |= beta[k * p + j] != 0;
            if (candidateMask is null || candidateMask[j] || any || pen.Pf[j] == 0) { inCand[j] = true; candidates.Add(j); }
        }
        var eta = Jagged(K, n);
        var etaTry = Jagged(K, n);
        var dEta = Jagged(K, n);
        var prob = Jagged(K, n);
        var r = Jagged(K, n);
        var wk = Jagged(K, n);
        var hkk = Jagged(K, n);
        var sWork = new double[n];
        var cd = new JointCoordinateDescent(d, r, wk, hkk, prob, dEta, sWork);
        for (int k = 0; k < K; k++) LogisticKernels.MultiplyColumns(d.X, n, beta.AsSpan(k * p, p), b[k], eta[k]);
        var old = new double[K * p];
        var oldB = new double[K];
        var trial = new double[K * p];
        double kkt = double.PositiveInfinity;
        var reason = LogisticStopReason.MaxIterations;
        double loss = Softmax(d, eta, prob);
        double f = loss + PenaltyValue(pen, beta, K, p);
        int it = 0;
        for (; it <= maxIter; it++)
        {
            kkt = 0;
            for (int k = 0; k < K; k++)
            {
                Residual(d, prob[k], k, r[k]);
                if (fitIntercept) kkt = Math.Max(kkt, Math.Abs(TensorPrimitives.Sum<double>(r[k])));
                foreach (int j in candidates)
                    kkt = Math.Max(kkt, pen.Violation(j, TensorPrimitives.Dot(d.Column(j), r[k]), beta[k * p + j]));
            }
            if (kkt <= tol)
            {
                for (int k = 0; k < K; k++)
                {
                    for (int j = 0; j < p; j++)
                    {
                        if (inCand[j]) continue;
                        double v = pen.Violation(j, TensorPrimitives.Dot(d.Column(j), r[k]), beta[k * p + j]);
                        if (v > tol) { inCand[j] = true; candidates.Add(j); }
                        kkt = Math.Max(kkt, v);
                    }
                }
                if (kkt <= tol) { reason = pen.IsZero && Separates(d, eta) ? LogisticStopReason.Separable : LogisticStopReason.Converged; break; }
            }
            if (pen.IsZero && Separates(d, eta)) { reason = LogisticStopReason.Separable; break; }
            if (it == maxIter) break;

            for (int k = 0; k < K; k++)
            {
                var pk = prob[k];
                for (int i = 0; i < n; i++)
                {
                    double up = d.U[i] * pk[i];
                    wk[k][i] = up;
                    hkk[k][i] = up * (1 - pk[i]);
                }
            }
            beta.CopyTo(old, 0);
            b.CopyTo(oldB, 0);
            double innerTol = Math.Max(kkt * Math.Min(BinaryProxNewton.InnerForcing, Math.Sqrt(kkt)), BinaryProxNewton.InnerFloor * tol);
            cd.Solve(beta, b, fitIntercept, pen, candidates, innerTol, 100_000);
            // dEta holds X D_k + d_k from the coordinate descent.
            double slope = 0;
            for (int k = 0; k < K; k++) slope -= TensorPrimitives.Dot<double>(r[k], dEta[k]);
            double penOld = PenaltyValue(pen, old, K, p);
            double decrease = slope + PenaltyValue(pen, beta, K, p) - penOld;
            double t = 1;
            bool accepted = false;
            double fTry = f;
            for (int ls = 0; ls < 60; ls++)
            {
                for (int k = 0; k < K; k++) TensorPrimitives.MultiplyAdd(dEta[k], t, eta[k], etaTry[k]);
                for (int q = 0; q < K * p; q++) trial[q] = old[q] + t * (beta[q] - old[q]);
                double lTry = Softmax(d, etaTry, prob);
                fTry = lTry + PenaltyValue(pen, trial, K, p);
                if (fTry <= f + 1e-4 * t * Math.Min(decrease, 0) + BinarySmoothSolver.Noise(f)) { accepted = true; break; }
                t *= 0.5;
            }
            if (!accepted)
            {
                old.CopyTo(beta, 0);
                oldB.CopyTo(b, 0);
                Softmax(d, eta, prob);
                reason = LogisticStopReason.LineSearchStalled;
                break;
            }
            trial.CopyTo(beta, 0);
            for (int k = 0; k < K; k++) b[k] = oldB[k] + t * (b[k] - oldB[k]);
            (eta, etaTry) = (etaTry, eta);
            f = fTry;
        }
        Center(b);
        return new SolverOutcome(beta, b, it, kkt, reason, f);
    }

    private static double PenaltyValue(in PenaltySpec pen, double[] beta, int K, int p)
    {
        double s = 0;
        for (int k = 0; k < K; k++) s += pen.Value(beta.AsSpan(k * p, p));
        return s;
    }

    private static void Residual(LogisticData d, double[] pk, int k, double[] r)
    {
        for (int i = 0; i < d.N; i++) r[i] = d.U[i] * ((d.Label[i] == k ? 1.0 : 0.0) - pk[i]);
    }

    private static void Center(double[] b)
    {
        double m = b.Average();
        for (int k = 0; k < b.Length; k++) b[k] -= m;
    }
}
