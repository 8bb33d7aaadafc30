namespace Workbook.Kernel.Tests;

/// <summary>
/// A theory that needs the real .NET Interactive tool (<c>dotnet-interactive</c>) and Debian's Jupyter. It is skipped only
/// when <c>WORKBOOK_SKIP_DOTNET_INTERACTIVE=1</c>; otherwise a missing tool fails the test with a message saying how to
/// install it (see <see cref="DotnetInteractiveTool"/>).
/// </summary>
public sealed class DotnetInteractiveTheoryAttribute : TheoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public DotnetInteractiveTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("WORKBOOK_SKIP_DOTNET_INTERACTIVE") == "1")
        {
            Skip = "WORKBOOK_SKIP_DOTNET_INTERACTIVE=1";
        }
    }
}
