using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// A strictly convex quadratic loss in two coefficients, <c>f(w) = 1/2 (w - c)ᵀ A (w - c)</c> with A symmetric positive
/// definite: the least-squares loss of a two-feature regression up to a constant (A = XᵀX/n, c = the OLS coefficients).
/// Its contours are ellipses centred at the unconstrained minimizer c.
/// </summary>
public sealed class Quadratic2D
{
    /// <summary>Creates the loss; A = [[a11, a12], [a12, a22]] must be positive definite.</summary>
    public Quadratic2D(double a11, double a12, double a22, double c1, double c2)
    {
        foreach (var (v, name) in new[] { (a11, nameof(a11)), (a12, nameof(a12)), (a22, nameof(a22)), (c1, nameof(c1)), (c2, nameof(c2)) })
            if (!double.IsFinite(v)) throw new ArgumentOutOfRangeException(name, v, $"{name} = {v} is not allowed: it must be finite.");
        if (!(a11 > 0 && a11 * a22 - a12 * a12 > 0))
            throw new ArgumentException($"A = [[{a11}, {a12}], [{a12}, {a22}]] is not positive definite (need a11 > 0 and a11 a22 - a12² > 0).", nameof(a11));
        A11 = a11; A12 = a12; A22 = a22; C1 = c1; C2 = c2;
    }

    /// <summary>A[0,0].</summary>
    public double A11 { get; }
    /// <summary>A[0,1] = A[1,0].</summary>
    public double A12 { get; }
    /// <summary>A[1,1].</summary>
    public double A22 { get; }
    /// <summary>First coordinate of the unconstrained minimizer.</summary>
    public double C1 { get; }
    /// <summary>Second coordinate of the unconstrained minimizer.</summary>
    public double C2 { get; }

    /// <summary>The unconstrained minimizer c.</summary>
    public double[] Center => [C1, C2];

    /// <summary><c>f(w)</c>.</summary>
    public double Value(double w1, double w2)
    {
        double d1 = w1 - C1, d2 = w2 - C2;
        return 0.5 * (A11 * d1 * d1 + 2 * A12 * d1 * d2 + A22 * d2 * d2);
    }

    /// <summary><c>f(w)</c> for a 2-vector.</summary>
    public double Value(IReadOnlyList<double> w) => Value(Check(w)[0], w[1]);

    /// <summary>The gradient <c>A (w - c)</c>.</summary>
    public double[] Gradient(IReadOnlyList<double> w)
    {
        Check(w);
        double d1 = w[0] - C1, d2 = w[1] - C2;
        return [A11 * d1 + A12 * d2, A12 * d1 + A22 * d2];
    }

    /// <summary>
    /// Values on a grid for a contour chart: <c>z[i][j] = f(xs[j], ys[i])</c> (rows follow y, as Plotly's contour expects).
    /// </summary>
    public double[][] Grid(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        Guard.NotNull(xs, nameof(xs));
        Guard.NotNull(ys, nameof(ys));
        var z = new double[ys.Count][];
        for (int i = 0; i < ys.Count; i++)
        {
            z[i] = new double[xs.Count];
            for (int j = 0; j < xs.Count; j++) z[i][j] = Value(xs[j], ys[i]);
        }
        return z;
    }

    /// <summary>The least-squares loss <c>1/(2n) ||y - X w||²</c> of a two-column design, written as this quadratic (minus its minimum).</summary>
    /// <param name="x1">First feature.</param>
    /// <param name="x2">Second feature.</param>
    /// <param name="y">Target.</param>
    public static Quadratic2D FromLeastSquares(IReadOnlyList<double> x1, IReadOnlyList<double> x2, IReadOnlyList<double> y)
    {
        Guard.NotNull(x1, nameof(x1)); Guard.NotNull(x2, nameof(x2)); Guard.NotNull(y, nameof(y));
        Guard.SameLength(x2.Count, x1.Count, nameof(x2), "x1.Count");
        Guard.SameLength(y.Count, x1.Count, nameof(y), "x1.Count");
        int n = x1.Count;
        double s11 = 0, s12 = 0, s22 = 0, b1 = 0, b2 = 0;
        for (int i = 0; i < n; i++)
        {
            s11 += x1[i] * x1[i]; s12 += x1[i] * x2[i]; s22 += x2[i] * x2[i];
            b1 += x1[i] * y[i]; b2 += x2[i] * y[i];
        }
        s11 /= n; s12 /= n; s22 /= n; b1 /= n; b2 /= n;
        double det = s11 * s22 - s12 * s12;
        if (!(det > 0)) throw new ArgumentException("x1 and x2 are collinear (XᵀX is singular): the quadratic has no unique minimizer.", nameof(x2));
        return new Quadratic2D(s11, s12, s22, (s22 * b1 - s12 * b2) / det, (s11 * b2 - s12 * b1) / det);
    }

    /// <summary>Eigenvalues of A, smallest first.</summary>
    public (double Min, double Max) Eigenvalues()
    {
        double m = 0.5 * (A11 + A22), d = Math.Sqrt(0.25 * (A11 - A22) * (A11 - A22) + A12 * A12);
        return (m - d, m + d);
    }

    /// <summary>
    /// The contour <c>f(w) = level</c>, an ellipse centred at c: <c>w = c + V diag(sqrt(2 level / λ_i)) (cos θ, sin θ)</c> with
    /// <c>A = V diag(λ) Vᵀ</c>. A level of 0 gives the single point c (repeated).
    /// </summary>
    /// <param name="level">The loss value, &gt;= 0.</param>
    /// <param name="points">Number of points, &gt;= 8 (closed: the last equals the first).</param>
    public Curve2D LevelCurve(double level, int points = 201)
    {
        Guard.NonNegative(level, nameof(level));
        Guard.AtLeast(points, 8, nameof(points));
        var (l1, l2) = Eigenvalues();
        // eigenvector of the smaller eigenvalue l1: (A - l1 I) v = 0
        double vx, vy;
        if (Math.Abs(A12) > 1e-300) { vx = A12; vy = l1 - A11; }
        else if (A11 <= A22) { vx = 1; vy = 0; }
        else { vx = 0; vy = 1; }
        double nv = Math.Sqrt(vx * vx + vy * vy);
        vx /= nv; vy /= nv;
        double r1 = Math.Sqrt(2 * level / l1), r2 = Math.Sqrt(2 * level / l2);
        var x = new double[points];
        var y = new double[points];
        for (int k = 0; k < points; k++)
        {
            double th = 2 * Math.PI * k / (points - 1), a = r1 * Math.Cos(th), b = r2 * Math.Sin(th);
            x[k] = C1 + a * vx - b * vy;
            y[k] = C2 + a * vy + b * vx;
        }
        x[^1] = x[0]; y[^1] = y[0];
        return new Curve2D(x, y);
    }

    private static IReadOnlyList<double> Check(IReadOnlyList<double> w)
    {
        Guard.NotNull(w, nameof(w));
        if (w.Count != 2) throw new ArgumentException($"w has {w.Count} entries: this loss takes exactly 2.", nameof(w));
        return w;
    }

    /// <inheritdoc />
    public override string ToString() => $"f(w) = 1/2 (w - c)ᵀA(w - c), A = [[{A11:G4}, {A12:G4}], [{A12:G4}, {A22:G4}]], c = ({C1:G4}, {C2:G4})";
}
