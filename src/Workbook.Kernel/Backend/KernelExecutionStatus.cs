namespace Workbook.Kernel.Backend;

/// <summary>How a cell execution ended.</summary>
public enum KernelExecutionStatus
{
    /// <summary>The cell ran to completion.</summary>
    Ok,

    /// <summary>The cell failed to compile or threw; see <see cref="KernelExecutionResult.Error"/>.</summary>
    Error,

    /// <summary>The cell was interrupted (cancelled); the session is intact.</summary>
    Interrupted,
}
