using System.Text.Json.Nodes;
using k8s.Models;
using SparkOptimizer.Operator.Controllers;
using SparkOptimizer.Operator.Entities.Kubeflow;
using SparkOptimizer.Operator.Entities.Optimization;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Controllers;

public sealed class StatusComposerTests
{
    private static readonly DateTime T0 = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Analyzed_ProcessedRuns_AppendedAndBoundedNewestLast()
    {
        var current = Optimization(new SparkOptimizationStatus { ProcessedRuns = ["a", "b", "c"] });
        var status = StatusComposer.Analyzed(current, Run("d"), new RunAnalysis(), T0, processedRunsLimit: 3);
        status.ProcessedRuns.Should().Equal("b", "c", "spark-pi:d");
    }

    [Fact]
    public void Analyzed_SameConditionAgain_KeepsItsTransitionTime()
    {
        var first = StatusComposer.Analyzed(Optimization(null), Run("a"), new RunAnalysis(), T0, 10);
        var second = StatusComposer.Analyzed(Optimization(first), Run("b"), new RunAnalysis(), T0.AddHours(1), 10);
        second.Conditions!.Single(c => c.Type == StatusComposer.AnalyzedCondition).LastTransitionTime.Should().Be(T0);

        var failed = StatusComposer.InfrastructureFailure(Optimization(second), Run("c"), T0.AddHours(2), 10);
        var condition = failed.Conditions!.Single(c => c.Type == StatusComposer.AnalyzedCondition);
        condition.Status.Should().Be("False");
        condition.LastTransitionTime.Should().Be(T0.AddHours(2));
    }

    [Fact]
    public void InfrastructureFailure_KeepsTheLastAnalysisFindingsAndPullRequest()
    {
        var analysed = StatusComposer.Analyzed(Optimization(null), Run("a"), RecordingRunProcessor.Canned(Completed()), T0, 10);
        var failed = StatusComposer.InfrastructureFailure(Optimization(analysed), Run("b"), T0, 10);

        failed.Phase.Should().Be(Phases.InfrastructureFailure);
        failed.Findings!.Critical.Should().Be(1);
        failed.PullRequest!.Number.Should().Be(7);
        failed.LastRun!.SparkAppId.Should().Be("b");
    }

    [Fact]
    public void StatusPatch_KeysThatDisappear_AreNulledAndResourceVersionCarried()
    {
        var analysed = StatusComposer.Analyzed(Optimization(null), Run("a"), RecordingRunProcessor.Canned(Completed()), T0, 10);
        var current = Optimization(analysed);
        var next = StatusComposer.Analyzed(current, Run("b"), new RunAnalysis(), T0, 10);

        var patch = JsonNode.Parse(SparkOptimizationClient.StatusPatch(current, next))!;
        patch["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be("42");
        patch["status"]!.AsObject().Should().ContainKey("prediction").WhoseValue.Should().BeNull("a prediction from the old run must not survive");
        patch["status"]!["processedRuns"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("spark-pi:a", "spark-pi:b");
    }

    private static V1Alpha1SparkOptimization Optimization(SparkOptimizationStatus? status) => new()
    {
        Metadata = new V1ObjectMeta { Name = "spark-pi", NamespaceProperty = "default", Generation = 1, ResourceVersion = "42" },
        Spec = new SparkOptimizationSpec { Target = new TargetReference { ApiVersion = "sparkoperator.k8s.io/v1beta2", Kind = "SparkApplication", Name = "spark-pi" } },
        Status = status,
    };

    private static FinishedRun Run(string appId) => new(
        $"spark-pi:{appId}", "spark-pi", appId, "COMPLETED", true, false, null,
        new DateTimeOffset(T0), new DateTimeOffset(T0.AddMinutes(45)), new Dictionary<string, string>(), new V1Beta2SparkApplication());

    private static CompletedRun Completed() => new(
        new AppIdentity("sparkoperator.k8s.io/v1beta2", "SparkApplication", "default", "spark-pi", null),
        new AppIdentity("sparkoperator.k8s.io/v1beta2", "SparkApplication", "default", "spark-pi", null),
        "spark-pi:a", "a", "COMPLETED", true, null, null, null, new Dictionary<string, string>(), new Dictionary<string, string>(),
        new SparkOptimizationSpec(), new V1Beta2SparkApplication());

    [Fact]
    public void Analyzed_History_RecordsEachRunAgainstThePreviousPrediction()
    {
        var first = StatusComposer.Analyzed(Optimization(null), Run("a"), RecordingRunProcessor.Canned(Completed()), T0, 10);
        var second = StatusComposer.Analyzed(Optimization(first), Run("b"), new RunAnalysis { DurationMs = 1_900_000 }, T0, 10);

        second.History!.Select(h => (h.SparkAppId, h.DurationMs, h.PredictedDurationMs))
            .Should().Equal(("a", 2_712_000L, (long?)null), ("b", 1_900_000L, 1_800_000L));
    }
}
