using SparkOptimizer.Analysis;
using SparkOptimizer.Pipeline;

namespace SparkOptimizer.Tests.Analysis;

public sealed class CorpusAnalyzersTests
{
    [Fact]
    public void Analyze_EveryAnalyzerOnEveryCorpusLog_NeverThrowsAndEveryFindingCarriesEvidence()
    {
        CorpusRuns.All.Should().HaveCountGreaterThan(40);
        foreach (var (path, run) in CorpusRuns.All)
        {
            var context = new AnalysisContext(run, Thresholds.Default);
            var stageIds = run.Stages.Select(s => s.StageId).ToHashSet();
            foreach (var analyzer in RunAnalyzer.DefaultAnalyzers)
            {
                var act = () => analyzer.Analyze(context).ToList();
                var findings = act.Should().NotThrow($"{analyzer.Id} on {path}").Subject;
                foreach (var f in findings)
                {
                    f.Id.Should().NotBeNullOrWhiteSpace();
                    f.Category.Should().NotBeNullOrWhiteSpace();
                    f.Severity.Should().NotBe(Severity.None, $"{f.Id} on {path} is emitted, so it must matter");
                    f.Evidence.Should().NotBeEmpty($"{f.Id} on {path}");
                    f.Recommendations.Should().NotBeEmpty($"{f.Id} on {path}");
                    f.Explanation.Should().NotBeNullOrWhiteSpace();
                    f.WhatWouldNotHelp.Should().NotBeNullOrWhiteSpace($"{f.Id} on {path} must say which lever not to pull");
                    f.ExpectedImprovement.Should().NotBeNullOrWhiteSpace($"{f.Id} on {path} must say what the next run should show");
                    f.StageIds.Where(id => !stageIds.Contains(id)).Should().BeEmpty($"{f.Id} on {path} names real stages");
                    f.Evidence.Where(e => e.StageId is { } id && !stageIds.Contains(id)).Should().BeEmpty();
                    f.Evidence.Where(e => !double.IsFinite(e.Value) || e.Display.Length == 0).Should().BeEmpty();
                }
            }
        }
    }

    [Fact]
    public void Analyze_EveryCorpusLog_FindingIdsAreUniquePerRun()
    {
        var pipeline = new AnalysisPipeline();
        foreach (var (path, run) in CorpusRuns.All)
        {
            var report = pipeline.Analyze(run);
            report.AnalysisWarnings.Should().BeEmpty($"no analyzer may fail on {path}");
            report.Findings.Select(f => f.Id).Should().OnlyHaveUniqueItems(path);
        }
    }
}
