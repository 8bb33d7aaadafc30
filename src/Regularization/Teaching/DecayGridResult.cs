using System.Globalization;
using System.Text;
using Regularization.Optim;

namespace Regularization.Teaching;

/// <summary>
/// Validation error and loss of one model per (weight decay, learning rate) cell, rows = decays, columns = learning rates
/// (the orientation of a heatmap with the learning rate on the x axis). A diverged cell holds NaN.
/// </summary>
/// <param name="Style">Adam+L2 or AdamW.</param>
/// <param name="LearningRates">Column values.</param>
/// <param name="Decays">Row values.</param>
/// <param name="ValError">Validation error (1 − accuracy) at the end of training, <c>[decay, learningRate]</c>.</param>
/// <param name="ValLoss">Validation cross-entropy at the end of training, <c>[decay, learningRate]</c>.</param>
public sealed record DecayGridResult(DecayStyle Style, IReadOnlyList<double> LearningRates, IReadOnlyList<double> Decays,
    double[,] ValError, double[,] ValLoss)
{
    /// <summary>For AdamW, what multiplies the decay (the learning rate, PyTorch's, or the schedule only, the paper's).</summary>
    public DecayConvention Convention { get; init; } = DecayConvention.TimesLearningRate;

    /// <summary>Whether the networks had layer-normalized hidden layers.</summary>
    public bool LayerNorm { get; init; }

    /// <summary>A short name for titles: <c>Adam+L2</c>, <c>AdamW (decay × lr)</c> or <c>AdamW (decay per step)</c>.</summary>
    public string Label => Style switch
    {
        DecayStyle.AdamL2 => "Adam+L2",
        _ => Convention switch
        {
            DecayConvention.TimesLearningRate => "AdamW (decay × lr)",
            DecayConvention.TimesSchedule => "AdamW (decay per step)",
            _ => "AdamW (constant decay)",
        },
    };

    /// <summary>The validation error as jagged rows (one per decay), for a heatmap's z.</summary>
    public double[][] ErrorRows => Rows(ValError);

    /// <summary>The validation loss as jagged rows (one per decay).</summary>
    public double[][] LossRows => Rows(ValLoss);

    /// <summary>The cell with the lowest validation loss (ties: first in row-major order).</summary>
    public (int DecayIndex, int LearningRateIndex) Best
    {
        get
        {
            (int, int) best = (-1, -1); double b = double.PositiveInfinity;
            for (int i = 0; i < Decays.Count; i++)
                for (int j = 0; j < LearningRates.Count; j++)
                    if (ValLoss[i, j] < b) { b = ValLoss[i, j]; best = (i, j); }
            return best;
        }
    }

    /// <summary>For each learning rate (column), the decay with the lowest validation loss (NaN when the whole column diverged).</summary>
    public double[] BestDecayPerLearningRate()
    {
        var r = new double[LearningRates.Count];
        for (int j = 0; j < LearningRates.Count; j++)
        {
            int bi = -1; double b = double.PositiveInfinity;
            for (int i = 0; i < Decays.Count; i++) if (ValLoss[i, j] < b) { b = ValLoss[i, j]; bi = i; }
            r[j] = bi < 0 ? double.NaN : Decays[bi];
        }
        return r;
    }

    /// <summary>
    /// For each learning rate (column), the smallest decay whose validation error exceeds the column's best by more than
    /// <paramref name="margin"/> (absolute, e.g. 0.02 = two points), or NaN when no decay in the grid does: where the decay starts to hurt.
    /// </summary>
    public double[] HarmfulDecayPerLearningRate(double margin = 0.02)
    {
        var r = new double[LearningRates.Count];
        for (int j = 0; j < LearningRates.Count; j++)
        {
            double best = double.PositiveInfinity;
            for (int i = 0; i < Decays.Count; i++) if (ValError[i, j] < best) best = ValError[i, j];
            r[j] = double.NaN;
            var rows = Enumerable.Range(0, Decays.Count).OrderBy(i => Decays[i]);
            foreach (int i in rows)
                if (!(ValError[i, j] <= best + margin)) { r[j] = Decays[i]; break; }
        }
        return r;
    }

    /// <summary>
    /// Least-squares slope of log10(best decay) against log10(learning rate) over the given columns: 0 when the best decay
    /// does not move with the learning rate (a separable valley), about 1 when the product lr·λ is what matters (a diagonal one).
    /// </summary>
    public double BestDecaySlope(int firstColumn = 0, int? lastColumn = null) => Slope(BestDecayPerLearningRate(), firstColumn, lastColumn);

    /// <summary>Least-squares slope of log10 of per-learning-rate decays (e.g. <see cref="HarmfulDecayPerLearningRate"/>) against log10(learning rate); NaN entries are skipped.</summary>
    public double Slope(IReadOnlyList<double> decayPerLearningRate, int firstColumn = 0, int? lastColumn = null)
    {
        ArgumentNullException.ThrowIfNull(decayPerLearningRate);
        int last = lastColumn ?? LearningRates.Count - 1;
        var best = decayPerLearningRate;
        var pts = Enumerable.Range(firstColumn, last - firstColumn + 1).Where(j => double.IsFinite(best[j]))
            .Select(j => (X: Math.Log10(LearningRates[j]), Y: Math.Log10(best[j]))).ToArray();
        if (pts.Length < 2) return double.NaN;
        double mx = pts.Average(p => p.X), my = pts.Average(p => p.Y);
        double sxy = pts.Sum(p => (p.X - mx) * (p.Y - my)), sxx = pts.Sum(p => (p.X - mx) * (p.X - mx));
        return sxy / sxx;
    }

    /// <summary>
    /// Share of the variation of log(validation loss) over the grid that is not explained by a learning-rate effect plus a
    /// decay effect (two-way decomposition <c>log L_ij = μ + a_i + b_j + r_ij</c>): <c>Σ r² / Σ (log L − μ)²</c>.
    /// 0 for a perfectly separable surface; larger when the best decay depends on the learning rate. NaN cells are skipped
    /// (the effects are then fitted by alternating least squares).
    /// </summary>
    public double InteractionShare()
    {
        int m = Decays.Count, n = LearningRates.Count;
        var z = new double[m, n];
        var ok = new bool[m, n];
        double mu = 0; int cnt = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                if (double.IsFinite(ValLoss[i, j]) && ValLoss[i, j] > 0) { z[i, j] = Math.Log(ValLoss[i, j]); ok[i, j] = true; mu += z[i, j]; cnt++; }
        if (cnt == 0) return double.NaN;
        mu /= cnt;
        var a = new double[m]; var b = new double[n];
        for (int it = 0; it < 50; it++)
        {
            for (int i = 0; i < m; i++)
            {
                double s = 0; int c = 0;
                for (int j = 0; j < n; j++) if (ok[i, j]) { s += z[i, j] - mu - b[j]; c++; }
                a[i] = c == 0 ? 0 : s / c;
            }
            for (int j = 0; j < n; j++)
            {
                double s = 0; int c = 0;
                for (int i = 0; i < m; i++) if (ok[i, j]) { s += z[i, j] - mu - a[i]; c++; }
                b[j] = c == 0 ? 0 : s / c;
            }
        }
        double ssr = 0, sst = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                if (ok[i, j]) { double r = z[i, j] - mu - a[i] - b[j]; ssr += r * r; sst += (z[i, j] - mu) * (z[i, j] - mu); }
        return sst == 0 ? 0 : ssr / sst;
    }

    /// <summary>The error grid as a text table (percent), decays down, learning rates across.</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine($"{Label}: validation error (%), rows = weight decay, columns = learning rate");
        sb.Append($"{"λ \\ lr",9}");
        foreach (var lr in LearningRates) sb.Append(' ').Append(lr.ToString("G2", ci).PadLeft(7));
        sb.AppendLine();
        for (int i = 0; i < Decays.Count; i++)
        {
            sb.Append(Decays[i].ToString("G2", ci).PadLeft(9));
            for (int j = 0; j < LearningRates.Count; j++) sb.Append(' ').Append((100 * ValError[i, j]).ToString("F1", ci).PadLeft(7));
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private static double[][] Rows(double[,] a) =>
        Enumerable.Range(0, a.GetLength(0)).Select(i => Enumerable.Range(0, a.GetLength(1)).Select(j => a[i, j]).ToArray()).ToArray();
}
