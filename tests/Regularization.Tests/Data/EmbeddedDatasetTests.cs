using Regularization.Data;

namespace Regularization.Tests.Data;

/// <summary>The datasets ship inside the library: loading them reads no file, and they equal the files in data/.</summary>
public class EmbeddedDatasetTests
{
    [Fact]
    public void EveryShippedDatasetIsEmbeddedAndEqualsItsFile()
    {
        var names = typeof(Datasets).Assembly.GetManifestResourceNames();
        foreach (var name in Datasets.Names)
        {
            Assert.Contains($"Regularization.Data.{name}.csv", names);
            var embedded = Datasets.Load(name);
            var file = Datasets.LoadCsv(Path.Combine(RepoPaths.Root(), "data", name + ".csv"), embedded.TargetName, embedded.Extra.Keys.ToArray(), name);
            Assert.Equal(file.X.ToColumnMajorArray(), embedded.X.ToColumnMajorArray());
            Assert.Equal(file.Y.ToArray(), embedded.Y.ToArray());
            Assert.Equal(file.FeatureNames, embedded.FeatureNames);
        }
        Assert.Equal((442, 10), (Datasets.Diabetes().Rows, Datasets.Diabetes().Features));
        Assert.Equal(97, Datasets.Prostate().Extra["train"].Count);
    }

    [Fact]
    public void TheLibraryNeitherWalksTheRepositoryNorReadsTestReferences()
    {
        // the loaders and the teaching code name no repository path: Datasets reads its resources, EslTable33 and LogisticStudy
        // their embedded reference fits
        var src = Path.Combine(RepoPaths.Root(), "src", "Regularization");
        foreach (var f in new[] { "Data/Datasets.cs", "Teaching/EslTable33.cs", "Teaching/LogisticStudy.cs" })
            Assert.DoesNotContain("RepoPaths", File.ReadAllText(Path.Combine(src, f)));
        foreach (var f in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Where(f => !f.EndsWith("RepoPaths.cs")))
            Assert.DoesNotContain("ReferenceFile(", File.ReadAllText(f));
        Assert.Contains("Regularization.Reference.04_esl_table33_prostate.json", typeof(Datasets).Assembly.GetManifestResourceNames());
        Assert.Contains("Regularization.Reference.05_logistic_breast_cancer.json", typeof(Datasets).Assembly.GetManifestResourceNames());
    }
}
