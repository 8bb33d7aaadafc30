using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Regularization.Tests.Traps;

/// <summary>Traps that must fail at compile time: the snippets are compiled against the library as a user would type them.</summary>
public class CompileTrapTests
{
    private static IReadOnlyList<Diagnostic> Compile(string body)
    {
        var src = $$"""
            using MathNet.Numerics.LinearAlgebra;
            using Regularization.Linear;
            static class Probe
            {
                static object Run(Matrix<double> x, Vector<double> y) { {{body}} }
            }
            """;
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var refs = tpa.Select(p => MetadataReference.CreateFromFile(p)).ToList();
        refs.Add(MetadataReference.CreateFromFile(typeof(Regularization.Linear.Lasso).Assembly.Location));
        refs.Add(MetadataReference.CreateFromFile(typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>).Assembly.Location));
        var comp = CSharpCompilation.Create("probe", [CSharpSyntaxTree.ParseText(src)], refs.Distinct(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return comp.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    [Fact]
    public void TheSnippetsCompileWhenCorrect()
    {
        Assert.Empty(Compile("return Lasso.Path(x, y, nAlphas: 10, eps: 1e-3);"));
        Assert.Empty(Compile("return ElasticNet.Path(x, y, 0.5);"));
        Assert.Empty(Compile("return Lasso.AlphaMax(x, y);"));
    }

    [Fact]
    public void LassoPathWithAPositionalDoubleDoesNotCompile()
    {
        // it used to bind to ElasticNet.Path(x, y, l1Ratio: 0.001) and silently return an elastic-net path
        var errors = Compile("return Lasso.Path(x, y, 1e-3);");
        Assert.Contains(errors, d => d.Id == "CS1503");   // cannot convert double to int (nAlphas)
        errors = Compile("return Lasso.AlphaMax(x, y, 0.5);");
        Assert.Contains(errors, d => d.Id == "CS1503");
    }
}
