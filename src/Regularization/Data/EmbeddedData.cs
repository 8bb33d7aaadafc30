namespace Regularization.Data;

/// <summary>The files compiled into the library (see the csproj): the datasets of <c>data/</c> and the reference fits the teaching code uses.</summary>
internal static class EmbeddedData
{
    /// <summary>The text of the embedded dataset <c>data/&lt;file&gt;</c>.</summary>
    public static string Dataset(string file) => Read("Regularization.Data." + file);

    /// <summary>The text of the embedded reference file <c>tests/reference/&lt;file&gt;</c>.</summary>
    public static string Reference(string file) => Read("Regularization.Reference." + file);

    private static string Read(string name)
    {
        using var s = typeof(EmbeddedData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The library has no embedded resource \"{name}\": it was built without it (see Regularization.csproj).");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
