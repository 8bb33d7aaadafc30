using Regularization.Exercises;

namespace Regularization.Tests.Exercises;

public class ClaimsTests
{
    [Fact]
    public void AClaimThatHoldsReturnsTheStatementWithACheckMark()
    {
        Assert.Equal("✔ the gap is 0", Claims.Claim(0.0 == 0, "the gap is 0"));
    }

    [Fact]
    public void AClaimThatDoesNotHoldThrowsAndNamesTheStatement()
    {
        var e = Assert.Throws<ClaimFailedException>(() => Claims.Claim(1 > 2, "one exceeds two"));
        Assert.Equal("this claim does not hold: one exceeds two", e.Message);
        Assert.Equal("one exceeds two", e.Claim);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void AClaimNeedsAStatement(string? claim)
    {
        var e = Assert.Throws<ArgumentException>(() => Claims.Claim(true, claim!));
        Assert.Equal("claim", e.ParamName);
        // checked before the condition: a false condition with no statement is still a usage error
        Assert.Throws<ArgumentException>(() => Claims.Claim(false, claim!));
    }
}
