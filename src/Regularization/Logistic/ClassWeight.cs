using System.Globalization;

namespace Regularization.Logistic;

/// <summary>
/// Per-class weights multiplying each row's sample weight (scikit-learn's <c>class_weight</c>):
/// <see cref="Balanced"/> gives class k the weight <c>n / (K n_k)</c> (computed from the weighted class counts when sample weights are given),
/// <see cref="Of"/> takes explicit weights per label.
/// </summary>
public sealed class ClassWeight
{
    private readonly IReadOnlyDictionary<double, double>? _explicit;

    private ClassWeight(IReadOnlyDictionary<double, double>? weights) => _explicit = weights;

    /// <summary><c>n / (K n_k)</c> for class k, as scikit-learn's <c>class_weight="balanced"</c>.</summary>
    public static ClassWeight Balanced { get; } = new(null);

    /// <summary>True for <see cref="Balanced"/>.</summary>
    public bool IsBalanced => _explicit is null;

    /// <summary>Explicit weights by class label; labels not listed get weight 1. Weights must be finite and &gt;= 0.</summary>
    public static ClassWeight Of(IReadOnlyDictionary<double, double> weights)
    {
        Validation.Guard.NotNull(weights, nameof(weights));
        foreach (var kv in weights)
            Validation.Guard.NonNegative(kv.Value, $"weights[{kv.Key.ToString(CultureInfo.InvariantCulture)}]");
        return new ClassWeight(weights.ToDictionary(kv => kv.Key, kv => kv.Value));
    }

    /// <summary>The weight of every class in <paramref name="classes"/> given the (weighted) count of each.</summary>
    public double[] Resolve(IReadOnlyList<double> classes, IReadOnlyList<double> counts)
    {
        var w = new double[classes.Count];
        double total = counts.Sum();
        for (int k = 0; k < classes.Count; k++)
        {
            if (_explicit is null) w[k] = total / (classes.Count * counts[k]);
            else w[k] = _explicit.TryGetValue(classes[k], out var v) ? v : 1.0;
        }
        if (_explicit is not null)
            foreach (var key in _explicit.Keys)
                if (!classes.Contains(key))
                    throw new ArgumentException($"classWeight names label {key.ToString(CultureInfo.InvariantCulture)}, which is not a class of y; classes: {string.Join(", ", classes.Select(c => c.ToString(CultureInfo.InvariantCulture)))}.", "classWeight");
        return w;
    }
}
