using System.Diagnostics;
using System.Globalization;
using SparkOptimizer.Model;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Benchmarks;

/// <summary>
/// Stopwatch harness for the what-if replay: a synthetic run of 100,000 tasks (50 stages of 2,000 skewed tasks in 25
/// two-stage jobs, 50 executors x 4 cores) prepared and replayed at its own and at a changed configuration.
/// Target: one replay of 100k tasks in under a second.
/// </summary>
public static class SimulatorBenchmark
{
    private const long Epoch = 1_700_000_000_000;
    private const int Jobs = 25;
    private const int TasksPerStage = 2000;

    public static int Run()
    {
        var run = BuildRun();
        var timings = new List<(double Prepare, double Baseline, double Changed)>();
        for (var i = 0; i < 6; i++)
        {
            var sw = Stopwatch.StartNew();
            var session = WhatIfSimulator.Prepare(run);
            var prepare = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var baseline = session.Simulate(session.Observed);
            var baselineMs = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var changed = session.Simulate(session.Observed.With(new SimulationChange { Executors = 20, ExecutorMemory = new ByteSize(8L << 30), ShufflePartitions = 4000 }));
            var changedMs = sw.Elapsed.TotalMilliseconds;
            if (i > 0)
            {
                timings.Add((prepare, baselineMs, changedMs));
            }

            if (baseline.TasksReplayed < 100_000 || changed.DurationMs <= 0)
            {
                Console.Error.WriteLine("simulator benchmark: replay did not schedule the expected tasks");
                return 1;
            }
        }

        var best = (timings.Min(t => t.Prepare), timings.Min(t => t.Baseline), timings.Min(t => t.Changed));
        var median = (Median(timings.Select(t => t.Prepare)), Median(timings.Select(t => t.Baseline)), Median(timings.Select(t => t.Changed)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"simulator: 100,000 tasks; prepare {median.Item1:0.0} ms (best {best.Item1:0.0}); replay at observed config {median.Item2:0.0} ms (best {best.Item2:0.0}); replay with executors/memory/partitions changed {median.Item3:0.0} ms (best {best.Item3:0.0})"));
        return median.Item1 + median.Item2 < 1000 ? 0 : 1;
    }

    private static double Median(IEnumerable<double> values)
    {
        var s = values.Order().ToArray();
        return s[s.Length / 2];
    }

    private static SparkRun BuildRun()
    {
        DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(Epoch + ms);
        var jobs = new List<JobInfo>();
        var stages = new List<StageInfo>();
        var t = 1000L;
        var state = 12345UL;
        for (var j = 0; j < Jobs; j++)
        {
            var start = t;
            for (var k = 0; k < 2; k++)
            {
                var id = (j * 2) + k;
                var durations = new long[TasksPerStage];
                for (var i = 0; i < durations.Length; i++)
                {
                    state = (state * 6364136223846793005UL) + 1442695040888963407UL;
                    durations[i] = 200 + (long)(state >> 54) + (i % 500 == 0 ? 5000 : 0);
                }

                Array.Sort(durations);
                var end = t + (durations.Sum() / 200) + 100;
                var dist = new Distribution(durations.Length, durations[0], durations[500], durations[1000], durations[1500], durations[1800], durations[1900], durations[1980], durations[^1], durations.Sum(), true);
                var shuffle = new Distribution(TasksPerStage, 1 << 20, 1 << 20, 1 << 20, 1 << 20, 1 << 20, 1 << 20, 1 << 20, 1 << 20, (long)TasksPerStage << 20, true);
                var tasks = TaskStatistics.Empty with
                {
                    TaskCount = TasksPerStage, SucceededCount = TasksPerStage, FirstLaunchMs = Epoch + t, LastFinishMs = Epoch + end,
                    DurationMs = dist, RunTimeMs = dist, ShuffleReadBytes = k == 1 ? shuffle : Distribution.Empty, Durations = durations, DurationsExact = true,
                };
                stages.Add(new StageInfo(id, 0, $"stage {id}", null, TasksPerStage, k == 1 ? [id - 1] : [], [j], At(t), At(end), StageStatus.Complete, null, null, [], tasks, MetricPeaks.None));
                t = end + 20;
            }

            jobs.Add(new JobInfo(j, At(start), At(t), [j * 2, (j * 2) + 1], true, null, null, null));
            t += 500;
        }

        var executors = Enumerable.Range(1, 50).Select(i => new ExecutorInfo(i.ToString(CultureInfo.InvariantCulture), "h", 4, At(0), null, null, 4L << 30, null, null, 0, 0, 0, 0, 0, 0, 0, 0, MetricPeaks.None)).ToList();
        var props = new Dictionary<string, string> { ["spark.master"] = "k8s://x", ["spark.executor.memory"] = "4g", ["spark.sql.shuffle.partitions"] = "2000", ["spark.sql.adaptive.enabled"] = "false" };
        return new SparkRun(
            new ApplicationInfo("bench", null, "bench", null, "3.5.0", At(0), At(t), At(t)),
            SparkEnvironment.Empty with { SparkProperties = props },
            executors, jobs, stages, [],
            new RunTotals(Jobs, stages.Count, 0, 100_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50, 0, 0, 0),
            VendorInfo.Unknown, [], new RunSource("bench", [], "none", 0, 0, 0, 0, ReadStatus.Ok));
    }
}
