using System.Globalization;
using System.Net;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;

namespace Workbook.Engine.Display;

/// <summary>
/// Compact text/plain and text/html formatters for MathNet.Numerics <c>Vector&lt;double&gt;</c> and <c>Matrix&lt;double&gt;</c>,
/// registered with <see cref="Formatter"/> (long vectors and large matrices are elided in the middle).
/// </summary>
public static class MathNetFormatters
{
    private static int s_registered;

    /// <summary>Largest number of vector entries shown in full.</summary>
    public const int MaxVectorEntries = 20;

    /// <summary>Largest number of matrix rows shown in full.</summary>
    public const int MaxRows = 16;

    /// <summary>Largest number of matrix columns shown in full.</summary>
    public const int MaxColumns = 10;

    /// <summary>Registers the formatters (idempotent).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 1) return;
        Formatter.Register<Vector<double>>((v, w) => w.Write(VectorHtml(v)), "text/html");
        Formatter.Register<Vector<double>>((v, w) => w.Write(VectorText(v)), "text/plain");
        Formatter.Register<Matrix<double>>((m, w) => w.Write(MatrixHtml(m)), "text/html");
        Formatter.Register<Matrix<double>>((m, w) => w.Write(MatrixText(m)), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(Vector<double>), "text/html", "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(Matrix<double>), "text/html", "text/plain");
    }

    /// <summary>A number as shown in tables: 6 significant digits, invariant culture.</summary>
    public static string Num(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    private static IEnumerable<int?> Shown(int n, int max)
    {
        if (n <= max) { for (var i = 0; i < n; i++) yield return i; yield break; }
        var head = max * 2 / 3;
        var tail = max - head - 1;
        for (var i = 0; i < head; i++) yield return i;
        yield return null;
        for (var i = n - tail; i < n; i++) yield return i;
    }

    /// <summary>One-line text: <c>Vector[5] [1, 2.5, ...]</c>.</summary>
    public static string VectorText(Vector<double> v) =>
        $"Vector[{v.Count}] [{string.Join(", ", Shown(v.Count, MaxVectorEntries).Select(i => i is int k ? Num(v[k]) : "..."))}]";

    /// <summary>An HTML table with the entry index as header row.</summary>
    public static string VectorHtml(Vector<double> v)
    {
        var idx = Shown(v.Count, MaxVectorEntries).ToList();
        var sb = new StringBuilder($"<table class=\"workbook-vector\"><caption>Vector[{v.Count}]</caption><thead><tr>");
        foreach (var i in idx) sb.Append("<th>").Append(i is int k ? k.ToString(CultureInfo.InvariantCulture) : "…").Append("</th>");
        sb.Append("</tr></thead><tbody><tr>");
        foreach (var i in idx) sb.Append("<td>").Append(i is int k ? WebUtility.HtmlEncode(Num(v[k])) : "…").Append("</td>");
        return sb.Append("</tr></tbody></table>").ToString();
    }

    /// <summary>Text with aligned columns, elided in the middle when large.</summary>
    public static string MatrixText(Matrix<double> m)
    {
        var rows = Shown(m.RowCount, MaxRows).ToList();
        var cols = Shown(m.ColumnCount, MaxColumns).ToList();
        var cells = rows.Select(r => cols.Select(c => r is int i && c is int j ? Num(m[i, j]) : "...").ToArray()).ToList();
        var widths = cols.Select((_, j) => cells.Max(row => row[j].Length)).ToArray();
        var sb = new StringBuilder($"Matrix[{m.RowCount}x{m.ColumnCount}]");
        foreach (var row in cells)
            sb.Append('\n').Append(string.Join("  ", row.Select((s, j) => s.PadLeft(widths[j]))));
        return sb.ToString();
    }

    /// <summary>An HTML table with row and column indices.</summary>
    public static string MatrixHtml(Matrix<double> m)
    {
        var rows = Shown(m.RowCount, MaxRows).ToList();
        var cols = Shown(m.ColumnCount, MaxColumns).ToList();
        var sb = new StringBuilder($"<table class=\"workbook-matrix\"><caption>Matrix[{m.RowCount}×{m.ColumnCount}]</caption><thead><tr><th></th>");
        foreach (var c in cols) sb.Append("<th>").Append(c is int j ? j.ToString(CultureInfo.InvariantCulture) : "…").Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var r in rows)
        {
            sb.Append("<tr><th>").Append(r is int i0 ? i0.ToString(CultureInfo.InvariantCulture) : "…").Append("</th>");
            foreach (var c in cols)
                sb.Append("<td>").Append(r is int i && c is int j ? WebUtility.HtmlEncode(Num(m[i, j])) : "…").Append("</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }
}
