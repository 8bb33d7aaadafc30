using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Regularization.Validation;

/// <summary>
/// Argument checks shared by every estimator. Each failure names the parameter, the value it had and what is allowed.
/// </summary>
public static class Guard
{
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Throws when <paramref name="value"/> is null.</summary>
    public static T NotNull<T>(T? value, string name) where T : class =>
        value ?? throw new ArgumentNullException(name, $"{name} must not be null.");

    /// <summary>Requires a finite value &gt;= 0.</summary>
    public static double NonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {F(value)} is not allowed: it must be a finite number >= 0.");
        return value;
    }

    /// <summary>Requires a finite value &gt; 0.</summary>
    public static double Positive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {F(value)} is not allowed: it must be a finite number > 0.");
        return value;
    }

    /// <summary>Requires an integer &gt;= <paramref name="min"/>.</summary>
    public static int AtLeast(int value, int min, string name)
    {
        if (value < min)
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} is not allowed: it must be >= {min}.");
        return value;
    }

    /// <summary>Requires lo &lt;= value &lt;= hi (both inclusive) and finite.</summary>
    public static double InClosedRange(double value, double lo, double hi, string name)
    {
        if (!double.IsFinite(value) || value < lo || value > hi)
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {F(value)} is not allowed: it must lie in [{F(lo)}, {F(hi)}].");
        return value;
    }

    /// <summary>Requires lo &lt;= value &lt; hi and finite.</summary>
    public static double InHalfOpenRange(double value, double lo, double hi, string name)
    {
        if (!double.IsFinite(value) || value < lo || value >= hi)
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {F(value)} is not allowed: it must lie in [{F(lo)}, {F(hi)}).");
        return value;
    }

    /// <summary>Requires every entry to be finite (no NaN or infinity).</summary>
    public static void Finite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{name}[{i}] = {F(values[i])} is not allowed: every entry must be finite (no NaN or infinity).", name);
        }
    }

    /// <summary>Requires every entry to be finite (no NaN or infinity).</summary>
    public static void Finite(ReadOnlySpan<float> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                throw new ArgumentException($"{name}[{i}] = {values[i].ToString("R", CultureInfo.InvariantCulture)} is not allowed: every entry must be finite (no NaN or infinity).", name);
        }
    }

    /// <summary>Requires a non-empty matrix with finite entries.</summary>
    public static void Design(Matrix<double> x, string name = "x") => Design(x, name, forSums: false);

    /// <summary>
    /// Requires a non-empty matrix with finite entries; with <paramref name="forSums"/> also entries small enough that the sums of
    /// squares and cross products a solver forms (Gram matrix, <c>X^T y</c>, variances) cannot overflow: <c>|x_ij| &lt;=</c>
    /// <see cref="SumsLimit"/>(n).
    /// </summary>
    internal static void Design(Matrix<double> x, string name, bool forSums)
    {
        NotNull(x, name);
        if (x.RowCount == 0 || x.ColumnCount == 0)
            throw new ArgumentException($"{name} has shape ({x.RowCount}, {x.ColumnCount}): empty data is not allowed; it needs at least one row and one column.", name);
        int n = x.RowCount;
        double scale = forSums ? SumsScale(n) : 0;
        if (x.Storage is MathNet.Numerics.LinearAlgebra.Storage.DenseColumnMajorMatrixStorage<double> dense)
        {
            var data = dense.Data.AsSpan(0, x.RowCount * x.ColumnCount);
            int k = FirstOutOfRange(data, scale);
            if (k >= 0) throw BadEntry(name, $"[{k % n}, {k / n}]", data[k], n);
            return;
        }
        for (int j = 0; j < x.ColumnCount; j++)
            for (int i = 0; i < n; i++)
                if (!double.IsFinite(x[i, j] * scale * x[i, j] * scale) || !double.IsFinite(x[i, j]))
                    throw BadEntry(name, $"[{i}, {j}]", x[i, j], n);
    }

    /// <summary>
    /// The largest magnitude an entry of an n-row design or target may have for the solvers' sums of n squares to stay finite:
    /// <c>sqrt(double.MaxValue) / (2 sqrt(n))</c> (about 6.7e153 / sqrt(n)).
    /// </summary>
    public static double SumsLimit(int n) => Math.Sqrt(double.MaxValue) / SumsScale(n);

    private static double SumsScale(int n) => 2 * Math.Sqrt(Math.Max(1, n));

    private static ArgumentException BadEntry(string name, string index, double v, int n) => double.IsFinite(v)
        ? new ArgumentException($"{name}{index} = {F(v)} is too large: with {n} rows, sums of squares overflow double beyond |value| = {SumsLimit(n):G3}; rescale {name} (for example standardize it) before fitting.", name)
        : new ArgumentException($"{name}{index} = {F(v)} is not allowed: every entry must be finite (no NaN or infinity).", name);

    /// <summary>Index of the first entry that is not finite or whose square, times <paramref name="scale"/>^2, overflows; or -1.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static int FirstOutOfRange(ReadOnlySpan<double> data, double scale)
    {
        if (scale == 0) return FirstNonFinite(data);
        const int block = 4096;
        var s = new System.Numerics.Vector<double>(scale);
        for (int start = 0; start < data.Length; start += block)
        {
            var chunk = data.Slice(start, Math.Min(block, data.Length - start));
            var vecs = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(chunk);
            var acc = System.Numerics.Vector<double>.Zero;
            foreach (var v in vecs) { var t = v * s; acc += t * t * System.Numerics.Vector<double>.Zero; }
            bool clean = double.IsFinite(System.Numerics.Vector.Sum(acc));
            for (int i = vecs.Length * System.Numerics.Vector<double>.Count; i < chunk.Length && clean; i++) clean = double.IsFinite(chunk[i] * scale * chunk[i] * scale);
            if (clean) continue;
            for (int i = 0; i < chunk.Length; i++) if (!double.IsFinite(chunk[i] * scale * chunk[i] * scale) || !double.IsFinite(chunk[i])) return start + i;
        }
        return -1;
    }

    /// <summary>
    /// Index of the first NaN or infinity in <paramref name="data"/>, or -1. Vectorized: <c>0 · v</c> is 0 for finite v and NaN
    /// otherwise, so one accumulator per block finds whether a block needs the scalar search.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static int FirstNonFinite(ReadOnlySpan<double> data)
    {
        const int block = 4096;
        for (int start = 0; start < data.Length; start += block)
        {
            var chunk = data.Slice(start, Math.Min(block, data.Length - start));
            var vecs = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(chunk);
            var acc = System.Numerics.Vector<double>.Zero;
            foreach (var v in vecs) acc += v * System.Numerics.Vector<double>.Zero;
            bool clean = double.IsFinite(System.Numerics.Vector.Sum(acc));
            for (int i = vecs.Length * System.Numerics.Vector<double>.Count; i < chunk.Length && clean; i++) clean = double.IsFinite(chunk[i]);
            if (clean) continue;
            for (int i = 0; i < chunk.Length; i++) if (!double.IsFinite(chunk[i])) return start + i;
        }
        return -1;
    }

    /// <summary>Requires a finite vector of length <paramref name="expectedLength"/> (the rows of the design matrix).</summary>
    public static void Target(Vector<double> y, int expectedLength, string name = "y", string against = "x.RowCount") =>
        Target(y, expectedLength, name, against, forSums: false);

    /// <summary>As <see cref="Target(Vector{double}, int, string, string)"/>; with <paramref name="forSums"/> also <c>|y_i| &lt;=</c> <see cref="SumsLimit"/>(n).</summary>
    internal static void Target(Vector<double> y, int expectedLength, string name, string against, bool forSums)
    {
        NotNull(y, name);
        if (y.Count != expectedLength)
            throw new ArgumentException($"{name} has length {y.Count} but {against} is {expectedLength}: the shapes must match.", name);
        if (y.Count == 0)
            throw new ArgumentException($"{name} is empty: empty data is not allowed.", name);
        var data = y.Storage is MathNet.Numerics.LinearAlgebra.Storage.DenseVectorStorage<double> dv ? dv.Data.AsSpan(0, y.Count) : y.ToArray();
        int k = FirstOutOfRange(data, forSums ? SumsScale(y.Count) : 0);
        if (k >= 0) throw BadEntry(name, $"[{k}]", data[k], y.Count);
    }

    /// <summary>Requires a defined value of the enum <typeparamref name="T"/> (a cast such as <c>(MultiClass)42</c> is rejected).</summary>
    public static T Defined<T>(T value, string name) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new ArgumentOutOfRangeException(name, value,
                $"{name} = {value} is not allowed: it is not a defined {typeof(T).Name}; use one of {string.Join(", ", Enum.GetNames<T>())}.");
        return value;
    }

    /// <summary>Requires lo &lt; value &lt; hi (both exclusive) and finite.</summary>
    public static double InOpenRange(double value, double lo, double hi, string name)
    {
        if (!double.IsFinite(value) || value <= lo || value >= hi)
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {F(value)} is not allowed: it must lie in ({F(lo)}, {F(hi)}), both ends excluded.");
        return value;
    }

    /// <summary>Requires a span of at least <paramref name="min"/> entries (for the span kernels).</summary>
    public static void SpanLength(int actual, long min, string name, string what)
    {
        if (actual < min)
            throw new ArgumentException($"{name} has length {actual} but {what} needs at least {min}.", name);
    }

    /// <summary>Requires <paramref name="actual"/> == <paramref name="expected"/> for a length or count.</summary>
    public static void SameLength(int actual, int expected, string name, string against)
    {
        if (actual != expected)
            throw new ArgumentException($"{name} has length {actual} but {against} is {expected}: the shapes must match.", name);
    }

    /// <summary>Sample weights: finite, non-negative, with a positive sum, of the right length.</summary>
    public static void SampleWeights(Vector<double>? w, int n, string name = "sampleWeight")
    {
        if (w is null) return;
        SameLength(w.Count, n, name, "x.RowCount");
        double s = 0;
        for (int i = 0; i < w.Count; i++)
        {
            if (!double.IsFinite(w[i]) || w[i] < 0)
                throw new ArgumentOutOfRangeException(name, w[i], $"{name}[{i}] = {F(w[i])} is not allowed: sample weights must be finite and >= 0.");
            s += w[i];
        }
        if (s <= 0)
            throw new ArgumentException($"{name} sums to {F(s)}: at least one sample weight must be > 0.", name);
    }
}
