using SparkOptimizer.Ingest;
using SparkOptimizer.Model;
using SparkOptimizer.Simulation;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Simulation;

/// <summary>Predictions on real logs behave as a scheduler must: more slots never slow a run, fewer never speed it up.</summary>
public sealed class WhatIfCorpusTests
{
    public static TheoryData<string> Logs => new()
    {
        "spark_log_parser/emr.zip",
        "spark-rapids-tools/spark-events-profiling/tasks_executors_fail_compressed_eventlog.zstd",
        "spark-rapids-tools/spark-events-qualification/cluster_information/eventlog_4nodes_8cores_dynamic_alloc.zstd",
        "delight/example_spark_event_log.txt",
        "sparklint/spark_event_log_example",
    };

    private static SparkRun Read(string relative) => new EventLogReader().Read(new LocalEventLogLocator().Locate(Corpus.Path(relative))[0]);

    [Theory]
    [MemberData(nameof(Logs))]
    public void Predict_MoreOrFewerExecutors_MovesDurationTheRightWay(string log)
    {
        var session = WhatIfSimulator.Prepare(Read(log));
        var executors = session.Observed.Executors;

        var more = session.Predict(new SimulationChange { Executors = executors * 2 });
        var fewer = session.Predict(new SimulationChange { Executors = Math.Max(1, executors / 2) });
        var same = session.Predict(SimulationChange.None);

        same.DurationMs.Should().Be(session.Baseline.ObservedMs ?? session.Baseline.SimulatedMs, "the observed configuration predicts the observed run");
        more.DurationMs.Should().BeLessThanOrEqualTo((long)(same.DurationMs * 1.05));
        fewer.DurationMs.Should().BeGreaterThanOrEqualTo((long)(same.DurationMs * 0.95));
        foreach (var p in new[] { more, fewer, same })
        {
            p.LowMs.Should().BeLessThanOrEqualTo(p.DurationMs);
            p.HighMs.Should().BeGreaterThanOrEqualTo(p.DurationMs);
        }
    }
}
