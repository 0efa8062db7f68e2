using SparkOptimizer.Ingest;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Ingest;

/// <summary>Every real log in the corpus (tests/corpus): the engine's totals equal an independent count.</summary>
public sealed class CorpusTotalsTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var input in All.Value)
        {
            if (input.Parts.Count > 0 && !input.Path.EndsWith("driverlog", StringComparison.Ordinal))
            {
                data.Add(Path.GetRelativePath(Corpus.EventLogs, input.Path));
            }
        }

        return data;
    }

    [Fact]
    public void Locate_SharedCorpus_FindsEveryApplication()
    {
        var inputs = new LocalEventLogLocator().Locate(Corpus.EventLogs);

        // SOURCES.md lists 76 logs; the driver log is one of them and is not an event log.
        inputs.Count(i => i.Parts.Count > 0).Should().BeGreaterThanOrEqualTo(76);
        inputs.Should().Contain(i => i.Layout == "spark-rolling" && i.Parts.Count == 3);
        inputs.Should().Contain(i => i.Layout == "databricks-rolled" && i.Parts.Count == 2);
        inputs.Should().Contain(i => i.Layout == "zip-member");
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Read_RealLog_TotalsMatchIndependentCount(string relative)
    {
        var input = FindInput(relative);
        var expected = IndependentCounter.Count(input);

        var run = new EventLogReader().Read(input);
        var t = run.Totals;

        t.Jobs.Should().Be(expected.Jobs);
        t.Stages.Should().Be(expected.Stages);
        t.FailedStages.Should().Be(expected.FailedStages);
        t.Tasks.Should().Be(expected.Tasks);
        t.FailedTasks.Should().Be(expected.FailedTasks);
        t.ExecutorRunTimeMs.Should().Be(expected.RunTime);
        t.GcTimeMs.Should().Be(expected.Gc);
        t.ShuffleReadBytes.Should().Be(expected.ShuffleRead);
        t.ShuffleWriteBytes.Should().Be(expected.ShuffleWrite);
        t.MemorySpilledBytes.Should().Be(expected.MemSpill);
        t.DiskSpilledBytes.Should().Be(expected.DiskSpill);
        t.InputBytes.Should().Be(expected.Input);
        t.OutputBytes.Should().Be(expected.Output);
        t.ExecutorsAdded.Should().Be(expected.ExecutorsAdded);
        t.SqlExecutions.Should().Be(expected.Sql);
        run.Application.DurationMs.Should().Be(expected.Start is { } s && expected.End is { } e ? e - s : null);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Read_RealLog_StageStatisticsAreConsistent(string relative)
    {
        var run = new EventLogReader().Read(FindInput(relative));

        run.Stages.Sum(s => (long)s.Tasks.TaskCount).Should().Be(run.Totals.Tasks);
        foreach (var stage in run.Stages)
        {
            var d = stage.Tasks.DurationMs;
            d.Count.Should().Be(stage.Tasks.SucceededCount);
            if (d.Count > 0)
            {
                d.Min.Should().BeLessThanOrEqualTo(d.P50);
                d.P50.Should().BeLessThanOrEqualTo(d.P90);
                d.P90.Should().BeLessThanOrEqualTo(d.Max);
            }
        }
    }

    private static readonly Lazy<IReadOnlyList<EventLogInput>> All = new(() => new LocalEventLogLocator().Locate(Corpus.EventLogs));

    internal static EventLogInput FindInput(string relative)
    {
        var full = Path.Combine(Corpus.EventLogs, relative);
        return All.Value.Single(i => i.Path == full);
    }
}
