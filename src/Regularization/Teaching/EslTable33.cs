using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Linear;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// A reproduction of The Elements of Statistical Learning (2nd ed.), Table 3.3 on the prostate data: least squares, ridge at
/// effective degrees of freedom 5 and the lasso at shrinkage factor s = 0.36, fitted on ESL's 67 training rows with predictors
/// standardized over all 97 rows (sd with n - 1, as R's <c>scale</c>), next to the published values (read from
/// <c>tests/reference/04_esl_table33_prostate.json</c>, embedded in the library). The ridge lambda and the lasso alpha are found here by bisection on
/// <c>df(lambda)</c> and on <c>s(alpha) = ||w_lasso||_1 / ||w_LS||_1</c>, not copied.
/// </summary>
/// <example><code>var t = EslTable33.Reproduce(); t.RidgeLambda; t.LassoAlpha; t.ToHtml();</code></example>
public sealed class EslTable33
{
    private EslTable33() { }

    /// <summary>Fits the three columns and loads the published ones.</summary>
    /// <param name="df">Effective degrees of freedom of the ridge column (ESL: 5).</param>
    /// <param name="s">Shrinkage factor of the lasso column (ESL: 0.36).</param>
    public static EslTable33 Reproduce(double df = 5.0, double s = 0.36)
    {
        var ds = Datasets.Prostate();
        var (_, z) = Standardizer.FitTransform(ds.X, ddof: 1);
        var train = Enumerable.Range(0, ds.Rows).Where(i => ds.Extra["train"][i] == 1).ToArray();
        var test = Enumerable.Range(0, ds.Rows).Where(i => ds.Extra["train"][i] == 0).ToArray();
        var x = MatrixOps.SelectRows(z, train); var y = MatrixOps.SelectRows(ds.Y, train);
        var xt = MatrixOps.SelectRows(z, test); var yt = MatrixOps.SelectRows(ds.Y, test);
        Guard.InHalfOpenRange(df, 0, x.ColumnCount, nameof(df));
        Guard.InHalfOpenRange(s, 0, 1, nameof(s));

        var ls = new Ridge(0).Fit(x, y);
        double lambda = RidgeLambdaForDf(x, df);
        var ridge = new Ridge(lambda).Fit(x, y);
        double a = LassoAlphaForShrinkage(x, y, s);
        var lasso = Fit(x, y, a);

        using var doc = JsonDocument.Parse(EmbeddedData.Reference("04_esl_table33_prostate.json"));
        var pub = doc.RootElement.GetProperty("published");
        double[] Arr(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var te = pub.GetProperty("test_error");
        return new EslTable33
        {
            Terms = ["intercept", .. ds.FeatureNames],
            XTrain = x, YTrain = y, XTest = xt, YTest = yt,
            LeastSquares = [ls.Intercept, .. ls.Coef], Ridge = [ridge.Intercept, .. ridge.Coef], Lasso = [lasso.Intercept, .. lasso.Coef],
            PublishedLeastSquares = Arr(pub.GetProperty("LS")), PublishedRidge = Arr(pub.GetProperty("Ridge")), PublishedLasso = Arr(pub.GetProperty("Lasso")),
            TestError = [ls.MeanSquaredError(xt, yt), ridge.MeanSquaredError(xt, yt), lasso.MeanSquaredError(xt, yt)],
            PublishedTestError = [te.GetProperty("LS").GetDouble(), te.GetProperty("Ridge").GetDouble(), te.GetProperty("Lasso").GetDouble()],
            RidgeLambda = lambda, RidgeDf = Linear.Ridge.DegreesOfFreedom(x, lambda), LassoAlpha = a,
            LassoS = lasso.Coef.L1Norm() / ls.Coef.L1Norm(), LassoModel = lasso,
        };
    }

    /// <summary>The ridge penalty (scikit-learn's <c>Ridge</c> alpha, ESL's lambda) with <c>df(lambda) = df</c>, by bisection on log lambda.</summary>
    public static double RidgeLambdaForDf(Matrix<double> x, double df)
    {
        Guard.Design(x);
        double lo = 1e-10, hi = 1e10;
        if (!(Linear.Ridge.DegreesOfFreedom(x, lo) > df && Linear.Ridge.DegreesOfFreedom(x, hi) < df))
            throw new ArgumentOutOfRangeException(nameof(df), df, $"df = {df} is not reachable: it must lie strictly between 0 and the rank of x.");
        for (int it = 0; it < 200 && hi / lo > 1 + 1e-15; it++)
        {
            double mid = Math.Sqrt(lo * hi);
            if (Linear.Ridge.DegreesOfFreedom(x, mid) > df) lo = mid; else hi = mid;
        }
        return Math.Sqrt(lo * hi);
    }

    /// <summary>
    /// The lasso alpha (scikit-learn scale, <c>1/(2n) RSS + alpha ||w||_1</c>) whose solution has <c>||w||_1 / ||w_LS||_1 = s</c>,
    /// by bisection on alpha (s decreases as alpha grows); every fit converged to a duality gap of 1e-14 ||y||^2.
    /// </summary>
    public static double LassoAlphaForShrinkage(Matrix<double> x, Vector<double> y, double s)
    {
        Guard.InHalfOpenRange(s, 0, 1, nameof(s));
        double ls1 = new Ridge(0).Fit(x, y).Coef.L1Norm();
        double lo = 0, hi = ElasticNet.AlphaMax(x, y, 1.0);
        for (int it = 0; it < 100 && hi - lo > 1e-15 * hi; it++)
        {
            double mid = 0.5 * (lo + hi);
            if (Fit(x, y, mid).Coef.L1Norm() / ls1 > s) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    private static ElasticNetModel Fit(Matrix<double> x, Vector<double> y, double alpha)
    {
        var m = new Lasso(alpha) { Tol = 1e-14, MaxIter = 100000 }.Fit(x, y);
        if (!m.Converged) throw new InvalidOperationException($"the lasso at alpha = {alpha} did not converge: {m.StopReason}");
        return m;
    }

    /// <summary>"intercept" and the eight predictors.</summary>
    public string[] Terms { get; private init; } = [];

    /// <summary>Standardized training predictors (67 x 8).</summary>
    public Matrix<double> XTrain { get; private init; } = null!;
    /// <summary>Training target lpsa.</summary>
    public Vector<double> YTrain { get; private init; } = null!;
    /// <summary>Standardized test predictors (30 x 8).</summary>
    public Matrix<double> XTest { get; private init; } = null!;
    /// <summary>Test target lpsa.</summary>
    public Vector<double> YTest { get; private init; } = null!;

    /// <summary>Least squares: intercept then slopes.</summary>
    public double[] LeastSquares { get; private init; } = [];
    /// <summary>Ridge at <see cref="RidgeLambda"/>: intercept then slopes.</summary>
    public double[] Ridge { get; private init; } = [];
    /// <summary>Lasso at <see cref="LassoAlpha"/>: intercept then slopes.</summary>
    public double[] Lasso { get; private init; } = [];
    /// <summary>The fitted lasso model (with its duality gap).</summary>
    public ElasticNetModel LassoModel { get; private init; } = null!;

    /// <summary>ESL's least-squares column (blanks recorded as 0).</summary>
    public double[] PublishedLeastSquares { get; private init; } = [];
    /// <summary>ESL's ridge column.</summary>
    public double[] PublishedRidge { get; private init; } = [];
    /// <summary>ESL's lasso column.</summary>
    public double[] PublishedLasso { get; private init; } = [];

    /// <summary>Test mean squared error of LS, ridge, lasso on the 30 test rows.</summary>
    public double[] TestError { get; private init; } = [];
    /// <summary>ESL's test errors for LS, ridge, lasso.</summary>
    public double[] PublishedTestError { get; private init; } = [];

    /// <summary>The ridge lambda found for the requested df.</summary>
    public double RidgeLambda { get; private init; }
    /// <summary><c>df(RidgeLambda)</c>.</summary>
    public double RidgeDf { get; private init; }
    /// <summary>The lasso alpha found for the requested s.</summary>
    public double LassoAlpha { get; private init; }
    /// <summary>The shrinkage factor reached.</summary>
    public double LassoS { get; private init; }

    /// <summary>Largest |computed - published| over the slopes (not the intercept) of a column: 0 LS, 1 ridge, 2 lasso.</summary>
    public double MaxSlopeDifference(int column)
    {
        var (c, p) = Column(column);
        return Enumerable.Range(1, c.Length - 1).Max(j => Math.Abs(c[j] - p[j]));
    }

    private (double[] Computed, double[] Published) Column(int column) => column switch
    {
        0 => (LeastSquares, PublishedLeastSquares),
        1 => (Ridge, PublishedRidge),
        2 => (Lasso, PublishedLasso),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, $"column = {column} is not allowed: 0 (LS), 1 (ridge) or 2 (lasso)."),
    };

    /// <summary>The table as HTML: for each method the computed value, the book's and the difference; blanks where the book has none.</summary>
    public string ToHtml()
    {
        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        static string D(double v) => (v >= 0 ? "+" : "") + v.ToString("0.000", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("<table style=\"border-collapse:collapse;font-size:0.9em\"><thead><tr><th rowspan=2 style=\"text-align:left\">term</th>");
        foreach (var h in new[] { "LS", "Ridge (df = 5)", "Lasso (s = 0.36)" }) sb.Append($"<th colspan=3 style=\"border-bottom:1px solid #999\">{h}</th>");
        sb.Append("</tr><tr>");
        for (int c = 0; c < 3; c++) sb.Append("<th>ours</th><th>ESL</th><th>diff</th>");
        sb.Append("</tr></thead><tbody>");
        void Row(string term, Func<int, (double Ours, double Book)> cell, Func<int, bool> blank)
        {
            sb.Append($"<tr><td style=\"text-align:left\">{WebUtility.HtmlEncode(term)}</td>");
            for (int c = 0; c < 3; c++)
            {
                var (o, b) = cell(c);
                bool bl = blank(c);
                string style = !bl && Math.Abs(o - b) > 0.005 ? " style=\"color:#b35900;font-weight:bold\"" : "";
                sb.Append($"<td>{(o == 0 ? "0" : F(o))}</td><td>{(bl ? "" : F(b))}</td><td{style}>{(bl ? (o == 0 ? "" : "(book blank)") : D(o - b))}</td>");
            }
            sb.Append("</tr>");
        }
        for (int j = 0; j < Terms.Length; j++)
            Row(Terms[j], c => (Column(c).Computed[j], Column(c).Published[j]), c => c == 2 && Column(c).Published[j] == 0);
        Row("test error", c => (TestError[c], PublishedTestError[c]), _ => false);
        sb.Append("</tbody></table>");
        return sb.ToString();
    }
}
