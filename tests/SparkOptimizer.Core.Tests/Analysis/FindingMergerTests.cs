using SparkOptimizer.Analysis;

namespace SparkOptimizer.Tests.Analysis;

public sealed class FindingMergerTests
{
    [Fact]
    public void Merge_TenStageFindings_KeepsTheWorstFiveAsEvidenceAndNamesTheRest()
    {
        var perStage = Enumerable.Range(0, 10).Select(i => new Finding(
            $"io-small-files-stage-{i}", "io", i == 7 ? Severity.Severe : Severity.Low, "Small Input Files", [i],
            [new Evidence("io.inputBytesPerTask", i, "bytes", $"Stage {i}: tiny", i)], "why",
            [new SparkOptimizer.Analysis.Recommendation(RecommendationKind.Code, $"Compact stage {i}") { StageId = i }])).ToArray();

        var merged = FindingMerger.Merge("io-small-files", perStage)!;

        merged.Id.Should().Be("io-small-files");
        merged.Severity.Should().Be(Severity.Severe);
        merged.StageIds.Should().Equal(Enumerable.Range(0, 10));
        merged.Evidence[0].Display.Should().Be("Stage 7: tiny");
        merged.Evidence.Should().HaveCount(6).And.Contain(e => e.Display.StartsWith("... and 5 more stage(s)", StringComparison.Ordinal));
        merged.Recommendations.Should().ContainSingle();
    }

    [Fact]
    public void Merge_Nothing_ReturnsNull()
    {
        FindingMerger.Merge("x", []).Should().BeNull();
    }
}
