using System.Text;
using System.Text.RegularExpressions;

namespace Workbook.Engine.Scripting;

/// <summary>A <c>#r "nuget: Id, Version"</c> request.</summary>
/// <param name="Id">The package id.</param>
/// <param name="Version">The version or range, or null for the latest.</param>
internal sealed record PackageRequest(string Id, string? Version);

/// <summary>The directives of one cell, and its code with each directive line blanked (line numbers unchanged).</summary>
internal sealed record Directives(string Code, IReadOnlyList<PackageRequest> Packages, IReadOnlyList<string> Sources,
    IReadOnlyList<(string Path, int Line)> Dlls, IReadOnlyList<(string Message, int Line)> Errors)
{
    private static readonly Regex s_quoted = new("^\"(?<v>[^\"]*)\"\\s*(//.*)?$", RegexOptions.Compiled);

    /// <summary>Parses the directives .NET Interactive notebooks use: <c>#r "nuget: Id, Version"</c>, <c>#r "path.dll"</c>,
    /// <c>#i "nuget: source"</c>, and a leading <c>#!csharp</c>. Relative paths resolve against <paramref name="baseDir"/>.</summary>
    public static Directives Parse(string code, string baseDir)
    {
        var packages = new List<PackageRequest>();
        var sources = new List<string>();
        var dlls = new List<(string, int)>();
        var errors = new List<(string, int)>();
        var sb = new StringBuilder(code.Length);
        var lines = code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            var line = raw.TrimEnd('\r').Trim();
            var directive = true;
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                var magic = line[2..].Trim();
                if (magic is not ("csharp" or "c#" or "C#"))
                    errors.Add(($"the magic command \"{line}\" is not supported by this engine (only C# cells and #r/#i directives)", i + 1));
            }
            else if (line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#i ", StringComparison.Ordinal))
            {
                var m = s_quoted.Match(line[3..].Trim());
                if (!m.Success)
                {
                    errors.Add(($"malformed directive {line}: expected {line[..2]} \"...\"", i + 1));
                }
                else
                {
                    var value = m.Groups["v"].Value.Trim();
                    var isNuget = value.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase);
                    var arg = isNuget ? value[6..].Trim() : value;
                    if (line[1] == 'i')
                    {
                        if (!isNuget) errors.Add(($"#i supports only \"nuget: <source>\", found \"{value}\"", i + 1));
                        else sources.Add(IsUrl(arg) ? arg : Path.GetFullPath(Path.Combine(baseDir, arg)));
                    }
                    else if (isNuget)
                    {
                        var parts = arg.Split(',', 2, StringSplitOptions.TrimEntries);
                        if (parts[0].Length == 0) errors.Add(("#r \"nuget:\" needs a package id: #r \"nuget: Id, Version\"", i + 1));
                        else packages.Add(new PackageRequest(parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null));
                    }
                    else
                    {
                        dlls.Add((Path.GetFullPath(Path.Combine(baseDir, arg)), i + 1));
                    }
                }
            }
            else
            {
                directive = false;
            }
            if (!directive) sb.Append(raw);
            else if (raw.EndsWith('\r')) sb.Append('\r');
            if (i < lines.Length - 1) sb.Append('\n');
        }
        return new Directives(sb.ToString(), packages, sources, dlls, errors);
    }

    private static bool IsUrl(string s) => s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
