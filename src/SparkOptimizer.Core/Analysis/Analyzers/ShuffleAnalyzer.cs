using System.Globalization;
using SparkOptimizer.Analysis.Levers;
using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>Shuffle volume per reduce partition against the 128-200 MiB target (too big and too small), and time spent waiting on fetches.</summary>
public sealed class ShuffleAnalyzer : IAnalyzer
{
    public string Id => "shuffle";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var t = context.Thresholds;
        var facts = context.Facts;
        var env = context.Run.Environment;
        var reading = context.StagesWithTasks.Where(s => s.Tasks.ShuffleReadBytes.Sum > 0).ToArray();
        var big = reading
            .Select(s => (Stage: s, MiB: s.Tasks.ShuffleReadBytes.Mean / ByteSize.MiB))
            .Where(x => t.Rate("shuffle.partitionMiB", x.MiB) > Severity.None && !SkewShape.PassesSkewGate(x.Stage, t))
            .OrderByDescending(x => x.Stage.Tasks.ShuffleReadBytes.Sum).ToArray();
        if (big.Length > 0)
        {
            var severity = big.Max(x => t.Rate("shuffle.partitionMiB", x.MiB));
            var largest = big[0].Stage;
            var recs = big.Take(3)
                .Select(x => PartitionAdvice.ToPartitions(context, x.Stage, PartitionMath.ForBytes(x.Stage.Tasks.ShuffleReadBytes.Sum, t.Value("shuffle.targetPartitionMiB"), facts.PeakSlots),
                    $"stage {x.Stage.StageId} read {Fmt.Bytes(x.Stage.Tasks.ShuffleReadBytes.Sum)} in {x.Stage.Tasks.SucceededCount} partitions ({Fmt.Bytes(x.Stage.Tasks.ShuffleReadBytes.Mean)} each; target {t.Value("shuffle.targetPartitionMiB")}-{t.Value("shuffle.maxPartitionMiB")} MiB)", severity))
                .OfType<Recommendation>()
                .DistinctBy(r => r.Change?.Key ?? r.Text)
                .ToArray();
            var partitions = PartitionMath.ForBytes(largest.Tasks.ShuffleReadBytes.Sum, t.Value("shuffle.targetPartitionMiB"), facts.PeakSlots);
            var code = recs.Length > 0 && recs.All(r => r.Change is null);
            yield return new Finding(
                "shuffle-large-partitions", "shuffle", severity, "Oversized Shuffle Partitions", big.Select(x => x.Stage.StageId).ToArray(),
                big.Take(5).Select(x => new Evidence("shuffle.partitionBytes", x.Stage.Tasks.ShuffleReadBytes.Mean, "bytes",
                    Fmt.Stage(x.Stage, $"{Fmt.Bytes(x.Stage.Tasks.ShuffleReadBytes.Mean)} shuffle read per partition over {x.Stage.Tasks.SucceededCount} partitions ({Fmt.Bytes(x.Stage.Tasks.ShuffleReadBytes.Sum)} total); {context.Levers.For(x.Stage).Why}"), x.Stage.StageId)).ToArray(),
                "Each reduce task reads far more than the 128-200 MiB that fits comfortably in execution memory: tasks spill, GC and run long, and a failure repeats a lot of work.",
                recs)
            {
                WhatWouldNotHelp = code
                    ? "spark.sql.shuffle.partitions or more memory: the partition count is fixed in the code, and the next larger input grows the partitions again."
                    : "More memory alone: the next larger input grows the partitions again.",
                ExpectedImprovement = $"Next run: stage {largest.StageId} reads ~{Fmt.Bytes(largest.Tasks.ShuffleReadBytes.Sum / (double)partitions)} per partition",
            };
        }

        if (Small(context, reading) is { } small)
        {
            yield return small;
        }

        if (FetchWait(context, reading) is { } wait)
        {
            yield return wait;
        }
    }

    private static Finding? Small(AnalysisContext context, IReadOnlyList<StageInfo> reading)
    {
        var t = context.Thresholds;
        var cores = context.Facts.PeakSlots;
        var small = reading
            .Where(s => context.Levers.For(s).Source == PartitionSource.SqlShufflePartitions && s.Tasks.SucceededCount > 4 * cores
                && (s.Tasks.ShuffleReadBytes.Sum >= t.Value("shuffle.minSmallShuffleBytes") || (s.DurationMs ?? 0) >= t.Value("shuffle.minSmallShuffleStageMs")))
            .Select(s => (Stage: s, MiB: s.Tasks.ShuffleReadBytes.Mean / ByteSize.MiB))
            .Where(x => t.Rate("shuffle.smallPartitionMiB", x.MiB) > Severity.None)
            .ToArray();
        if (small.Length == 0)
        {
            return null;
        }

        var env = context.Run.Environment;
        var severity = SeverityScale.Min(small.Max(x => t.Rate("shuffle.smallPartitionMiB", x.MiB)), Severity.Moderate);
        if (small.All(x => x.Stage.Tasks.ShuffleReadBytes.Sum < t.Value("shuffle.minSmallShuffleBytes")))
        {
            // Little data: what is at stake is the per-task overhead of the waves, worth a note.
            severity = SeverityScale.Min(severity, Severity.Low);
        }
        var biggest = small.Max(x => x.Stage.Tasks.ShuffleReadBytes.Sum);
        var partitions = PartitionMath.ForBytes(biggest, t.Value("shuffle.targetPartitionMiB"), cores);
        var ids = small.Select(x => x.Stage.StageId).ToArray();
        var why = $"the largest shuffle ({Fmt.Bytes(biggest)}) needs about {partitions} partitions of {t.Value("shuffle.targetPartitionMiB")} MiB";
        var recs = new List<Recommendation>
        {
            new(RecommendationKind.Config, $"Set spark.sql.shuffle.partitions to {partitions}: {why}",
                new ConfigChange("spark.sql.shuffle.partitions", env.Get("spark.sql.shuffle.partitions"), partitions.ToString(CultureInfo.InvariantCulture), why) { StageIds = ids, Priority = severity }),
        };
        if (!SparkVersions.AqeOn(context.Run) && SparkVersions.HasAqe(context.Run))
        {
            recs.Add(new Recommendation(RecommendationKind.Config, "Enable AQE so Spark coalesces small shuffle partitions per query",
                new ConfigChange("spark.sql.adaptive.enabled", env.Get("spark.sql.adaptive.enabled"), "true", $"stages {Fmt.Stages(ids)} read tiny shuffle partitions") { StageIds = ids, Priority = severity }));
        }

        return new Finding(
            "shuffle-small-partitions", "shuffle", severity, "Undersized Shuffle Partitions", ids,
            small.Take(5).Select(x => new Evidence("shuffle.partitionBytes", x.Stage.Tasks.ShuffleReadBytes.Mean, "bytes",
                Fmt.Stage(x.Stage, $"{Fmt.Bytes(x.Stage.Tasks.ShuffleReadBytes.Mean)} per partition over {x.Stage.Tasks.SucceededCount} partitions for {cores} cores"), x.Stage.StageId)).ToArray(),
            "Shuffle partitions far below 128 MiB: many short tasks whose fixed costs (scheduling, fetch requests, small files on write) outweigh their work.",
            recs)
        {
            WhatWouldNotHelp = "More executors: the overhead is per task.",
            ExpectedImprovement = $"Next run: about {partitions} shuffle partitions of ~{context.Thresholds.Value("shuffle.targetPartitionMiB")} MiB for the largest shuffle",
        };
    }

    private static Finding? FetchWait(AnalysisContext context, IReadOnlyList<StageInfo> reading)
    {
        var t = context.Thresholds;
        var wait = reading.Sum(s => s.Tasks.FetchWaitMs.Sum);
        var run = reading.Sum(s => s.Tasks.RunTimeMs.Sum);
        if (wait < t.Value("shuffle.minFetchWaitMs") || run <= 0)
        {
            return null;
        }

        var share = wait / (double)run;
        var severity = t.Rate("shuffle.fetchWaitShare", share);
        if (severity == Severity.None)
        {
            return null;
        }

        var worst = reading.OrderByDescending(s => s.Tasks.FetchWaitMs.Sum).Take(3).ToArray();
        var env = context.Run.Environment;
        var why = $"tasks waited {Fmt.Ms(wait)} on shuffle fetches ({Fmt.Pct(share)} of shuffle-stage run time)";
        return new Finding(
            "shuffle-fetch-wait", "shuffle", severity, "Shuffle Fetch Wait", worst.Select(s => s.StageId).ToArray(),
            worst.Select(s => new Evidence("shuffle.fetchWaitMs", s.Tasks.FetchWaitMs.Sum, "ms",
                Fmt.Stage(s, $"{Fmt.Ms(s.Tasks.FetchWaitMs.Sum)} fetch wait of {Fmt.Ms(s.Tasks.RunTimeMs.Sum)} task run time"), s.StageId)).Prepend(
                new Evidence("shuffle.fetchWaitShare", share, "ratio", $"Shuffle fetch wait: {Fmt.Pct(share)} of shuffle-stage run time")).ToArray(),
            "Reduce tasks sat blocked waiting for map output over the network: too many small remote fetches, overloaded executors serving shuffle files, or a slow network.",
            [new Recommendation(RecommendationKind.Config, $"Increase spark.reducer.maxSizeInFlight to 96m: {why}",
                new ConfigChange("spark.reducer.maxSizeInFlight", env.Get("spark.reducer.maxSizeInFlight"), "96m", why) { StageIds = worst.Select(s => s.StageId).ToArray(), Priority = severity })])
        {
            WhatWouldNotHelp = "More cores per executor: more concurrent fetches on the same network link.",
            ExpectedImprovement = $"Next run: fetch wait under {Fmt.Pct(t["shuffle.fetchWaitShare"][0])} of shuffle-stage run time (now {Fmt.Pct(share)})",
        };
    }
}
