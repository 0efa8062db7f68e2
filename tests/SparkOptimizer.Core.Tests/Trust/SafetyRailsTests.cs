using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Trust;

public sealed class SafetyRailsTests
{
    [Fact]
    public void Apply_RealLogRecommendationsFromLearningCohort_LowConfidenceNoMemoryDecreaseAndValid()
    {
        var run = ReplayedHistory.Run;
        var report = new AnalysisPipeline().Analyze(run);
        var cohort = new Cohort(CohortResolver.Resolve(null, null, run.Application.Name), [CohortRun.From(run)]);
        var context = new ValidationContext(ValidationContext.ParsePinned("spark.executor.cores"), null, 64L * 1024 * 1024 * 1024);

        var result = SafetyRails.Apply(report.ConfigChanges, run.Environment, cohort, context);

        result.LowConfidence.Should().BeTrue();
        var before = ExecutorMemory.From(run.Environment.Get).TotalBytes;
        ExecutorMemory.From(ExecutorMemory.Effective(run.Environment, result.Changes.Pairs())).TotalBytes.Should().BeGreaterThanOrEqualTo(before);
        result.Changes.Should().NotContain(c => c.Key == "spark.executor.cores");
        var had = SafetyValidator.Check(run.Environment.Get, context).Select(v => v.Rule).ToHashSet();
        SafetyValidator.Check(ExecutorMemory.Effective(run.Environment, result.Changes.Pairs()), context, result.Changes).Where(v => !had.Contains(v.Rule)).Should().BeEmpty();
    }
}
