namespace Workbook.Kernel.Tests;

/// <summary>A theory that needs Debian's Jupyter; skipped only when <c>WORKBOOK_SKIP_JUPYTER=1</c> (see <see cref="JupyterFactAttribute"/>).</summary>
public sealed class JupyterTheoryAttribute : TheoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public JupyterTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("WORKBOOK_SKIP_JUPYTER") == "1")
        {
            Skip = "WORKBOOK_SKIP_JUPYTER=1";
        }
    }
}
