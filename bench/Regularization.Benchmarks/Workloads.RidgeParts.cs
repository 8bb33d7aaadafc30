using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Regularization.Data;
using Regularization.Kernels;
using Regularization.Linear;

namespace Regularization.Benchmarks;

/// <summary>
/// <c>linear-ridge-parts N P [--reps 5]</c>: where the time of one <c>Ridge(alpha=1).Fit</c> goes (W4 profile): validation and
/// centered copy, Gram matrix, <c>X^T y</c>, Cholesky factorization and the two triangular solves, each timed alone (medians
/// of --reps after one warm-up), next to the whole fit. One JSON line.
/// </summary>
internal static partial class Workloads
{
#pragma warning disable CA2255 // module initializer registers the workloads of this area
    [ModuleInitializer]
    internal static void RegisterRidgeParts() => Add("linear-ridge-parts", LinearRidgeParts);
#pragma warning restore CA2255

    private static int LinearRidgeParts(string[] args)
    {
        var a = args.ToList();
        int reps = int.Parse(Opt(a, "--reps", "5"), CultureInfo.InvariantCulture);
        int n = int.Parse(a[0], CultureInfo.InvariantCulture), p = int.Parse(a[1], CultureInfo.InvariantCulture);
        var (x, y) = LoadGauss(n, p);
        var g = new double[(long)p * p];
        var q = new double[p];
        var d = CenteredDesign.Create(x, y, null, true);
        double Part(Action f)
        {
            f();
            var ts = new List<double>();
            for (int r = 0; r < reps; r++) { var sw = Stopwatch.StartNew(); f(); ts.Add(sw.Elapsed.TotalSeconds); }
            return Median(ts);
        }
        double create = Part(() => CenteredDesign.Create(x, y, null, true).Release());
        double gram = Part(() => GramKernels.Gram(d.X, n, p, g));
        double cgram = Part(() => GramKernels.CenteredGramLower(MatrixOps.ColumnMajor(x), n, p, d.XMean, d.Y, g, q));
        double xty = Part(() => GramKernels.TransposeMultiply(d.X, n, p, d.Y, q));
        var l = new double[g.Length];
        double chol = Part(() => { Array.Copy(g, l, g.Length); for (int i = 0; i < p; i++) l[(long)i * p + i] += 1; DenseLinearAlgebra.CholeskyInPlace(l, p); });
        double solve = Part(() => DenseLinearAlgebra.CholeskySolve(g, p, 1.0, q));
        var mm = new double[p];
        double means = Part(() => { var src = MatrixOps.ColumnMajor(x); for (int j = 0; j < p; j++) mm[j] = System.Numerics.Tensors.TensorPrimitives.Sum(src.AsSpan(j * n, n)) / n; });
        double fit = Part(() => new Ridge(1.0).Fit(x, y));
        Console.WriteLine($"{{\"workload\": \"W4-parts\", \"n\": {n}, \"p\": {p}, \"reps\": {reps}, \"create_s\": {F(create)}, \"gram_s\": {F(gram)}, " +
            $"\"centered_gram_s\": {F(cgram)}, \"xty_s\": {F(xty)}, \"cholesky_factor_s\": {F(chol)}, \"cholesky_solve_total_s\": {F(solve)}, \"column_means_s\": {F(means)}, \"fit_s\": {F(fit)}}}");
        return 0;
    }
}
