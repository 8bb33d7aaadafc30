namespace Workbook.Kernel.Backend;

/// <summary>One output of a running cell, as the protocol layer publishes it on iopub.</summary>
public abstract record KernelOutput;
