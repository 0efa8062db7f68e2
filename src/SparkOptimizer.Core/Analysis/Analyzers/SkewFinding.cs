using System.Globalization;
using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>Builds the skew finding: evidence lines, the key to salt, AQE skew-join values, and what would not help.</summary>
internal static class SkewFinding
{
    public static Finding Build(AnalysisContext context, StageInfo stage, SkewShape shape, double ratio, Severity severity, bool timeSkew)
    {
        var d = stage.Tasks.DurationMs;
        var slowest = stage.Tasks.SlowestTasks.FirstOrDefault();
        var evidence = new List<Evidence>();
        if (shape.Share is { } share)
        {
            evidence.Add(new Evidence("skew.topShare", share.Share, "ratio", Fmt.Stage(stage, share.Describe("data")), stage.StageId));
        }

        evidence.Add(new Evidence(
            "skew.durationRatio", ratio, "x",
            Fmt.Stage(stage, $"slowest task {Fmt.Ms(d.Max)} vs median {Fmt.Ms(d.P50)} ({Fmt.X(ratio)}, {d.Count} tasks)" + (slowest is null ? string.Empty : $", task {slowest.TaskId} on executor {slowest.ExecutorId}")),
            stage.StageId, slowest?.ExecutorId, slowest?.TaskId));
        var largest = shape.LargestTasks.FirstOrDefault();
        if (shape.Bytes.Max > 0)
        {
            evidence.Add(new Evidence(
                "skew.bytesRatio", shape.BytesRatio, "x",
                Fmt.Stage(stage, $"largest {shape.BytesMetric} {Fmt.Bytes(shape.Bytes.Max)} vs median {Fmt.Bytes(shape.Bytes.P50)} ({Fmt.X(shape.BytesRatio)})" + (largest is null ? string.Empty : $", task {largest.TaskId}")),
                stage.StageId, largest?.ExecutorId, largest?.TaskId));
        }

        var dataSkew = shape.SlowTasksHoldData || !timeSkew;
        if (!dataSkew)
        {
            var indexes = string.Join(", ", stage.Tasks.SlowestTasks.Take(5).Select(s => s.Index).Order());
            evidence.Add(new Evidence(
                "skew.unexplainedByData", 0, "bool",
                Fmt.Stage(stage, $"the slowest tasks (partitions {indexes}) read no more {shape.BytesMetric} than the median task: the time is not explained by data volume"),
                stage.StageId));
        }

        var keys = context.Plans.ShuffleKeys(stage);
        var recs = new List<Recommendation>();
        var execution = context.Plans.ExecutionOf(stage);
        if (dataSkew && shape.BytesMetric == "input")
        {
            // Uneven input splits are a file-layout problem: no key to salt, the files themselves are lopsided.
            recs.Add(new Recommendation(
                RecommendationKind.Code,
                $"Even out the input of stage {stage.StageId}: its largest split is {Fmt.Bytes(shape.Bytes.Max)} against a median of {Fmt.Bytes(shape.Bytes.P50)}; rewrite the source into evenly sized files, or repartition(n) right after the read so later stages are balanced")
            { StageId = stage.StageId, SqlExecutionId = execution?.Id });
        }
        else if (dataSkew)
        {
            AddKeyHints(recs, stage, keys);
            AddAqeSkewJoin(context, recs, stage, shape, keys, severity);
        }
        else
        {
            recs.Add(new Recommendation(
                RecommendationKind.Code,
                $"Look at the records of stage {stage.StageId}'s slowest partitions: equal bytes but {Fmt.X(ratio)} the time means some records cost far more (nested data, a UDF, an explode); split or pre-filter them, or repartition by a better-spread key before this stage")
            { StageId = stage.StageId, SqlExecutionId = execution?.Id });
        }

        var kind = dataSkew ? "Data Skew Detected" : "Task Time Skew (data evenly spread)";
        var explanation = dataSkew && shape.BytesMetric == "input"
            ? $"A few tasks of stage {stage.StageId} read most of the input because the input files (or their splits) are very uneven, so the stage waits for them while the other cores sit idle."
            : dataSkew
            ? $"A few tasks of stage {stage.StageId} get most of the {shape.BytesMetric} data, so the stage waits for them while the other cores sit idle. The cause is a hot key (or hot file range), not a lack of partitions."
            : $"A few tasks of stage {stage.StageId} take {Fmt.X(ratio)} the median time although they read about as much data as the others: their records are costlier, so the stage waits on them.";
        return new Finding(
            $"skew-stage-{stage.StageId}-{stage.AttemptId}", "skew", severity, kind, [stage.StageId], evidence, explanation, recs)
        {
            ExecutorIds = slowest?.ExecutorId is { } ex ? [ex] : [],
            SqlExecutionIds = execution is null ? [] : [execution.Id],
            WhatWouldNotHelp = "More executors, more memory or a higher spark.sql.shuffle.partitions: the hot key still hashes to one task and the stage still waits for it.",
            ExpectedImprovement = $"Next run: stage {stage.StageId} slowest task under 3 x its median ({Fmt.Ms(3 * d.P50)})",
        };
    }

    private static void AddKeyHints(List<Recommendation> recs, StageInfo stage, IReadOnlyList<PlanKey> keys)
    {
        if (keys.FirstOrDefault(k => k.IsJoin) is { } join)
        {
            recs.Add(new Recommendation(
                RecommendationKind.Code,
                $"Add salting to the {join.KeyText} join key: append a random salt (0..N-1) to the skewed side, replicate the other side N times, join on (key, salt)")
            { StageId = stage.StageId, SqlExecutionId = join.ExecutionId, SqlNode = join.SimpleString });
        }
        else if (keys.FirstOrDefault() is { } agg)
        {
            recs.Add(new Recommendation(
                RecommendationKind.Code,
                $"Aggregate in two phases on {agg.KeyText}: first on (key, random salt), then on the key alone, so no single task gets the hot key")
            { StageId = stage.StageId, SqlExecutionId = agg.ExecutionId, SqlNode = agg.SimpleString });
        }
        else
        {
            recs.Add(new Recommendation(
                RecommendationKind.Code,
                $"Find the hot key of stage {stage.StageId} (countByKey / groupBy(key).count on a sample) and salt it; repartition on a better-spread key before the wide operation")
            { StageId = stage.StageId, SqlExecutionId = stage.SqlExecutionId });
        }
    }

    private static void AddAqeSkewJoin(AnalysisContext context, List<Recommendation> recs, StageInfo stage, SkewShape shape, IReadOnlyList<PlanKey> keys, Severity severity)
    {
        // AQE splits skewed partitions of sort-merge (and, from 3.3, shuffled hash) joins only: no join, no lever.
        if (!keys.Any(k => k.IsJoin) || shape.BytesMetric != "shuffle read" || !SparkVersions.HasAqe(context.Run))
        {
            return;
        }

        var env = context.Run.Environment;
        void Add(string key, string to, string why, string? sparkDefault = null)
        {
            var from = env.Get(key);
            if (!string.Equals(from ?? sparkDefault, to, StringComparison.OrdinalIgnoreCase))
            {
                recs.Add(new Recommendation(RecommendationKind.Config, $"Set {key}={to}: {why}",
                    new ConfigChange(key, from, to, why) { StageIds = [stage.StageId], Priority = severity }));
            }
        }

        var before = recs.Count;
        Add("spark.sql.adaptive.enabled", "true", "AQE splits skewed join partitions at run time", SparkVersions.AqeOn(context.Run) ? "true" : "false");
        Add("spark.sql.adaptive.skewJoin.enabled", "true", $"stage {stage.StageId} has a skewed sort-merge join partition", "true");
        var threshold = RunFacts.Size(env, "spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes", 1) ?? 256 * ByteSize.MiB;
        if (shape.Bytes.Max < threshold)
        {
            // AQE only splits partitions above the threshold: bring it under the hot partition, never below 64 MiB.
            var to = Math.Max(64 * ByteSize.MiB, shape.Bytes.Max / 2 / ByteSize.MiB * ByteSize.MiB);
            Add("spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes", new ByteSize(to).ToSparkString(),
                $"stage {stage.StageId}'s largest partition ({Fmt.Bytes(shape.Bytes.Max)}) is under the current {Fmt.Bytes(threshold)} threshold");
        }

        var factor = double.TryParse(env.Get("spark.sql.adaptive.skewJoin.skewedPartitionFactor"), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : 5;
        if (shape.BytesRatio < factor && shape.BytesRatio >= 2)
        {
            var to = Math.Max(2, Math.Floor(shape.BytesRatio)).ToString(CultureInfo.InvariantCulture);
            Add("spark.sql.adaptive.skewJoin.skewedPartitionFactor", to, $"stage {stage.StageId}'s largest partition is {Fmt.X(shape.BytesRatio)} the median, under the factor {factor}");
        }

        if (recs.Count == before)
        {
            recs.Add(new Recommendation(
                RecommendationKind.Code,
                $"AQE skew-join was on and still left stage {stage.StageId} skewed: it cannot split the preserved side of an outer join, a broadcast-built side, or an aggregation, so salt the key")
            { StageId = stage.StageId, SqlExecutionId = stage.SqlExecutionId });
        }
    }
}
