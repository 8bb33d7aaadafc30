namespace Workbook.Kernel.Backend;

/// <summary>The end of one cell's execution.</summary>
/// <param name="Status">Ok, error or interrupted.</param>
/// <param name="Error">The error output when <paramref name="Status"/> is not <see cref="KernelExecutionStatus.Ok"/>.</param>
public sealed record KernelExecutionResult(KernelExecutionStatus Status, KernelError? Error = null)
{
    /// <summary>A successful execution.</summary>
    public static KernelExecutionResult Ok { get; } = new(KernelExecutionStatus.Ok);
}
