namespace Workbook.Kernel.Protocol;

/// <summary>The Jupyter sockets.</summary>
internal enum KernelChannel
{
    Shell,
    Control,
    Stdin,
    IOPub,
}
