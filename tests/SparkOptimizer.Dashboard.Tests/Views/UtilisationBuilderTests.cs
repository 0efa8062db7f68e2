using SparkOptimizer.Analysis;
using SparkOptimizer.Dashboard.Views;
using SparkOptimizer.Ingest;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Dashboard.Tests.Views;

public sealed class UtilisationBuilderTests
{
    [Fact]
    public void Build_RealRun_BusyNeverExceedsAliveAndSamplesCoverTheRun()
    {
        var input = new LocalEventLogLocator().Locate(Corpus.Path("sparklint/spark_event_log_example"))[0];
        var run = new AnalysisPipeline().Analyze(input).Run;
        var facts = RunFacts.From(run);

        var samples = UtilisationBuilder.Build(run, facts);

        samples.Should().HaveCount(UtilisationBuilder.Samples + 1);
        samples[^1].AtMs.Should().Be(facts.WallMs);
        samples.Should().OnlyContain(s => s.BusyCores >= 0 && s.BusyCores <= s.AliveCores);
        samples.Should().Contain(s => s.BusyCores > 0, "the run's stages kept cores busy");
    }
}
