using Workbook.Kernel.Backend;

namespace Workbook.Kernel.Engine;

/// <summary>Adapter from the workbook engine's session to <see cref="IKernelBackend"/> (pending the engine's session API).</summary>
internal static class EngineBackend
{
    public static IKernelBackend Create() =>
        throw new NotSupportedException("The workbook engine's session API is not available yet.");
}
