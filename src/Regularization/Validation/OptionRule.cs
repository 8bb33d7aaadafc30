using System.Globalization;

namespace Regularization.Validation;

/// <summary>
/// One declarative constraint on one option of an estimator (as scikit-learn's <c>_parameter_constraints</c>): the option's
/// name, what is allowed, and values that break it. Every estimator lists its rules once (<c>OptionRules</c>) and checks them all
/// at the start of <c>Fit</c> / <c>Path</c>, before touching the data; the tests feed every <see cref="InvalidExamples"/> entry of
/// every rule to every estimator and require an <see cref="ArgumentException"/> that names the option, its value and
/// <see cref="Allowed"/>.
/// </summary>
public sealed class OptionRule
{
    private readonly Func<object, object?> _get;
    private readonly Action<object?, string> _check;

    private OptionRule(string name, string allowed, object?[] invalid, Func<object, object?> get, Action<object?, string> check)
    {
        Name = name;
        Allowed = allowed;
        InvalidExamples = invalid;
        _get = get;
        _check = check;
    }

    /// <summary>The option as the estimator spells it (property or constructor parameter, scikit-learn's name).</summary>
    public string Name { get; }

    /// <summary>What is allowed, as the exception message says it.</summary>
    public string Allowed { get; }

    /// <summary>Values that the rule rejects (used by the generated bad-input tests).</summary>
    public IReadOnlyList<object?> InvalidExamples { get; }

    /// <summary>Checks the option's current value on <paramref name="estimator"/>; throws an <see cref="ArgumentException"/> naming it.</summary>
    public void Check(object estimator) => _check(_get(estimator), Name);

    /// <summary>Checks every rule, in order, on <paramref name="estimator"/>.</summary>
    public static void CheckAll(object estimator, IReadOnlyList<OptionRule> rules)
    {
        foreach (var r in rules) r.Check(estimator);
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A finite number &gt; 0.</summary>
    public static OptionRule Positive<T>(string name, Func<T, double> get) =>
        new(name, "a finite number > 0", [0.0, -1.0, double.NaN, double.PositiveInfinity], e => get((T)e), (v, n) => Guard.Positive((double)v!, n));

    /// <summary>A finite number &gt;= 0.</summary>
    public static OptionRule NonNegative<T>(string name, Func<T, double> get) =>
        new(name, "a finite number >= 0", [-1.0, double.NaN, double.PositiveInfinity], e => get((T)e), (v, n) => Guard.NonNegative((double)v!, n));

    /// <summary>An optional finite number &gt; 0 (null allowed).</summary>
    public static OptionRule PositiveOrNull<T>(string name, Func<T, double?> get) =>
        new(name, "a finite number > 0", [0.0, -1.0, double.NaN], e => get((T)e), (v, n) => { if (v is double d) Guard.Positive(d, n); });

    /// <summary>A number in [lo, hi].</summary>
    public static OptionRule InClosedRange<T>(string name, double lo, double hi, Func<T, double> get) =>
        new(name, $"lie in [{F(lo)}, {F(hi)}]", [lo - 0.5, hi + 0.5, double.NaN], e => get((T)e), (v, n) => Guard.InClosedRange((double)v!, lo, hi, n));

    /// <summary>A number in (lo, hi), both ends excluded.</summary>
    public static OptionRule InOpenRange<T>(string name, double lo, double hi, Func<T, double> get) =>
        new(name, $"lie in ({F(lo)}, {F(hi)})", [lo, hi, hi + 1, double.NaN], e => get((T)e), (v, n) => Guard.InOpenRange((double)v!, lo, hi, n));

    /// <summary>An optional number in (lo, hi) (null allowed).</summary>
    public static OptionRule InOpenRangeOrNull<T>(string name, double lo, double hi, Func<T, double?> get) =>
        new(name, $"lie in ({F(lo)}, {F(hi)})", [lo, hi, double.NaN], e => get((T)e), (v, n) => { if (v is double d) Guard.InOpenRange(d, lo, hi, n); });

    /// <summary>An integer &gt;= <paramref name="min"/>.</summary>
    public static OptionRule AtLeast<T>(string name, int min, Func<T, int> get) =>
        new(name, $">= {min}", [min - 1, int.MinValue], e => get((T)e), (v, n) => Guard.AtLeast((int)v!, min, n));

    /// <summary>A worker count: -1 (every core) or an integer &gt;= 1.</summary>
    public static OptionRule Parallelism<T>(string name, Func<T, int> get) =>
        new(name, "-1 (every core) or an integer >= 1", [0, -2], e => get((T)e), (v, n) =>
        {
            int k = (int)v!;
            if (k != -1 && k < 1)
                throw new ArgumentOutOfRangeException(n, k, $"{n} = {k} is not allowed: it must be -1 (every core) or an integer >= 1.");
        });

    /// <summary>A defined value of the enum <typeparamref name="TEnum"/>.</summary>
    public static OptionRule Defined<T, TEnum>(string name, Func<T, TEnum> get) where TEnum : struct, Enum =>
        new(name, $"one of {string.Join(", ", Enum.GetNames<TEnum>())}", [(TEnum)(object)42, (TEnum)(object)(-1)],
            e => get((T)e), (v, n) => Guard.Defined((TEnum)v!, n));

    /// <summary>Null (when <paramref name="allowNull"/>), or a non-empty list of finite numbers &gt;= 0 (a grid or per-feature factors).</summary>
    public static OptionRule NonNegativeList<T>(string name, Func<T, IReadOnlyList<double>?> get, bool allowNull = true) =>
        List(name, "a non-empty list of finite numbers >= 0", v => double.IsFinite(v) && v >= 0, [new[] { 1.0, -1.0 }, new[] { double.NaN }], allowNull,
            e => get((T)e));

    /// <summary>Null (when <paramref name="allowNull"/>), or a non-empty list of finite numbers &gt; 0.</summary>
    public static OptionRule PositiveList<T>(string name, Func<T, IReadOnlyList<double>?> get, bool allowNull = true) =>
        List(name, "a non-empty list of finite numbers > 0", v => double.IsFinite(v) && v > 0, [new[] { 1.0, 0.0 }, new[] { double.PositiveInfinity }], allowNull,
            e => get((T)e));

    /// <summary>Null, or a non-empty list of numbers in [lo, hi].</summary>
    public static OptionRule RangeList<T>(string name, double lo, double hi, Func<T, IReadOnlyList<double>?> get) =>
        List(name, $"a non-empty list of numbers in [{F(lo)}, {F(hi)}]", v => double.IsFinite(v) && v >= lo && v <= hi, [new[] { hi + 1 }, new[] { double.NaN }], true,
            e => get((T)e));

    private static OptionRule List(string name, string allowed, Func<double, bool> ok, double[][] badLists, bool allowNull, Func<object, IReadOnlyList<double>?> get)
    {
        var invalid = new List<object?> { Array.Empty<double>() };
        invalid.AddRange(badLists);
        if (!allowNull) invalid.Add(null);
        return new(name, allowed, invalid.ToArray(), get, (v, n) =>
        {
            if (v is null)
            {
                if (allowNull) return;
                throw new ArgumentNullException(n, $"{n} = null is not allowed: it must be {allowed}.");
            }
            var list = (IReadOnlyList<double>)v;
            if (list.Count == 0) throw new ArgumentException($"{n} = [] is not allowed: it must be {allowed}.", n);
            for (int i = 0; i < list.Count; i++)
                if (!ok(list[i]))
                    throw new ArgumentOutOfRangeException($"{n}[{i}]", list[i], $"{n}[{i}] = {F(list[i])} is not allowed: {n} must be {allowed}.");
        });
    }
}
