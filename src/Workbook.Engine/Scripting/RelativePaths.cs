using System.Text.RegularExpressions;

namespace Workbook.Engine.Scripting;

/// <summary>
/// Makes the relative paths of <c>#r "x.dll"</c> and <c>#i "nuget: ./feed"</c> absolute against the notebook's folder
/// (as Jupyter and Polyglot Notebooks resolve them), line for line, so line numbers do not move.
/// </summary>
internal static partial class RelativePaths
{
    public static string Resolve(string code, string baseDirectory)
    {
        if (!code.Contains("#r", StringComparison.Ordinal) && !code.Contains("#i", StringComparison.Ordinal)) return code;
        var lines = code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var dll = Dll().Match(lines[i]);
            if (dll.Success && !Path.IsPathRooted(dll.Groups[2].Value))
                lines[i] = dll.Groups[1].Value + Path.GetFullPath(Path.Combine(baseDirectory, dll.Groups[2].Value)) + lines[i][dll.Groups[3].Index..];
            var source = Source().Match(lines[i]);
            var s = source.Groups[2].Value;
            if (source.Success && !Path.IsPathRooted(s) && !s.Contains("://", StringComparison.Ordinal))
                lines[i] = source.Groups[1].Value + Path.GetFullPath(Path.Combine(baseDirectory, s)) + lines[i][source.Groups[3].Index..];
        }
        return string.Join('\n', lines);
    }

    [GeneratedRegex("^(\\s*#r\\s+\")(?!nuget:)([^\"]+)(\")")]
    private static partial Regex Dll();

    [GeneratedRegex("^(\\s*#i\\s+\"nuget:\\s*)([^\"]+)(\")")]
    private static partial Regex Source();
}
