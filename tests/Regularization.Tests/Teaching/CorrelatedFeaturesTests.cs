using MathNet.Numerics.Statistics;
using Regularization.Teaching;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Teaching;

public class CorrelatedFeaturesTests
{
    [Fact]
    public void NoisyCopyHasTheExpectedCorrelationAndIsSeeded()
    {
        var (x, _) = DiabetesStandardized();
        var a = CorrelatedFeatures.WithNoisyCopy(x, 2, 0.5, seed: 7);
        var b = CorrelatedFeatures.WithNoisyCopy(x, 2, 0.5, seed: 7);
        Assert.Equal(11, a.ColumnCount);
        Assert.Equal(a.Column(10).ToArray(), b.Column(10).ToArray());
        Assert.Equal(x.Column(2).ToArray(), a.Column(2).ToArray());
        double r = CorrelatedFeatures.Correlation(a, 2, 10);
        AssertClose(Correlation.Pearson(a.Column(2), a.Column(10)), r, 1e-12, "Pearson");
        AssertClose(1 / Math.Sqrt(1 + 0.25), r, 0.03, "correlation of a copy with 50% noise");   // sampling error ~ 1/sqrt(442)
        Assert.Equal(1.0, CorrelatedFeatures.Correlation(CorrelatedFeatures.WithNoisyCopy(x, 0, 0, 1), 0, 10), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => CorrelatedFeatures.WithNoisyCopy(x, 10, 0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CorrelatedFeatures.WithNoisyCopy(x, 0, -0.1, 0));
    }
}
