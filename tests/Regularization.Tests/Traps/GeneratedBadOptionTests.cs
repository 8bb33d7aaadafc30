using System.Globalization;
using System.Reflection;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Linear;
using Regularization.Logistic;
using Regularization.Validation;

namespace Regularization.Tests.Traps;

/// <summary>
/// Bad-input tests generated from the estimators' constraint tables (<see cref="OptionRule"/>), as scikit-learn's parameter
/// validation tests are: every invalid example of every rule of every public linear and logistic estimator is set (through the
/// constructor parameter or the init property of that name) and fitted on data holding a NaN, and must raise an
/// <see cref="ArgumentException"/> naming the option, its value and what is allowed, before the data are looked at. A second
/// test proves the tables complete: every settable option of every estimator has a rule or a stated reason not to.
/// </summary>
public class GeneratedBadOptionTests
{
    private sealed record Estimator(Type Type, IReadOnlyList<OptionRule> Rules, bool Classifier, IReadOnlyDictionary<string, string> Unconstrained);

    private static readonly Dictionary<string, string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FitIntercept"] = "a bool: both values are valid",
        ["Positive"] = "a bool: both values are valid",
        ["Seed"] = "any int (or null) is a valid seed",
        ["FoldIds"] = "checked against the rows at fit time (Splits.ValidateFoldIds), which needs n",
        ["Groups"] = "checked against the columns at fit time (GroupLassoPenalty.ValidateGroups), which needs p",
        ["ClassWeight"] = "an object whose weights ClassWeight.Of checks when it is made",
    };

    private static readonly Estimator[] Estimators =
    [
        new(typeof(ElasticNet), CoordinateDescentRegressor.OptionRules, false, Common),
        new(typeof(Lasso), CoordinateDescentRegressor.OptionRules, false, Common),
        new(typeof(GroupLasso), GroupLasso.OptionRules, false, Common),
        new(typeof(Ridge), Ridge.OptionRules, false, Common),
        new(typeof(RidgeCV), RidgeCV.OptionRules, false, Common),
        new(typeof(ElasticNetCV), [.. LinearModelCV.OptionRules, .. ElasticNetCV.OwnOptionRules], false, Common),
        new(typeof(LassoCV), [.. LinearModelCV.OptionRules, .. ElasticNetCV.OwnOptionRules], false, Common),
        new(typeof(GroupLassoCV), [.. LinearModelCV.OptionRules, .. GroupLassoCV.OwnOptionRules], false, Common),
        new(typeof(LogisticRegression), LogisticRegression.OptionRules, true, Common),
        new(typeof(LogisticRegressionCV), [.. LogisticRegressionCV.OptionRules, .. LogisticRegression.OptionRules], true, Common),
    ];

    private static readonly IReadOnlyList<IReadOnlyList<int>> SampleGroups = [[0, 1], [2, 3]];

    /// <summary>Ctor parameters and init properties of <paramref name="t"/>: the options a user can set.</summary>
    private static IEnumerable<string> SettableOptions(Type t)
    {
        var ctor = t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        foreach (var p in ctor.GetParameters()) yield return p.Name!;
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (p.SetMethod is { IsPublic: true }) yield return p.Name;
    }

    private static bool Settable(Type t, string name) => SettableOptions(t).Contains(name, StringComparer.OrdinalIgnoreCase);

    private static object Make(Type t, string name, object? value)
    {
        var ctor = t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var ps = ctor.GetParameters();
        bool viaCtor = ps.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        var args = ps.Select(p =>
            string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) ? value
            : p.Name == "groups" ? SampleGroups
            : p.Name == "alpha" ? 0.1
            : p.HasDefaultValue ? p.DefaultValue
            : throw new InvalidOperationException($"{t.Name}({p.Name}) has no default")).ToArray();
        object e;
        try { e = ctor.Invoke(args); }
        catch (TargetInvocationException ex) { throw ex.InnerException!; }
        if (!viaCtor && t.GetProperties().Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            var prop = t.GetProperties().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            var v = value is double[] arr && prop.PropertyType == typeof(IReadOnlyList<double>) ? (object)arr : value;
            prop.SetValue(e, v);
        }
        return e;
    }

    private static void Fit(object e, bool classifier)
    {
        var x = Matrix<double>.Build.Dense(20, 4, (i, j) => Math.Sin(i * 1.3 + j * 0.7));
        x[3, 2] = double.NaN;   // an option error must come first: options are checked before the data
        var y = Vector<double>.Build.Dense(20, i => classifier ? i % 2 : Math.Cos(i));
        var fit = e.GetType().GetMethods().First(m => m.Name == "Fit");
        var args = fit.GetParameters().Select((p, k) => k == 0 ? x : k == 1 ? y : p.DefaultValue).ToArray();
        try { fit.Invoke(e, args); }
        catch (TargetInvocationException ex) { throw ex.InnerException!; }
    }

    private static string Shown(object? v) => v switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        double[] { Length: 0 } => "[]",
        double[] a => a[^1].ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToInt64(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
    };

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var est in Estimators)
            foreach (var rule in est.Rules)
                if (Settable(est.Type, rule.Name))
                    for (int k = 0; k < rule.InvalidExamples.Count; k++) data.Add(est.Type.Name, rule.Name, k);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryInvalidOptionValueIsRejectedByNameBeforeAnyWork(string estimator, string option, int example)
    {
        var est = Estimators.Single(e => e.Type.Name == estimator);
        var rule = est.Rules.First(r => r.Name == option);
        var value = rule.InvalidExamples[example];
        var ex = Assert.ThrowsAny<ArgumentException>(() => Fit(Make(est.Type, option, value), est.Classifier));
        string msg = $"{estimator}.{option} = {Shown(value)}: {ex.GetType().Name} {ex.ParamName}: {ex.Message}";
        Assert.True(ex.ParamName is not null && ex.ParamName.StartsWith(option, StringComparison.OrdinalIgnoreCase), msg);
        Assert.True(ex.Message.Contains(rule.Allowed, StringComparison.Ordinal), msg);
        Assert.True(ex.Message.Contains(Shown(value), StringComparison.Ordinal), msg);
        Assert.False(ex.Message.Contains("x[3, 2]"), msg);
    }

    [Fact]
    public void TheTablesCoverEverySettableOption()
    {
        int covered = 0;
        foreach (var est in Estimators)
            foreach (var name in SettableOptions(est.Type).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                bool ruled = est.Rules.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
                Assert.True(ruled || est.Unconstrained.ContainsKey(name), $"{est.Type.Name}.{name} has no OptionRule and no stated reason");
                if (ruled) covered++;
            }
        Assert.True(covered >= 60, $"only {covered} options are ruled");
        Assert.True(Cases().Count() >= 180, $"{Cases().Count()} generated cases");
    }

    [Fact]
    public void ValidOptionsPassTheirRules()
    {
        // the defaults satisfy every rule (so the table does not reject what the estimators accept)
        foreach (var est in Estimators)
        {
            var e = Make(est.Type, "__none__", null);
            if (e is LogisticRegressionCV cv)
            {
                OptionRule.CheckAll(cv, LogisticRegressionCV.OptionRules);
                OptionRule.CheckAll(cv.Estimator, LogisticRegression.OptionRules);
            }
            else OptionRule.CheckAll(e, est.Rules);
        }
    }
}
