using System.Text;
using Workbook.Engine.Display;
using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Scripting;

/// <summary>The running cell: where its console text and displays go. Flows with the cell's async context.</summary>
internal sealed class CellContext
{
    private static readonly AsyncLocal<CellContext?> s_current = new();
    private readonly Action<NotebookOutput> _emit;
    private readonly DisplayFormatter _formatter;
    private readonly StringBuilder _buffer = new();
    private readonly object _gate = new();
    private string _bufferName = "stdout";
    private readonly List<(string Id, NotebookOutput Output)> _held = [];
    private bool _closed;
    private int _displays;

    public CellContext(int cellNumber, DisplayFormatter formatter, Action<NotebookOutput> emit)
    {
        CellNumber = cellNumber;
        _formatter = formatter;
        _emit = emit;
    }

    public static CellContext? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    public int CellNumber { get; }

    /// <summary>The cell's source.</summary>
    public string? Code { get; set; }

    public void Write(string stream, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        lock (_gate)
        {
            if (_closed) return;
            if (_bufferName != stream) FlushLocked();
            EmitHeldLocked();
            _bufferName = stream;
            _buffer.Append(text);
        }
    }

    /// <summary>Emits buffered stream text (held displays wait for the next other output or the end).</summary>
    public void Flush()
    {
        lock (_gate) FlushLocked(includeHeld: false);
    }

    /// <summary>A display that may still be updated (same value id, e.g. NuGet's progress): emitted, in its last form,
    /// before the next other output or at the end.</summary>
    public void Hold(string id, NotebookOutput output)
    {
        lock (_gate)
        {
            if (_closed) return;
            var i = _held.FindIndex(h => h.Id == id);
            if (i >= 0) _held[i] = (id, output);
            else _held.Add((id, output));
        }
    }

    /// <summary>Replaces a held display (ignored once it was emitted).</summary>
    public void Update(string id, NotebookOutput output)
    {
        lock (_gate)
        {
            var i = _held.FindIndex(h => h.Id == id);
            if (i >= 0) _held[i] = (id, output);
        }
    }

    private void EmitHeldLocked()
    {
        if (_closed) return;
        foreach (var (_, o) in _held) _emit(o);
        _held.Clear();
    }

    private void FlushLocked(bool includeHeld = true)
    {
        if (_closed) return;
        if (includeHeld) EmitHeldLocked();
        if (_buffer.Length == 0) return;
        var text = _buffer.ToString();
        _buffer.Clear();
        _emit(NotebookOutput.Stream(_bufferName, text));
    }

    public void Display(object? value, string[]? mimeTypes = null)
    {
        IReadOnlyDictionary<string, string> bundle;
        lock (_gate)
        {
            if (_closed) return;
            FlushLocked();
            bundle = _formatter.Format(value, CellNumber, ++_displays, mimeTypes);
        }
        Emit(NotebookOutput.Display(bundle));
    }

    public IReadOnlyDictionary<string, string> FormatResult(object? value)
    {
        lock (_gate) return _formatter.Format(value, CellNumber, ++_displays, null);
    }

    public void Emit(NotebookOutput output)
    {
        lock (_gate)
        {
            if (_closed) return;
            FlushLocked();
            _emit(output);
        }
    }

    /// <summary>Emits the engine's own error for the cell even after <see cref="Close"/>: an abandoned cell's timeout or
    /// interrupt error must reach the notebook, while the abandoned thread's own late writes stay out.</summary>
    public void EmitFinal(NotebookOutput error)
    {
        lock (_gate)
        {
            if (!_closed) FlushLocked();
            _emit(error);
        }
    }

    /// <summary>Flushes and stops accepting output (a cell abandoned after a timeout may still write).</summary>
    public void Close()
    {
        lock (_gate)
        {
            FlushLocked();
            _closed = true;
        }
    }
}
