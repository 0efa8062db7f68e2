using System.Text.Json.Nodes;
using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Analyzers;
using SparkOptimizer.Model;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Analysis.Analyzers;

public sealed class DynamicAllocationAnalyzerTests
{
    [Fact]
    public void Analyze_KubernetesRunWithShuffleTrackingRemoved_IsSevereAndTurnsTrackingOn()
    {
        using var dir = new TempDir();
        var path = PlantedLog.PlantEvents(Corpus.Path("delight/example_spark_event_log.txt"), dir.File("da"), e =>
        {
            if ((string?)e["Event"] == "SparkListenerEnvironmentUpdate")
            {
                // The run had dynamic allocation with shuffle tracking: take the tracking away.
                var props = e["Spark Properties"]!.AsObject();
                props["spark.dynamicAllocation.enabled"].Should().NotBeNull();
                props.Remove("spark.dynamicAllocation.shuffleTracking.enabled");
            }

            return [e];
        });
        var run = PlantedLog.Read(path);
        run.Vendor.Platform.Should().Be(Platform.Kubernetes);

        var finding = new DynamicAllocationAnalyzer().Analyze(new AnalysisContext(run, Thresholds.Default))
            .Should().ContainSingle(f => f.Id == "dynamic-allocation-no-shuffle-tracking").Subject;

        finding.Severity.Should().Be(Severity.Severe);
        finding.Recommendations[0].Change!.Key.Should().Be("spark.dynamicAllocation.shuffleTracking.enabled");
    }

    [Fact]
    public void Analyze_UntouchedKubernetesRunWithTracking_HasNoShuffleTrackingFinding()
    {
        new DynamicAllocationAnalyzer().Analyze(new AnalysisContext(CorpusRuns.Read("delight/example_spark_event_log.txt"), Thresholds.Default))
            .Should().NotContain(f => f.Id == "dynamic-allocation-no-shuffle-tracking");
    }
}
