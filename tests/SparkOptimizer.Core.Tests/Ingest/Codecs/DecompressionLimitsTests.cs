using SparkOptimizer.Ingest.Codecs;

namespace SparkOptimizer.Tests.Ingest.Codecs;

public class DecompressionLimitsTests
{
    [Fact]
    public void Default_IsGenerousButFinite()
    {
        DecompressionLimits.Default.MaxDecompressedBytes.Should().Be(64L * 1024 * 1024 * 1024);
        DecompressionLimits.Default.MaxRatio.Should().Be(1000);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(-1, 10)]
    [InlineData(100, 0.5)]
    [InlineData(100, double.NaN)]
    public void Constructor_NonsensicalLimit_Throws(long maxBytes, double maxRatio)
    {
        var create = () => new DecompressionLimits(maxBytes, maxRatio);

        create.Should().Throw<ArgumentOutOfRangeException>();
    }
}
