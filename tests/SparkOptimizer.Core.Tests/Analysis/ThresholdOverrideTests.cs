using SparkOptimizer.Pipeline;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Analysis;

public sealed class ThresholdOverrideTests
{
    [Fact]
    public void Analyze_ConfigRaisingTheSkewFloor_SilencesTheSparklintSkew()
    {
        using var dir = new TempDir();
        var config = dir.File("thresholds.yaml");
        File.WriteAllText(config, "# only stages whose slowest task passes 2 minutes\nskew.minMaxTaskMs: 120000\n");
        var run = CorpusRuns.Read("sparklint/spark_event_log_example");

        var defaults = new AnalysisPipeline().Analyze(run);
        var overridden = new AnalysisPipeline(config).Analyze(run);

        defaults.Findings.Should().Contain(f => f.Category == "skew" && f.StageIds.Contains(0));
        overridden.Findings.Should().NotContain(f => f.Category == "skew");
    }
}
