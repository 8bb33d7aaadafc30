using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Regularization.Data;

/// <summary>
/// Loads the workbook's datasets (diabetes, prostate, breast_cancer, digits, wine), which are embedded in the library (as
/// scikit-learn ships its small datasets), so they load from any directory, outside a clone too; the environment variable
/// <c>WORKBOOK_DATA</c> points at a folder of CSV files to use instead. <see cref="LoadCsv"/> reads any comma-separated file with one header row.
/// </summary>
public static class Datasets
{
    /// <summary>The dataset names shipped in the library (the files of <c>data/</c>).</summary>
    public static readonly IReadOnlyList<string> Names = ["diabetes", "prostate", "breast_cancer", "digits", "wine"];

    private static readonly Dictionary<string, (string Target, string[] Extra)> Layout = new()
    {
        ["diabetes"] = ("target", []),
        ["prostate"] = ("lpsa", ["train"]),
        ["breast_cancer"] = ("target", []),
        ["digits"] = ("target", []),
        ["wine"] = ("target", []),
    };

    /// <summary>Loads a shipped dataset by name (raw values, not standardized).</summary>
    public static Dataset Load(string name)
    {
        if (!Layout.TryGetValue(name, out var layout))
            throw new ArgumentException($"name = \"{name}\" is not a shipped dataset; allowed: {string.Join(", ", Names)}.", nameof(name));
        var folder = Environment.GetEnvironmentVariable("WORKBOOK_DATA");
        if (!string.IsNullOrEmpty(folder)) return LoadCsv(Path.Combine(folder, name + ".csv"), layout.Target, layout.Extra, name);
        return Parse(EmbeddedData.Dataset(name + ".csv").Split('\n'), name + ".csv (embedded)", layout.Target, layout.Extra, name);
    }

    /// <summary>Diabetes (Efron et al. 2004): 442 x 10, regression.</summary>
    public static Dataset Diabetes() => Load("diabetes");

    /// <summary>Prostate (Stamey et al. 1989, as in ESL): 97 x 8, regression on lpsa; <c>Extra["train"]</c> marks ESL's training rows.</summary>
    public static Dataset Prostate() => Load("prostate");

    /// <summary>Wisconsin diagnostic breast cancer: 569 x 30, target 1 = benign.</summary>
    public static Dataset BreastCancer() => Load("breast_cancer");

    /// <summary>UCI digits (8x8): 1797 x 64, ten classes.</summary>
    public static Dataset Digits() => Load("digits");

    /// <summary>UCI wine: 178 x 13, three classes.</summary>
    public static Dataset Wine() => Load("wine");

    /// <summary>Reads a CSV with one header row, invariant culture, no quoting.</summary>
    /// <param name="path">File path.</param>
    /// <param name="target">Name of the target column.</param>
    /// <param name="extra">Columns kept aside (neither feature nor target).</param>
    /// <param name="name">Dataset name; defaults to the file name.</param>
    public static Dataset LoadCsv(string path, string target, IReadOnlyCollection<string>? extra = null, string? name = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"path = \"{path}\" does not exist.", path);
        return Parse(File.ReadAllLines(path), path, target, extra ?? [], name ?? Path.GetFileNameWithoutExtension(path));
    }

    private static Dataset Parse(IEnumerable<string> allLines, string path, string target, IReadOnlyCollection<string> extra, string name)
    {
        var lines = allLines.Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        if (lines.Length < 2)
            throw new InvalidDataException($"{path}: a header row and at least one data row are required; found {lines.Length} line(s).");
        var header = lines[0].Split(',');
        int t = Array.IndexOf(header, target);
        if (t < 0)
            throw new ArgumentException($"target = \"{target}\" is not a column of {path}; columns: {string.Join(", ", header)}.", nameof(target));
        var featureIdx = Enumerable.Range(0, header.Length).Where(j => j != t && !extra.Contains(header[j])).ToArray();
        int n = lines.Length - 1;
        var x = Matrix<double>.Build.Dense(n, featureIdx.Length);
        var y = Vector<double>.Build.Dense(n);
        var ex = extra.ToDictionary(e => e, _ => Vector<double>.Build.Dense(n));
        for (int i = 0; i < n; i++)
        {
            var cells = lines[i + 1].Split(',');
            if (cells.Length != header.Length)
                throw new InvalidDataException($"{path}, line {i + 2}: {cells.Length} fields, but the header has {header.Length}.");
            double Parse(int j) =>
                double.TryParse(cells[j], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                    ? v
                    : throw new InvalidDataException($"{path}, line {i + 2}, column {header[j]}: \"{cells[j]}\" is not a number.");
            for (int k = 0; k < featureIdx.Length; k++) x[i, k] = Parse(featureIdx[k]);
            y[i] = Parse(t);
            foreach (var e in extra) ex[e][i] = Parse(Array.IndexOf(header, e));
        }
        return new Dataset(name, x, y,
            featureIdx.Select(j => header[j]).ToArray(), target, ex);
    }
}
