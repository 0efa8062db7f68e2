using SparkOptimizer.Analysis;

namespace SparkOptimizer.Tests.Analysis;

public sealed class ThresholdOverridesTests
{
    [Fact]
    public void Apply_ScaleAndSettingOverrides_ReplaceOnlyThose()
    {
        var result = ThresholdOverrides.Apply(Thresholds.Default, new Dictionary<string, string>
        {
            ["skew.durationRatio"] = "2, 4, 8, 16",
            ["skew.minMaxTaskMs"] = "10000",
        }, out var problems);

        problems.Should().BeEmpty();
        result["skew.durationRatio"].Should().Equal(2, 4, 8, 16);
        result.Value("skew.minMaxTaskMs").Should().Be(10000);
        result["skew.bytesRatio"].Should().Equal(Thresholds.Default["skew.bytesRatio"]);
    }

    [Fact]
    public void Apply_BadOverrides_AreReportedAndNotApplied()
    {
        var result = ThresholdOverrides.Apply(Thresholds.Default, new Dictionary<string, string>
        {
            ["no.such"] = "1,2,3,4",
            ["skew.durationRatio"] = "1,2",
            ["skew.bytesRatio"] = "x,y,z,w",
        }, out var problems);

        problems.Should().HaveCount(3);
        result["skew.durationRatio"].Should().Equal(Thresholds.Default["skew.durationRatio"]);
        result["skew.bytesRatio"].Should().Equal(Thresholds.Default["skew.bytesRatio"]);
    }
}
