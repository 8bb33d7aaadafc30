namespace Workbook.Engine.Scripting;

/// <summary>
/// Cooperative interruption of running cells. The engine inserts a call to <see cref="Check"/> at the top of every loop
/// body in cell code, so a runaway <c>while (true)</c> stops on timeout or interrupt and the session survives.
/// Cell code may also call it in long computations. The common path costs one volatile read.
/// </summary>
public static class CellInterrupt
{
    private static readonly AsyncLocal<CancellationToken> s_token = new();
    private static int s_pending;

    /// <summary>Throws <see cref="OperationCanceledException"/> when the running cell has been interrupted or timed out.</summary>
    public static void Check()
    {
        if (Volatile.Read(ref s_pending) != 0) s_token.Value.ThrowIfCancellationRequested();
    }

    internal static CancellationToken Current
    {
        get => s_token.Value;
        set => s_token.Value = value;
    }

    /// <summary>Makes <paramref name="token"/> visible to <see cref="Check"/>; dispose after the cell ends.</summary>
    internal static IDisposable Arm(CancellationToken token) => new Scope(token);

    private sealed class Scope : IDisposable
    {
        private readonly CancellationTokenRegistration _registration;
        private int _fired;

        public Scope(CancellationToken token) =>
            _registration = token.Register(() => { Interlocked.Exchange(ref _fired, 1); Interlocked.Increment(ref s_pending); });

        public void Dispose()
        {
            _registration.Dispose();
            if (Interlocked.Exchange(ref _fired, 0) == 1) Interlocked.Decrement(ref s_pending);
        }
    }
}
