namespace Workbook.Kernel.Protocol;

/// <summary>Jupyter cursor positions count Unicode code points; .NET strings count UTF-16 units.</summary>
internal static class CodePoints
{
    /// <summary>UTF-16 offset of code point <paramref name="codePoint"/> (clamped to the text).</summary>
    public static int ToUtf16(string text, int codePoint)
    {
        var index = 0;
        for (var i = 0; i < codePoint && index < text.Length; i++)
        {
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        }

        return index;
    }

    /// <summary>Number of code points in the first <paramref name="utf16"/> units of <paramref name="text"/>.</summary>
    public static int FromUtf16(string text, int utf16)
    {
        utf16 = Math.Clamp(utf16, 0, text.Length);
        var count = 0;
        foreach (var _ in text.AsSpan(0, utf16).EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>Code point length of <paramref name="text"/>.</summary>
    public static int Length(string text) => FromUtf16(text, text.Length);
}
