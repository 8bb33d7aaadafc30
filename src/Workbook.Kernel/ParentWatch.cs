namespace Workbook.Kernel;

/// <summary>
/// Stops the kernel when the process that started it dies (its parent changes), so a crashed or killed Jupyter
/// client leaves no kernel behind. Linux only (reads <c>/proc/self/stat</c>); elsewhere it does nothing.
/// </summary>
internal static class ParentWatch
{
    /// <summary>Polls the parent pid every <paramref name="period"/> and calls <paramref name="onOrphaned"/> once.</summary>
    public static async Task RunAsync(TimeSpan period, Action onOrphaned, CancellationToken cancellationToken)
    {
        var original = ParentPid();
        if (original is null or <= 1)
        {
            return;
        }

        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (ParentPid() is { } now && now != original)
                {
                    onOrphaned();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The parent process id from <c>/proc/self/stat</c>, or null when unavailable.</summary>
    internal static int? ParentPid()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            // "pid (comm) state ppid ...": comm may contain spaces and parentheses, so split after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
