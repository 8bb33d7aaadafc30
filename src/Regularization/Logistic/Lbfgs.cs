using Regularization.Kernels;
using System.Runtime.CompilerServices;

namespace Regularization.Logistic;

/// <summary>
/// Limited-memory BFGS (two-loop recursion, memory m) with a weak-Wolfe bisection line search
/// (Armijo 1e-4, curvature 0.9). Stops when the largest gradient entry is at most the tolerance.
/// </summary>
internal static class Lbfgs
{
    /// <summary>Writes the gradient at <paramref name="x"/> and returns the objective.</summary>
    public delegate double Objective(ReadOnlySpan<double> x, Span<double> grad);

    public readonly record struct Outcome(int Iterations, double GradMax, LogisticStopReason Reason, double Value);

    /// <param name="f">Objective and gradient.</param>
    /// <param name="x">Start; overwritten with the result.</param>
    /// <param name="tol">Stop when max |gradient| &lt;= tol.</param>
    /// <param name="maxIter">Iteration limit.</param>
    /// <param name="separable">Optional divergence test (unpenalized fits on separable data).</param>
    /// <param name="diagonal">Optional positive diagonal preconditioner D (an estimate of the inverse Hessian diagonal): the initial
    /// inverse Hessian of each two-loop recursion is <c>gamma D</c> with <c>gamma = s'y / y'Dy</c>, which makes the method insensitive to
    /// the scaling of the features. It is read only after the first evaluation of <paramref name="f"/>, which may fill it.</param>
    /// <param name="m">Memory.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Outcome Minimize(Objective f, double[] x, double tol, int maxIter, Func<bool>? separable = null, double[]? diagonal = null, int m = 10)
    {
        var dy = diagonal is null ? null : new double[x.Length];
        int d = x.Length;
        var g = new double[d];
        var gNew = new double[d];
        var xNew = new double[d];
        var dir = new double[d];
        var s = new double[m][];
        var yv = new double[m][];
        var rho = new double[m];
        var alpha = new double[m];
        for (int k = 0; k < m; k++) { s[k] = new double[d]; yv[k] = new double[d]; }
        int stored = 0, head = 0;
        double fx = f(x, g);
        int it = 0;
        for (; ; it++)
        {
            double gmax = 0;
            for (int i = 0; i < d; i++) gmax = Math.Max(gmax, Math.Abs(g[i]));
            // separability first: on separable data a tiny gradient means saturated probabilities, not an optimum (none exists)
            if (separable is not null && separable()) return new Outcome(it, gmax, LogisticStopReason.Separable, fx);
            if (gmax <= tol) return new Outcome(it, gmax, LogisticStopReason.Converged, fx);
            if (it >= maxIter) return new Outcome(it, gmax, LogisticStopReason.MaxIterations, fx);

            // Two-loop recursion: dir = -H g.
            g.CopyTo(dir, 0);
            for (int k = 0; k < stored; k++)
            {
                int idx = (head - 1 - k + m) % m;
                alpha[idx] = rho[idx] * VectorKernels.Dot(s[idx], dir);
                VectorKernels.Axpy(-alpha[idx], yv[idx], dir);
            }
            double gamma = 1.0;
            if (stored > 0)
            {
                int last = (head - 1 + m) % m;
                double yDy;
                if (diagonal is null) yDy = VectorKernels.Dot(yv[last], yv[last]);
                else
                {
                    for (int i = 0; i < d; i++) dy![i] = yv[last][i] * diagonal[i];
                    yDy = VectorKernels.Dot(dy!, yv[last]);
                }
                gamma = VectorKernels.Dot(s[last], yv[last]) / yDy;
            }
            if (diagonal is null) for (int i = 0; i < d; i++) dir[i] *= gamma;
            else for (int i = 0; i < d; i++) dir[i] *= gamma * diagonal[i];
            for (int k = stored - 1; k >= 0; k--)
            {
                int idx = (head - 1 - k + m) % m;
                double beta = rho[idx] * VectorKernels.Dot(yv[idx], dir);
                VectorKernels.Axpy(alpha[idx] - beta, s[idx], dir);
            }
            for (int i = 0; i < d; i++) dir[i] = -dir[i];
            double slope = VectorKernels.Dot(g, dir);
            if (!(slope < 0))
            {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                stored = 0;
                for (int i = 0; i < d; i++) dir[i] = -g[i];
                slope = -VectorKernels.Dot(g, g);
            }
            double t = stored == 0 && diagonal is null ? Math.Min(1.0, 1.0 / Math.Sqrt(-slope)) : 1.0;
            double lo = 0, hi = double.PositiveInfinity, fNew = fx;
            bool ok = false;
            for (int ls = 0; ls < 60; ls++)
            {
                for (int i = 0; i < d; i++) xNew[i] = x[i] + t * dir[i];
                fNew = f(xNew, gNew);
                if (!double.IsFinite(fNew) || fNew > fx + 1e-4 * t * slope + BinarySmoothSolver.Noise(fx)) hi = t;
                else if (VectorKernels.Dot(gNew, dir) < 0.9 * slope) lo = t;
                else { ok = true; break; }
                t = double.IsPositiveInfinity(hi) ? 2 * lo : 0.5 * (lo + hi);
                if (hi - lo < 1e-16 * Math.Max(1, hi)) break;
            }
            if (!ok)
            {
                // Accept an Armijo point if one was found; otherwise the objective cannot decrease in float64.
                if (lo > 0)
                {
                    for (int i = 0; i < d; i++) xNew[i] = x[i] + lo * dir[i];
                    fNew = f(xNew, gNew);
                }
                else
                {
                    return new Outcome(it, gmax, LogisticStopReason.LineSearchStalled, fx);
                }
            }
            // Update memory.
            var sk = s[head];
            var yk = yv[head];
            for (int i = 0; i < d; i++)
            {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
            }
            double sy = VectorKernels.Dot(sk, yk);
            if (sy > 1e-300)
            {
                rho[head] = 1.0 / sy;
                head = (head + 1) % m;
                stored = Math.Min(stored + 1, m);
            }
            xNew.CopyTo(x, 0);
            gNew.CopyTo(g, 0);
            fx = fNew;
        }
    }
}
