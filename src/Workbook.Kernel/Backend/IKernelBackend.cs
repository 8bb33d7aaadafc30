namespace Workbook.Kernel.Backend;

/// <summary>
/// What the Jupyter protocol layer needs from a language engine. The kernel speaks the wire protocol; the backend
/// executes code. Positions are UTF-16 offsets into the code (the protocol layer converts Jupyter's code points).
/// </summary>
public interface IKernelBackend : IAsyncDisposable
{
    /// <summary>Short text shown by front ends when the kernel starts.</summary>
    string Banner { get; }

    /// <summary>
    /// Executes one cell. Outputs are reported through <paramref name="onOutput"/> as they happen, in order.
    /// Cancelling <paramref name="cancellationToken"/> is an interrupt: the cell stops, the session state stays.
    /// </summary>
    /// <param name="code">The cell's source.</param>
    /// <param name="executionCount">The execution count the front end shows for the cell (used in error messages).</param>
    /// <param name="onOutput">Receives stream, display and result outputs.</param>
    /// <param name="cancellationToken">Interrupt.</param>
    Task<KernelExecutionResult> ExecuteAsync(string code, int executionCount, Action<KernelOutput> onOutput, CancellationToken cancellationToken);

    /// <summary>Completions at <paramref name="position"/> (UTF-16 offset).</summary>
    Task<KernelCompletions> CompleteAsync(string code, int position, CancellationToken cancellationToken);

    /// <summary>Signature and documentation of the symbol at <paramref name="position"/> (UTF-16 offset).</summary>
    Task<KernelInspection> InspectAsync(string code, int position, int detailLevel, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="code"/> is a complete submission (for consoles deciding to run or continue).</summary>
    Task<KernelCodeCompleteness> IsCompleteAsync(string code, CancellationToken cancellationToken);
}
