using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive.Formatting;

namespace Workbook.Charts;

/// <summary>
/// Makes Plotly.NET charts work and render as charts in any .NET Interactive host; the notebooks' opening cell calls
/// <see cref="Register"/> right after loading this assembly, before any chart is built.
/// </summary>
/// <remarks>
/// Two things, each done once per process:
/// <list type="number">
/// <item>An <see cref="AssemblyLoadContext.Resolving"/> handler that answers a request for FSharp.Core with the FSharp.Core
/// the process already loaded. Plotly.NET 6 is built against FSharp.Core 10.1, while the .NET Interactive tool
/// (<c>dotnet-interactive</c> 1.0.712001) ships 10.0.0.0; without the handler its first chart fails with
/// "Could not load file or assembly 'FSharp.Core, Version=10.1.0.0'". The handler only runs when normal binding failed.</item>
/// <item>A text/html formatter for <see cref="Plotly.NET.GenericChart"/> (<see cref="ChartHtml"/>: plotly.js inlined with
/// the first chart of the process, offline, element ids unique per process), instead of the tool's object tree. Skipped
/// inside the workbook's own engine, which formats charts itself, deterministically.</item>
/// <item>Likewise a text/html formatter for the workbook library's result types that render themselves
/// (a public <c>string ToHtml()</c>, e.g. the exercises' feedback), as the engine shows them.</item>
/// </list>
/// </remarks>
public static class ChartDisplay
{
    private static int s_registered;
    private static int s_charts;
    private static bool s_plotlyIncluded;
    private static readonly object s_gate = new();
    private static readonly string s_processToken = Guid.NewGuid().ToString("N")[..8];

    /// <summary>Registers the FSharp.Core redirect and, outside the workbook engine, the chart formatter. Idempotent.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += ResolveFSharpCore;
        if (AssemblyLoadContext.GetLoadContext(typeof(ChartDisplay).Assembly) is { } own && own != AssemblyLoadContext.Default)
            own.Resolving += ResolveFSharpCore;
        if (!InsideWorkbookEngine()) RegisterFormatter();
    }

    /// <summary>The FSharp.Core already loaded in the process, for a request of FSharp.Core that binding could not satisfy.</summary>
    internal static Assembly? ResolveFSharpCore(AssemblyLoadContext context, AssemblyName name)
    {
        if (!string.Equals(name.Name, "FSharp.Core", StringComparison.Ordinal)) return null;
        return context.Assemblies.Concat(AssemblyLoadContext.Default.Assemblies)
            .FirstOrDefault(a => string.Equals(a.GetName().Name, "FSharp.Core", StringComparison.Ordinal));
    }

    /// <summary>Whether this process hosts the workbook engine (<c>workbook run</c>, the workbook kernel, the tests).</summary>
    internal static bool InsideWorkbookEngine() =>
        AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Workbook.Engine");

    // Kept out of Register so that Register's own code needs no FSharp.Core (the handler is in place before this is compiled).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterFormatter()
    {
        Formatter.Register<Plotly.NET.GenericChart>((chart, writer) => writer.Write(Html(chart)), "text/html");
        Formatter.SetPreferredMimeTypesFor(typeof(Plotly.NET.GenericChart), "text/html");
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) => RegisterSelfRendering(e.LoadedAssembly);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies()) RegisterSelfRendering(assembly);
    }

    /// <summary>The assembly whose types with a public <c>string ToHtml()</c> get a text/html formatter.</summary>
    internal const string LibraryAssembly = "Regularization";

    private static void RegisterSelfRendering(Assembly assembly)
    {
        if (assembly.GetName().Name != LibraryAssembly) return;
        foreach (var type in assembly.GetExportedTypes().Where(t => t is { IsClass: true, IsAbstract: false } || t.IsValueType))
        {
            if (type.GetMethod("ToHtml", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not { } toHtml || toHtml.ReturnType != typeof(string)) continue;
            Formatter.Register(type, (value, writer) => writer.Write((string?)toHtml.Invoke(value, null)), "text/html");
            Formatter.SetPreferredMimeTypesFor(type, "text/html");
        }
    }

    /// <summary>The text/html of <paramref name="chart"/> in this process: plotly.js inlined with the first one.</summary>
    internal static string Html(Plotly.NET.GenericChart chart)
    {
        var json = Plotly.NET.GenericChart.toJson(chart);
        bool include;
        lock (s_gate)
        {
            include = !s_plotlyIncluded;
            s_plotlyIncluded = true;
        }
        return ChartHtml.Chart(json, $"wb-{s_processToken}-{Interlocked.Increment(ref s_charts)}", include);
    }
}
