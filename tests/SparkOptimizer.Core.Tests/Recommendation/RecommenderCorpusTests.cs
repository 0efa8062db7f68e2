using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Tests.Analysis;

namespace SparkOptimizer.Tests.Recommendation;

public sealed class RecommenderCorpusTests
{
    [Fact]
    public void Analyze_EveryCorpusLog_ChangesAreUniqueBackedByFindingsAndNeverBelowObservedPeak()
    {
        var pipeline = new AnalysisPipeline();
        foreach (var (path, run) in CorpusRuns.All)
        {
            var report = pipeline.Analyze(run);
            var ids = report.Findings.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);

            report.ConfigChanges.Select(c => c.Key).Should().OnlyHaveUniqueItems(path);
            foreach (var change in report.ConfigChanges)
            {
                change.FindingIds.Should().NotBeEmpty($"{change.Key} on {path} needs evidence");
                change.FindingIds.Where(id => !ids.Contains(id)).Should().BeEmpty($"{change.Key} on {path}");
                change.To.Should().NotBe(change.From, $"{change.Key} on {path} must change something");
            }

            var facts = RunFacts.From(run);
            var observed = ObservedMemory.From(facts, run);
            var memoryKey = facts.LocalMode ? "spark.driver.memory" : "spark.executor.memory";
            if (report.ConfigChanges.FirstOrDefault(c => c.Key == memoryKey) is { } memory && observed.PeakHeapBytes is { } peak)
            {
                ByteSize.TryParse(memory.To, out var to, ByteSize.MiB).Should().BeTrue();
                to.Bytes.Should().BeGreaterThanOrEqualTo((long)(peak * 1.2), path);
            }

            foreach (var rec in report.Findings.SelectMany(f => f.Recommendations).Where(r => r.Change is not null))
            {
                report.ConfigChanges.Should().Contain(c => c.Key == rec.Change!.Key && c.To == rec.Change.To, $"the finding text must show the final value on {path}");
            }
        }
    }
}
