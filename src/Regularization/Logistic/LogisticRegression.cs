using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Validation;

namespace Regularization.Logistic;

/// <summary>
/// Regularized logistic regression, binary or multinomial (softmax), with an L2, L1 or elastic-net penalty on the coefficients
/// (never on the intercept).
/// <para>
/// Options are set through the constructor (<c>new LogisticRegression(c: 0.5, penalty: LogisticPenalty.L1)</c>) or, as for
/// <c>ElasticNet</c>, as init properties with scikit-learn's names (<c>new LogisticRegression { C = 0.5, Penalty = LogisticPenalty.L1 }</c>);
/// either way <see cref="OptionRules"/> are checked before any work.
/// </para>
/// <para>
/// scikit-learn form (constructor <c>c</c>): minimize <c>C sum_i s_i c_{y_i} loss_i + R(w)</c> with
/// <c>R = 1/2 ||w||^2</c> (L2), <c>||w||_1</c> (L1) or <c>l1Ratio ||w||_1 + (1 - l1Ratio)/2 ||w||^2</c> (elastic net),
/// <c>s_i</c> the sample weights, <c>c_k</c> the class weights and <c>loss_i = -log p(y_i | x_i)</c>.
/// glmnet form (<see cref="FromLambda"/>): minimize <c>(1/W) sum_i s_i c_{y_i} loss_i + lambda R(w)</c>, <c>W = sum_i s_i c_{y_i}</c>.
/// Dividing the first by <c>C W</c> gives the second, so <c>lambda = 1 / (C W)</c>; with unit weights <c>W = n</c> and
/// <c>lambda = 1/(C n)</c> (<see cref="LambdaFromC"/>, <see cref="CFromLambda"/>). Per-feature penalty factors multiply each
/// coefficient's term in <c>R</c> (0 leaves it unpenalized); unlike glmnet they are used as given, not rescaled to sum to p.
/// For a multinomial model <c>R</c> is summed over the K coefficient vectors (glmnet's multinomial, scikit-learn's multinomial).
/// </para>
/// <para>
/// Stopping: every solver stops when the KKT violation of the mean-form objective (the largest absolute gradient entry for smooth
/// penalties, the distance of the gradient to the subdifferential for L1 / elastic net, intercepts included) is at most
/// <c>tol</c>; for L2 this is the criterion of scikit-learn's lbfgs (<c>gtol = tol</c> on the mean-form gradient).
/// </para>
/// </summary>
public sealed partial class LogisticRegression
{
    private double[]? _penaltyFactor;

    /// <summary>Creates the estimator in scikit-learn's parameterization.</summary>
    /// <param name="c">Inverse regularization strength C (finite, &gt; 0); ignored for <see cref="LogisticPenalty.None"/>.</param>
    /// <param name="penalty">L2 (default), L1, ElasticNet or None.</param>
    /// <param name="l1Ratio">L1 share for the elastic net, in [0, 1].</param>
    /// <param name="fitIntercept">Fit an unpenalized intercept.</param>
    /// <param name="tol">KKT tolerance on the mean-form objective (&gt; 0).</param>
    /// <param name="maxIter">Maximum outer iterations.</param>
    /// <param name="solver">Algorithm (Auto picks as described in <see cref="LogisticSolver.Auto"/>).</param>
    /// <param name="multiClass">Binary, multinomial, or automatic by the number of classes.</param>
    /// <param name="classWeight">Class weights (<see cref="ClassWeight.Balanced"/> or explicit), or null for 1.</param>
    /// <param name="penaltyFactor">Per-feature penalty factors (finite, &gt;= 0), or null for 1.</param>
    public LogisticRegression(double c = 1.0, LogisticPenalty penalty = LogisticPenalty.L2, double l1Ratio = 0.5, bool fitIntercept = true,
        double tol = 1e-4, int maxIter = 1000, LogisticSolver solver = LogisticSolver.Auto, MultiClass multiClass = MultiClass.Auto,
        ClassWeight? classWeight = null, IReadOnlyList<double>? penaltyFactor = null)
    {
        C = c;
        Penalty = penalty;
        L1Ratio = l1Ratio;
        FitIntercept = fitIntercept;
        Tol = tol;
        MaxIter = maxIter;
        Solver = solver;
        MultiClass = multiClass;
        ClassWeight = classWeight;
        _penaltyFactor = penaltyFactor?.ToArray();
        CheckOptions();
    }

    /// <summary>
    /// Every option, in one place, before any work: <see cref="OptionRules"/> and the penalty/solver pairing. Run by the constructor
    /// and again by <see cref="Fit"/>, <see cref="Path"/> and <see cref="LambdaMax"/>, so options set as init properties
    /// (<c>new LogisticRegression { C = 0.5, Penalty = LogisticPenalty.L1 }</c>, the style of <c>ElasticNet</c>) are checked too.
    /// </summary>
    private void CheckOptions()
    {
        OptionRule.CheckAll(this, OptionRules);
        if (Lambda is double l) Guard.NonNegative(l, "lambda");
        if (Penalty is LogisticPenalty.L1 or LogisticPenalty.ElasticNet && Solver is LogisticSolver.Newton or LogisticSolver.Lbfgs)
            throw new ArgumentException($"solver = {Solver} is not allowed with penalty = {Penalty}: the L1 term is not smooth; use ProximalNewton or Auto.", "solver");
    }

    /// <summary>
    /// Creates the estimator in glmnet's parameterization: <c>lambda</c> multiplies the penalty on the mean log-loss
    /// (<c>lambda = 1/(C W)</c>). <c>lambda = 0</c> is the unpenalized fit.
    /// </summary>
    public static LogisticRegression FromLambda(double lambda, LogisticPenalty penalty = LogisticPenalty.L2, double l1Ratio = 0.5, bool fitIntercept = true,
        double tol = 1e-4, int maxIter = 1000, LogisticSolver solver = LogisticSolver.Auto, MultiClass multiClass = MultiClass.Auto,
        ClassWeight? classWeight = null, IReadOnlyList<double>? penaltyFactor = null)
    {
        Guard.NonNegative(lambda, nameof(lambda));
        return new LogisticRegression(1.0, penalty, l1Ratio, fitIntercept, tol, maxIter, solver, multiClass, classWeight, penaltyFactor) { Lambda = lambda };
    }

    /// <summary>
    /// The constraints on every option (checked by the constructor, so before any work; listed here for the generated tests).
    /// Names are the constructor's parameters (scikit-learn's <c>C</c> for <c>c</c>).
    /// </summary>
    public static IReadOnlyList<OptionRule> OptionRules { get; } =
    [
        OptionRule.Positive<LogisticRegression>("C", e => e.C),
        OptionRule.Defined<LogisticRegression, LogisticPenalty>("penalty", e => e.Penalty),
        OptionRule.InClosedRange<LogisticRegression>("l1Ratio", 0, 1, e => e.L1Ratio),
        OptionRule.Positive<LogisticRegression>("tol", e => e.Tol),
        OptionRule.AtLeast<LogisticRegression>("maxIter", 1, e => e.MaxIter),
        OptionRule.Defined<LogisticRegression, LogisticSolver>("solver", e => e.Solver),
        OptionRule.Defined<LogisticRegression, MultiClass>("multiClass", e => e.MultiClass),
        OptionRule.NonNegativeList<LogisticRegression>("penaltyFactor", e => e.PenaltyFactor),
    ];

    /// <summary>glmnet's lambda for scikit-learn's C: <c>1 / (C W)</c>, with W the sum of effective row weights (n for unit weights).</summary>
    public static double LambdaFromC(double c, double weightSum) => 1.0 / (Guard.Positive(c, "C") * Guard.Positive(weightSum, nameof(weightSum)));

    /// <summary>scikit-learn's C for glmnet's lambda: <c>1 / (lambda W)</c>.</summary>
    public static double CFromLambda(double lambda, double weightSum) => 1.0 / (Guard.Positive(lambda, nameof(lambda)) * Guard.Positive(weightSum, nameof(weightSum)));

    /// <summary>Inverse regularization strength (scikit-learn); unused when <see cref="Lambda"/> is set.</summary>
    public double C { get; init; }

    /// <summary>glmnet's lambda when the estimator was made by <see cref="FromLambda"/>; otherwise null (lambda = 1/(C W) at fit time).</summary>
    public double? Lambda { get; private init; }

    /// <summary>The penalty.</summary>
    public LogisticPenalty Penalty { get; init; }

    /// <summary>The L1 share used for the elastic net.</summary>
    public double L1Ratio { get; init; }

    /// <summary>Whether an unpenalized intercept is fitted.</summary>
    public bool FitIntercept { get; init; }

    /// <summary>KKT tolerance (mean form).</summary>
    public double Tol { get; init; }

    /// <summary>Maximum outer iterations.</summary>
    public int MaxIter { get; init; }

    /// <summary>The requested solver.</summary>
    public LogisticSolver Solver { get; init; }

    /// <summary>Binary, multinomial or automatic.</summary>
    public MultiClass MultiClass { get; init; }

    /// <summary>Class weights, or null.</summary>
    public ClassWeight? ClassWeight { get; init; }

    /// <summary>Per-feature penalty factors, or null for all 1.</summary>
    public IReadOnlyList<double>? PenaltyFactor { get => _penaltyFactor; init => _penaltyFactor = value?.ToArray(); }

    /// <summary>The L1 share implied by the penalty: 1 (L1), 0 (L2, None), L1Ratio (ElasticNet).</summary>
    internal double Alpha => Penalty switch
    {
        LogisticPenalty.L1 => 1.0,
        LogisticPenalty.ElasticNet => L1Ratio,
        _ => 0.0,
    };

    /// <summary>Fits the model.</summary>
    /// <param name="x">Design matrix, n x p, finite.</param>
    /// <param name="y">Class labels (whole numbers), length n, at least two classes.</param>
    /// <param name="sampleWeight">Optional non-negative row weights.</param>
    public LogisticModel Fit(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight = null)
    {
        CheckOptions();
        var d = LogisticData.Create(x, y, sampleWeight, ClassWeight, MultiClass);
        var pf = PenaltyFactors(d.P);
        double lambda = Penalty == LogisticPenalty.None ? 0 : Lambda ?? 1.0 / (C * d.WeightSum);
        var spec = new PenaltySpec(lambda, Alpha, pf);
        var (beta0, b0) = NullStart(d, FitIntercept);
        var (o, used) = Solve(d, spec, beta0, b0, null);
        return ToModel(d, o, lambda, used);
    }

    internal double[] PenaltyFactors(int p) => Linear.ElasticNetCore.PenaltyFactors(_penaltyFactor, p);

    /// <summary>Zero coefficients and the intercepts of the intercept-only model (log-odds / log-shares).</summary>
    internal static (double[] Beta, double[] B) NullStart(LogisticData d, bool fitIntercept)
    {
        var beta = new double[d.P * d.Blocks];
        if (!fitIntercept) return (beta, new double[d.Blocks]);
        var pi = d.ClassShares();
        if (!d.Multinomial) return (beta, [Math.Log(pi[1] / pi[0])]);
        var b = pi.Select(v => Math.Log(v)).ToArray();
        double m = b.Average();
        return (beta, b.Select(v => v - m).ToArray());
    }

    internal (SolverOutcome Outcome, LogisticSolver Used) Solve(LogisticData d, in PenaltySpec spec, double[] beta0, double[] b0, bool[]? candidates, double[]? eta0 = null)
    {
        bool smooth = spec.IsSmooth;
        var solver = Solver;
        if (!smooth && solver is LogisticSolver.Newton or LogisticSolver.Lbfgs)
            throw new ArgumentException($"solver = {solver} is not allowed with an L1 term; use ProximalNewton or Auto.", nameof(Solver));
        if (d.Multinomial && solver == LogisticSolver.Newton)
            throw new ArgumentException("solver = Newton is implemented for binary models only; use Lbfgs, ProximalNewton or Auto for multinomial.", nameof(Solver));
        if (solver == LogisticSolver.Auto)
        {
            if (!smooth) solver = LogisticSolver.ProximalNewton;
            else if (d.Multinomial) solver = LogisticSolver.Lbfgs;
            else solver = (long)d.N * d.P * d.P <= NewtonMaxWork ? LogisticSolver.Newton : LogisticSolver.Lbfgs;
        }
        SolverOutcome o = (solver, d.Multinomial) switch
        {
            (LogisticSolver.Newton, false) => BinarySmoothSolver.Newton(d, spec, FitIntercept, Tol, MaxIter, beta0, b0[0]),
            (LogisticSolver.Lbfgs, false) => BinarySmoothSolver.Lbfgs(d, spec, FitIntercept, Tol, MaxIter, beta0, b0[0]),
            (LogisticSolver.ProximalNewton, false) => BinaryProxNewton.Solve(d, spec, FitIntercept, Tol, MaxIter, beta0, b0[0], candidates, null, eta0),
            (LogisticSolver.Lbfgs, true) => MultinomialSolver.Lbfgs(d, spec, FitIntercept, Tol, MaxIter, beta0, b0),
            _ => MultinomialSolver.ProxNewton(d, spec, FitIntercept, Tol, MaxIter, beta0, b0, candidates),
        };
        return (o, solver);
    }

    /// <summary>
    /// Auto uses Newton (the (p+1)-square Hessian costs about n p^2 / 2 multiply-adds per iteration) while <c>n p^2</c> is at most this,
    /// and L-BFGS (about n p per iteration, one pass over X) above: Newton converges in a handful of iterations to any tolerance,
    /// L-BFGS needs tens of cheaper ones.
    /// </summary>
    internal const long NewtonMaxWork = 50_000_000;

    internal LogisticModel ToModel(LogisticData d, SolverOutcome o, double lambda, LogisticSolver used)
    {
        int m = d.Blocks, p = d.P;
        var coef = Matrix<double>.Build.Dense(m, p, (k, j) => o.Beta[k * p + j]);
        var intercept = Vector<double>.Build.DenseOfArray((double[])o.Intercept.Clone());
        return new LogisticModel(d.Classes, d.Multinomial, coef, intercept, Penalty, Alpha, lambda, d.WeightSum,
            o.Iterations, o.Kkt, o.Reason, o.Objective, Tol, used);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"LogisticRegression(penalty={Penalty}, {(Lambda is { } l ? $"lambda={l:G6}" : $"C={C:G6}")}, l1Ratio={L1Ratio}, solver={Solver})");
}
