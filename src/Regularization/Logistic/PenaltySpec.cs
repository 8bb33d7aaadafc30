namespace Regularization.Logistic;

/// <summary>
/// The penalty in glmnet's mean form: <c>Lambda sum_j Pf_j (Alpha |w_j| + (1 - Alpha)/2 w_j^2)</c>, Alpha being the L1 share.
/// </summary>
internal readonly record struct PenaltySpec(double Lambda, double Alpha, double[] Pf)
{
    public double L1(int j) => Lambda * Alpha * Pf[j];

    public double L2(int j) => Lambda * (1 - Alpha) * Pf[j];

    public bool IsSmooth => Alpha == 0 || Lambda == 0;

    /// <summary>True when nothing is penalized (lambda 0 or every factor 0).</summary>
    public bool IsZero => Lambda == 0 || Pf.All(f => f == 0);

    public double Value(ReadOnlySpan<double> w)
    {
        double s = 0;
        for (int j = 0; j < w.Length; j++)
        {
            if (w[j] == 0) continue;
            s += Pf[j] * (Alpha * Math.Abs(w[j]) + 0.5 * (1 - Alpha) * w[j] * w[j]);
        }
        return Lambda * s;
    }

    /// <summary>
    /// KKT residual of coordinate j given <paramref name="g"/> = minus the loss gradient (<c>x_j . r</c>) and the coefficient.
    /// </summary>
    public double Violation(int j, double g, double w)
    {
        double grad = -g + L2(j) * w;
        double l1 = L1(j);
        if (w > 0) return Math.Abs(grad + l1);
        if (w < 0) return Math.Abs(grad - l1);
        return Math.Max(0, Math.Abs(grad) - l1);
    }
}
