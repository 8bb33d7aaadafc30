using System.Text.Json;
using Regularization.Data;

namespace Regularization.Tests.Optim;

/// <summary>Reader for tests/reference/06_optimizer_trajectories.json.</summary>
internal static class Reference06
{
    private static readonly Lazy<JsonDocument> Doc = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.ReferenceFile("06_optimizer_trajectories.json"))));

    public static JsonElement Root => Doc.Value.RootElement;

    public static double[] Vec(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    public static double[][] Mat(JsonElement e) => e.EnumerateArray().Select(Vec).ToArray();

    public static double[] W0 => Vec(Root.GetProperty("inputs").GetProperty("w0"));
    public static double[] B0 => Vec(Root.GetProperty("inputs").GetProperty("b0"));
    public static double[][] GradsW => Mat(Root.GetProperty("inputs").GetProperty("grads_w"));
    public static double[][] GradsB => Mat(Root.GetProperty("inputs").GetProperty("grads_b"));

    public static JsonElement Case(string section, string name) =>
        Root.GetProperty("outputs").GetProperty(section).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static IEnumerable<object[]> Names(string section) =>
        Root.GetProperty("outputs").GetProperty(section).EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });
}
