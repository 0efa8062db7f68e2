using SparkOptimizer.Dashboard.Views;
using SparkOptimizer.Ingest;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Dashboard.Tests.Views;

public sealed class TimelineBuilderTests
{
    [Fact]
    public void Build_RealRun_CriticalPathIsAChainEndingWithTheLastStage()
    {
        var input = new LocalEventLogLocator().Locate(Corpus.Path("apache-spark/spark-events/app-20200706201101-0003"))[0];
        var run = new AnalysisPipeline().Analyze(input).Run;
        var start = run.Application.StartTime!.Value.ToUnixTimeMilliseconds();

        var bars = TimelineBuilder.Build(run, start, run.Application.EndTime!.Value.ToUnixTimeMilliseconds());

        bars.Should().HaveCount(run.Stages.Count(s => s.SubmissionTime is not null));
        bars.MaxBy(b => b.EndMs)!.Critical.Should().BeTrue();
        var chain = bars.Where(b => b.Critical).OrderBy(b => b.StartMs).ToList();
        chain.Zip(chain.Skip(1)).Should().OnlyContain(p => p.First.EndMs <= p.Second.StartMs + 1, "each critical stage gates the next");
    }
}
