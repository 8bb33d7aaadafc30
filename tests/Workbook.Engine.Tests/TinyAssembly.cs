using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Workbook.Engine.Tests;

/// <summary>Compiles a tiny class library for the directive tests (an assembly nothing else references).</summary>
internal static class TinyAssembly
{
    public static void Compile(string assemblyName, string source, string dllPath)
    {
        var dir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var refs = new[] { "System.Private.CoreLib.dll", "System.Runtime.dll" }.Select(f => MetadataReference.CreateFromFile(Path.Combine(dir, f)));
        var compilation = CSharpCompilation.Create(assemblyName, [CSharpSyntaxTree.ParseText(source)], refs,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Directory.CreateDirectory(Path.GetDirectoryName(dllPath)!);
        var result = compilation.Emit(dllPath);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }
}
