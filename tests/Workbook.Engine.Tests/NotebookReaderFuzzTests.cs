using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Workbook.Engine.Html;
using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Tests;

/// <summary>
/// Issue 11: the notebook reader on random mutations of the real notebooks (seeded; at most 1500 mutants and 40 s): every
/// mutant reads (and then serializes, reads back and exports) or gives a <see cref="NotebookFormatException"/> naming the
/// file, never another exception.
/// </summary>
public sealed class NotebookReaderFuzzTests
{
    private const int Seed = 20261204;
    private const int MaxMutants = 1500;
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(40);

    [Fact]
    public void MutatedRealNotebooksReadOrGiveAClearErrorNeverAnUnhandledException()
    {
        var sources = Directory.GetFiles(Path.Combine(TestPaths.Root, "notebooks"), "*.ipynb", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(TestPaths.Notebooks, "*.ipynb")).Order(StringComparer.Ordinal)
            .Select(p => (Name: Path.GetFileName(p), Text: File.ReadAllText(p))).ToList();
        Assert.True(sources.Count >= 7);
        var rng = new Random(Seed);
        var sw = Stopwatch.StartNew();
        int read = 0, rejected = 0, n = 0;
        for (; n < MaxMutants && sw.Elapsed < s_budget; n++)
        {
            var (name, text) = sources[rng.Next(sources.Count)];
            var mutant = rng.Next(3) == 0 ? MutateText(text, rng) : MutateTree(text, rng);
            var label = $"mutant-{n}-of-{name}";
            try
            {
                var nb = NotebookFile.Parse(mutant, label);
                var again = NotebookFile.Parse(NotebookFile.Serialize(nb), label);
                HtmlExporter.ExportPage(again, HtmlExporter.TitleOf(again, label));
                read++;
            }
            catch (NotebookFormatException e)
            {
                Assert.StartsWith(label + ": ", e.Message);
                Assert.False(e.Message.TrimEnd().Contains('\n'), e.Message);
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {Seed}, mutant {n} of {name}: unhandled {e.GetType().Name}: {e.Message}\n{Shorten(mutant)}");
            }
        }
        Assert.True(read > 0 && rejected > 0, $"{n} mutants: {read} read, {rejected} rejected (both kinds expected)");
    }

    /// <summary>Replaces a random node of the JSON tree with a value of another kind, duplicates a key, or drops one.</summary>
    private static string MutateTree(string text, Random rng)
    {
        var root = JsonNode.Parse(text)!;
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[rng.Next(nodes.Count)];
        JsonNode?[] replacements =
        [
            JsonValue.Create(rng.Next(-5, 100)), JsonValue.Create(rng.NextDouble() * 1e9), JsonValue.Create("x"), null,
            JsonValue.Create(true), new JsonArray(JsonValue.Create(1), JsonValue.Create("a")), new JsonObject { ["k"] = 5 },
            new JsonArray(),
        ];
        var replacement = replacements[rng.Next(replacements.Length)];
        switch (target.Parent)
        {
            case JsonObject o:
                var key = o.First(p => ReferenceEquals(p.Value, target)).Key;
                if (rng.Next(5) == 0) o.Remove(key);
                else o[key] = replacement;
                break;
            case JsonArray a:
                var i = a.IndexOf(target);
                if (rng.Next(5) == 0) a.RemoveAt(i);
                else a[i] = replacement;
                break;
            default:
                return "[]";
        }
        var json = root.ToJsonString();
        // one time in six: a duplicate key at the top level
        return rng.Next(6) == 0 ? json.Insert(1, "\"nbformat\": 4, ") : json;
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        into.Add(node);
        if (node is JsonObject o) foreach (var (_, v) in o) { if (v is not null) Collect(v, into); }
        else if (node is JsonArray a) foreach (var v in a) { if (v is not null) Collect(v, into); }
    }

    /// <summary>Deletes, duplicates or inserts characters at random places of the file's text.</summary>
    private static string MutateText(string text, Random rng)
    {
        var sb = new StringBuilder(text);
        for (var k = rng.Next(1, 4); k > 0; k--)
        {
            var at = rng.Next(sb.Length);
            switch (rng.Next(3))
            {
                case 0: sb.Remove(at, Math.Min(sb.Length - at, rng.Next(1, 40))); break;
                case 1: sb.Insert(at, sb.ToString(at, Math.Min(sb.Length - at, rng.Next(1, 40)))); break;
                default: sb.Insert(at, Noise[rng.Next(Noise.Length)]); break;
            }
            if (sb.Length == 0) sb.Append('{');
        }
        return sb.ToString();
    }

    private const string Noise = "{}[]\":,0-9e\\n\u00e9";

    private static string Shorten(string s) => s.Length <= 2000 ? s : s[..2000] + "...";
}
