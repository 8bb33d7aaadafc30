using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbook.Cli;

/// <summary>
/// The lines between <c>workbook run</c> and its child (<c>workbook run-worker</c>): on the child's stdout, one
/// JSON object per line after <see cref="Prefix"/> (<c>start</c>, <c>cell</c> with the cell's outputs, <c>log</c>,
/// <c>end</c>; <c>exit</c> and <c>unhandled</c> when a cell takes the process down); other stdout lines are the child's
/// own console text. On its stdin, <see cref="Run"/> lines name the notebooks to run, <see cref="Interrupt"/> stops the
/// running cell.
/// </summary>
internal static class ChildProtocol
{
    /// <summary>Starts every protocol line (a record separator and a tag no cell output line starts with by chance).</summary>
    public const string Prefix = "\u001eworkbook-run-worker ";

    /// <summary>The control line that interrupts the running cell.</summary>
    public const string Interrupt = "interrupt";

    /// <summary>Starts the line that asks the worker to run a notebook (the full path follows).</summary>
    public const string Run = "run ";

    /// <summary>The event of a protocol line, or null for any other line.</summary>
    public static JsonObject? Parse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        try { return JsonNode.Parse(line.AsSpan(Prefix.Length).ToString()) as JsonObject; }
        catch (JsonException) { return null; }
    }

    /// <summary>Writes events to the child's real stdout, one whole line at a time, from any thread.</summary>
    public sealed class Writer(Stream stdout)
    {
        private readonly Lock _gate = new();

        public void Send(JsonObject ev)
        {
            var bytes = Encoding.UTF8.GetBytes("\n" + Prefix + ev.ToJsonString() + "\n");
            lock (_gate)
            {
                try
                {
                    stdout.Write(bytes);
                    stdout.Flush();
                }
                catch (IOException) { } // the parent is gone; nothing to tell
            }
        }
    }
}
