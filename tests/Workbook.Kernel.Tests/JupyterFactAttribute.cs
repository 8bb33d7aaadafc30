namespace Workbook.Kernel.Tests;

/// <summary>
/// A fact that needs Debian's Jupyter (<c>/usr/bin/python3</c> with jupyter_client). It is skipped only when
/// <c>WORKBOOK_SKIP_JUPYTER=1</c>; otherwise a missing Jupyter fails the test with a message saying what to install.
/// </summary>
public sealed class JupyterFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    public JupyterFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("WORKBOOK_SKIP_JUPYTER") == "1")
        {
            Skip = "WORKBOOK_SKIP_JUPYTER=1";
        }
    }
}
