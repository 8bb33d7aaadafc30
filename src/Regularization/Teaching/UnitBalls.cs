using Regularization.Penalties;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// Boundaries of penalty balls <c>{w : f(w) &lt;= level}</c> in a coordinate plane, for pictures of L1, L2, Lp, elastic-net
/// and group penalties. Each curve is traced by angle, so it is closed (first point = last point).
/// </summary>
public static class UnitBalls
{
    /// <summary>
    /// The unit sphere of the Lp quasi-norm, <c>|x|^p + |y|^p = 1</c> (p &gt; 0; <see cref="double.PositiveInfinity"/> gives the square),
    /// scaled by <paramref name="radius"/>. For p &lt; 1 the ball is not convex.
    /// </summary>
    /// <param name="p">Exponent, &gt; 0 (or +infinity).</param>
    /// <param name="points">Number of points, &gt;= 8.</param>
    /// <param name="radius">Radius, &gt; 0.</param>
    public static Curve2D Lp(double p, int points = 401, double radius = 1.0)
    {
        if (!(p > 0)) throw new ArgumentOutOfRangeException(nameof(p), p, $"p = {p} is not allowed: the exponent must be > 0 (or +infinity).");
        Guard.AtLeast(points, 8, nameof(points));
        Guard.Positive(radius, nameof(radius));
        var x = new double[points];
        var y = new double[points];
        for (int k = 0; k < points; k++)
        {
            double th = 2 * Math.PI * k / (points - 1);
            double c = Math.Cos(th), s = Math.Sin(th);
            if (double.IsPositiveInfinity(p))
            {
                double m = Math.Max(Math.Abs(c), Math.Abs(s));
                x[k] = radius * c / m; y[k] = radius * s / m;
            }
            else
            {
                // |x|^p + |y|^p = cos^2 + sin^2 = 1 with x = sign(c)|c|^(2/p), y = sign(s)|s|^(2/p).
                x[k] = radius * Math.Sign(c) * Math.Pow(Math.Abs(c), 2 / p);
                y[k] = radius * Math.Sign(s) * Math.Pow(Math.Abs(s), 2 / p);
            }
        }
        x[^1] = x[0]; y[^1] = y[0];
        return new Curve2D(x, y);
    }

    /// <summary>
    /// The boundary <c>f(w) = level</c> of any penalty in the plane of coordinates <paramref name="axisX"/> and
    /// <paramref name="axisY"/> of a <paramref name="dimension"/>-vector (the other coordinates are 0). Along each ray the
    /// radius is found by bisection, which needs only that <c>f(r u)</c> grows with r from <c>f(0) = 0</c>, true of every norm
    /// and squared norm, so the same code draws L1, L2, elastic-net and group balls (and slices of them).
    /// </summary>
    /// <param name="penalty">The penalty; its <see cref="IPenalty.Length"/>, when set, must equal <paramref name="dimension"/>.</param>
    /// <param name="dimension">Length of the coefficient vector, &gt;= 2.</param>
    /// <param name="axisX">Coordinate on the horizontal axis.</param>
    /// <param name="axisY">Coordinate on the vertical axis (different from <paramref name="axisX"/>).</param>
    /// <param name="points">Number of points, &gt;= 8.</param>
    /// <param name="level">Level of the ball, &gt; 0.</param>
    public static Curve2D Boundary(IPenalty penalty, int dimension = 2, int axisX = 0, int axisY = 1, int points = 401, double level = 1.0)
    {
        Guard.NotNull(penalty, nameof(penalty));
        Guard.AtLeast(dimension, 2, nameof(dimension));
        if (penalty.Length is int n && n != dimension)
            throw new ArgumentException($"dimension = {dimension} but the penalty has {n} coefficients: they must match.", nameof(dimension));
        if (axisX < 0 || axisX >= dimension) throw new ArgumentOutOfRangeException(nameof(axisX), axisX, $"axisX = {axisX} must lie in [0, {dimension - 1}].");
        if (axisY < 0 || axisY >= dimension || axisY == axisX)
            throw new ArgumentOutOfRangeException(nameof(axisY), axisY, $"axisY = {axisY} must lie in [0, {dimension - 1}] and differ from axisX = {axisX}.");
        Guard.AtLeast(points, 8, nameof(points));
        Guard.Positive(level, nameof(level));
        var w = new double[dimension];
        var x = new double[points];
        var y = new double[points];
        for (int k = 0; k < points; k++)
        {
            double th = 2 * Math.PI * k / (points - 1);
            double c = Math.Cos(th), s = Math.Sin(th);
            double F(double r) { w[axisX] = r * c; w[axisY] = r * s; return penalty.Value(w); }
            double hi = 1;
            for (int i = 0; F(hi) < level; i++)
            {
                if (i > 200) throw new ArgumentException($"the penalty never reaches level {level} along direction ({c}, {s}): is its strength zero?", nameof(penalty));
                hi *= 2;
            }
            double lo = 0;
            for (int i = 0; i < 200 && hi - lo > 1e-14 * hi; i++)
            {
                double mid = 0.5 * (lo + hi);
                if (F(mid) < level) lo = mid; else hi = mid;
            }
            double r = 0.5 * (lo + hi);
            x[k] = r * c; y[k] = r * s;
        }
        x[^1] = x[0]; y[^1] = y[0];
        return new Curve2D(x, y);
    }
}
