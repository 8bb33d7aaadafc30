namespace Workbook.Kernel.Backend;

/// <summary>Completion candidates replacing the text between <paramref name="Start"/> and <paramref name="End"/>.</summary>
/// <param name="Matches">Candidate texts, best first.</param>
/// <param name="Start">UTF-16 offset where the replaced text starts.</param>
/// <param name="End">UTF-16 offset where the replaced text ends.</param>
/// <param name="Kinds">Optional kind per match (for example <c>method</c>, <c>property</c>), same order as matches.</param>
public sealed record KernelCompletions(IReadOnlyList<string> Matches, int Start, int End, IReadOnlyList<string>? Kinds = null)
{
    /// <summary>No completions at <paramref name="position"/>.</summary>
    public static KernelCompletions None(int position) => new([], position, position);
}
