namespace Regularization.Exercises;

/// <summary>Thrown by <see cref="Claims.Claim"/> when a notebook's statement does not hold for the computed numbers.</summary>
public sealed class ClaimFailedException : Exception
{
    /// <summary>Creates the exception for <paramref name="claim"/>; the message is "this claim does not hold: " and the statement.</summary>
    /// <param name="claim">The statement that does not hold.</param>
    public ClaimFailedException(string claim)
        : base("this claim does not hold: " + claim)
    {
        Claim = claim;
    }

    /// <summary>The statement that does not hold.</summary>
    public string Claim { get; }
}
