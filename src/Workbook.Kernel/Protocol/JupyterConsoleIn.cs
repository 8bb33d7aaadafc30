namespace Workbook.Kernel.Protocol;

/// <summary>
/// <see cref="Console.In"/> for the kernel process: <c>Console.ReadLine()</c> in a cell asks the front end for a line
/// (Jupyter's input_request), or gives end of input when the front end does not allow stdin.
/// </summary>
internal sealed class JupyterConsoleIn : TextReader
{
    private readonly KernelServer _server;
    private string _buffer = "";
    private int _position;

    public JupyterConsoleIn(KernelServer server) => _server = server;

    public override string? ReadLine()
    {
        if (_position < _buffer.Length)
        {
            var rest = _buffer[_position..].TrimEnd('\n');
            _buffer = "";
            _position = 0;
            return rest;
        }

        return _server.ReadInput("", password: false);
    }

    public override int Peek() => Fill() ? _buffer[_position] : -1;

    public override int Read() => Fill() ? _buffer[_position++] : -1;

    private bool Fill()
    {
        if (_position < _buffer.Length)
        {
            return true;
        }

        var line = _server.ReadInput("", password: false);
        if (line is null)
        {
            return false;
        }

        _buffer = line + "\n";
        _position = 0;
        return true;
    }
}
