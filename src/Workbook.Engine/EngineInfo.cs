namespace Workbook.Engine;

/// <summary>Placeholder until the notebook engine lands (issue 3).</summary>
public static class EngineInfo
{
    /// <summary>The engine's name.</summary>
    public const string Name = "Workbook.Engine";
}
