namespace Regularization.Exercises;

/// <summary>
/// Asserts the statements a notebook's prose makes about its computed numbers, so a change in the library that breaks a
/// statement fails the notebook run instead of leaving a wrong sentence on the page. Unlike <see cref="Check"/> (which
/// gives students feedback and never throws), a claim that does not hold throws <see cref="ClaimFailedException"/>.
/// In a notebook, <c>using static Regularization.Exercises.Claims;</c> then
/// <c>Claim(gap &lt; 1e-6, "the duality gap is below 1e-6")</c> as a cell's result, or inside <c>Console.WriteLine(...)</c>.
/// </summary>
public static class Claims
{
    /// <summary>Returns <c>"✔ "</c> followed by <paramref name="claim"/> when <paramref name="holds"/>; otherwise throws.</summary>
    /// <param name="holds">Whether the statement is true for the computed numbers.</param>
    /// <param name="claim">The statement, as the reader should see it (with the numbers that back it).</param>
    /// <returns>The statement with a check mark, for display.</returns>
    /// <exception cref="ArgumentException"><paramref name="claim"/> is null, empty or white space.</exception>
    /// <exception cref="ClaimFailedException"><paramref name="holds"/> is false; the message reads "this claim does not hold: " and the statement.</exception>
    public static string Claim(bool holds, string claim)
    {
        if (string.IsNullOrWhiteSpace(claim))
        {
            throw new ArgumentException($"claim is {(claim is null ? "null" : $"\"{claim}\"")}; state what the numbers show.", nameof(claim));
        }

        return holds ? "✔ " + claim : throw new ClaimFailedException(claim);
    }
}
