using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Workbook.Engine.Kernels;

/// <summary>
/// Builds the engine's kernel: .NET Interactive's <see cref="CompositeKernel"/> with <c>csharp</c> (<see cref="CSharpKernel"/>,
/// <c>#r "nuget: ..."</c> through PackageManagement), <c>html</c>, <c>javascript</c>, <c>markdown</c> and <c>value</c>
/// (<see cref="KeyValueStoreKernel"/>), value sharing (<c>#!set</c>, <c>#!share</c>), <c>#!who</c>/<c>#!whos</c>,
/// <c>#!import</c>, and <c>#!time</c> and <c>#!lsmagic</c> (which .NET Interactive defines in its tool, not in its packages).
/// </summary>
public static class WorkbookKernel
{
    /// <summary>The kernel names, in <c>#!lsmagic</c> order.</summary>
    public static IReadOnlyList<string> KernelNames { get; } = ["csharp", "html", "javascript", "markdown", "value"];

    /// <summary>Creates the composite kernel; <paramref name="onPackages"/> receives the assemblies of restored packages
    /// (it must add them to the C# kernel).</summary>
    public static CompositeKernel Create(Func<CSharpKernel, IReadOnlyList<ResolvedPackageReference>, Task> onPackages)
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective(onPackages, false)
            .UseValueSharing()
            .UseWho();
        var javascript = new JavaScriptKernel(new HeadlessJavaScriptClient()).UseValueSharing().UseHeadlessValueSharing();
        var composite = new CompositeKernel("workbook");
        composite.Add(csharp, ["c#", "C#", "cs"]);
        composite.Add(new HtmlKernel().UseValueSharing());
        composite.Add(javascript, ["js"]);
        composite.Add(new MarkdownKernel(), ["md"]);
        composite.Add(new KeyValueStoreKernel("value", new HttpClient()).UseValueSharing());
        composite.DefaultKernelName = "csharp";
        composite.UseImportMagicCommand();
        AddTime(composite);
        AddLsMagic(composite);
        return composite;
    }

    private static void AddTime(CompositeKernel composite)
    {
        var time = new KernelActionDirective("#!time") { Description = "Time the execution of the rest of the cell (wall time)." };
        composite.AddDirective(time, (_, context) =>
        {
            var sw = Stopwatch.StartNew();
            context.OnComplete(c =>
            {
                var text = string.Create(CultureInfo.InvariantCulture, $"Wall time: {sw.Elapsed.TotalMilliseconds:0.##}ms");
                c.Publish(new DisplayedValueProduced(text, c.Command, [new FormattedValue("text/plain", text)]));
            });
            return Task.CompletedTask;
        });
    }

    private static void AddLsMagic(CompositeKernel composite)
    {
        var lsmagic = new KernelActionDirective("#!lsmagic") { Description = "List the available magic commands." };
        composite.AddDirective(lsmagic, (command, context) =>
        {
            var lines = new List<string>();
            var html = new System.Text.StringBuilder("<div class=\"lsmagic\">");
            foreach (var kernel in new Kernel[] { composite }.Concat(composite.ChildKernels))
            {
                var names = kernel.KernelInfo.SupportedDirectives
                    .Where(d => !d.Hidden)
                    .Select(d => d.Name)
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (names.Count == 0) continue;
                lines.Add($"{kernel.Name}: {string.Join(" ", names)}");
                html.Append("<p><b>").Append(WebUtility.HtmlEncode(kernel.Name)).Append("</b>: <code>")
                    .Append(WebUtility.HtmlEncode(string.Join(" ", names))).Append("</code></p>");
            }
            html.Append("</div>");
            var text = string.Join("\n", lines);
            context.Publish(new DisplayedValueProduced(text, command, [new FormattedValue("text/html", html.ToString()), new FormattedValue("text/plain", text)]));
            return Task.CompletedTask;
        });
    }
}
