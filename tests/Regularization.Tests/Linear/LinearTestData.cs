using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;

namespace Regularization.Tests.Linear;

/// <summary>Reference JSON access and the standardized diabetes / prostate designs the reference cases use.</summary>
internal static class LinearTestData
{
    private static readonly Dictionary<string, JsonElement> Cache = new();

    public static JsonElement Ref(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var e))
            {
                e = JsonDocument.Parse(File.ReadAllText(RepoPaths.ReferenceFile(file))).RootElement;
                Cache[file] = e;
            }
            return e;
        }
    }

    public static double[] Vec(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static double[][] Mat(JsonElement e) => e.EnumerateArray().Select(Vec).ToArray();

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private static (Matrix<double> X, Vector<double> Y)? _diabetes;

    /// <summary>Diabetes with X standardized (ddof 0) and y centered over all 442 rows (cases 01-03).</summary>
    public static (Matrix<double> X, Vector<double> Y) DiabetesStandardized()
    {
        if (_diabetes is { } d) return d;
        var ds = Datasets.Diabetes();
        var (_, z) = Standardizer.FitTransform(ds.X);
        var y = ds.Y - ds.Y.Average();
        _diabetes = (z, y);
        return (z, y);
    }

    public static void AssertClose(double expected, double actual, double tol, string what)
    {
        if (!(Math.Abs(expected - actual) <= tol))
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R}, |diff| = {Math.Abs(expected - actual):G3} > {tol:G3}");
    }

    public static double MaxAbs(IEnumerable<double> v) => v.Select(Math.Abs).DefaultIfEmpty(0).Max();
}
