using SparkOptimizer.Operator.Watching;

namespace SparkOptimizer.Tests.Watching;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(5, 32)]
    [InlineData(9, 32)]
    public void Delay_Failures_DoublesUpToThirtyTwoUnits(int failures, int units) =>
        new Backoff(TimeSpan.FromSeconds(1), jitter: () => 0).Delay(failures).Should().Be(TimeSpan.FromSeconds(units));

    [Fact]
    public void Delay_Jitter_AddsUpToOneUnit() =>
        new Backoff(TimeSpan.FromSeconds(1), jitter: () => 0.5).Delay(3).Should().Be(TimeSpan.FromSeconds(8.5));
}
