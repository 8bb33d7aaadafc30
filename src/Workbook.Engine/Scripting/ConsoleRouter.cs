using System.Text;

namespace Workbook.Engine.Scripting;

/// <summary>
/// Replaces <see cref="Console.Out"/> and <see cref="Console.Error"/> once per process with writers that send text to the
/// running cell (found through its async context), and to the original console otherwise, so concurrent sessions and the
/// host's own console output do not mix.
/// </summary>
internal sealed class ConsoleRouter : TextWriter
{
    private static readonly object s_gate = new();
    private static bool s_installed;
    private readonly TextWriter _fallback;
    private readonly string _stream;

    private ConsoleRouter(TextWriter fallback, string stream)
    {
        _fallback = fallback;
        _stream = stream;
    }

    public override Encoding Encoding => Encoding.UTF8;

    public static void Install()
    {
        lock (s_gate)
        {
            if (s_installed) return;
            Console.SetOut(new ConsoleRouter(Console.Out, "stdout"));
            Console.SetError(new ConsoleRouter(Console.Error, "stderr"));
            s_installed = true;
        }
    }

    public override void Write(char value)
    {
        if (CellContext.Current is { } c) c.Write(_stream, value.ToString());
        else _fallback.Write(value);
    }

    public override void Write(string? value)
    {
        if (CellContext.Current is { } c) c.Write(_stream, value);
        else _fallback.Write(value);
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write(value + "\n");

    public override void WriteLine() => Write("\n");

    public override void Flush()
    {
        if (CellContext.Current is null) _fallback.Flush();
    }
}
