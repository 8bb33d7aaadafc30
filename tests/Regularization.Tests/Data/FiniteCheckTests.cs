using MathNet.Numerics.LinearAlgebra;
using Regularization.Validation;

namespace Regularization.Tests.Data;

public class FiniteCheckTests
{
    [Fact]
    public void FirstNonFiniteMatchesTheScalarSearch()
    {
        var rng = new Random(5);
        foreach (int n in new[] { 0, 1, 3, 4, 7, 4095, 4096, 4097, 9000 })
            foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
                for (int trial = 0; trial < 4; trial++)
                {
                    var a = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 1e300 - 5e299).ToArray();
                    int at = n == 0 || trial == 0 ? -1 : rng.Next(n);
                    if (at >= 0) { a[at] = bad; if (trial == 3 && at + 1 < n) a[n - 1] = double.NaN; }
                    int scalar = Array.FindIndex(a, v => !double.IsFinite(v));
                    Assert.Equal(scalar, Guard.FirstNonFinite(a));
                }
    }

    [Fact]
    public void DesignNamesTheFirstBadEntry()
    {
        var x = Matrix<double>.Build.Dense(50, 100, (i, j) => i + j);
        x[17, 63] = double.PositiveInfinity;
        x[40, 80] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => Guard.Design(x));
        Assert.Contains("x[17, 63] = ", e.Message);
        Assert.Equal("x", e.ParamName);
    }
}
