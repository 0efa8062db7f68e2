using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>Small files read (tiny input per task across many tasks), row formats (CSV/JSON) where columnar would serve, and small output files.</summary>
public sealed class IoAnalyzer : IAnalyzer
{
    public string Id => "io";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var t = context.Thresholds;
        var cores = Math.Max(1, context.Facts.PeakCores);
        var smallInputs = new List<Finding>();
        var smallOutputs = new List<Finding>();
        foreach (var stage in context.StagesWithTasks)
        {
            var input = stage.Tasks.InputBytes;
            var tasks = stage.Tasks.SucceededCount;
            if (input.Sum > 0 && tasks >= t.Value("io.minInputTasks") && tasks >= 4 * cores)
            {
                var mib = input.Mean / ByteSize.MiB;
                var severity = Cap(t.Rate("io.inputMiBPerTask", mib), input.Sum);
                if (severity > Severity.None)
                {
                    smallInputs.Add(SmallInput(context, stage, severity));
                }
            }

            var output = stage.Tasks.OutputBytes;
            var writers = output.Count - CountZero(output);
            if (output.Sum > 0 && writers >= t.Value("io.minOutputTasks"))
            {
                var mib = output.Sum / (double)writers / ByteSize.MiB;
                var severity = Cap(t.Rate("io.outputMiBPerTask", mib), output.Sum);
                if (severity > Severity.None)
                {
                    smallOutputs.Add(SmallOutput(context, stage, writers, severity));
                }
            }
        }

        if (FindingMerger.Merge("io-small-files", smallInputs) is { } smallInput)
        {
            yield return smallInput;
        }

        if (FindingMerger.Merge("io-small-output", smallOutputs) is { } output2)
        {
            yield return output2;
        }

        foreach (var group in ScanNode.All(context.Run).Where(s => s.IsRowFormat).GroupBy(s => s.Format.ToUpperInvariant()))
        {
            var bytes = group.Sum(s => s.BytesRead ?? 0);
            // What is at stake is the bytes parsed: below the scale's first level a conversion saves nothing worth a finding.
            var severity = bytes > 0 ? t.Rate("io.rowFormatBytes", bytes) : Severity.None;
            if (severity == Severity.None)
            {
                continue;
            }

            var first = group.First();
            yield return new Finding(
                $"io-row-format-{group.Key.ToLowerInvariant()}", "io", severity, $"Row Format Input ({group.Key})", [],
                group.DistinctBy(s => (s.ExecutionId, s.Location)).Take(5).Select(s => new Evidence("io.rowFormatBytes", s.BytesRead ?? 0, "bytes",
                    $"SQL query {s.ExecutionId}: {s.Node.NodeName.Trim()} reads {group.Key}" + (s.BytesRead is { } b ? $", {Fmt.Bytes(b)}" : string.Empty) + (s.FilesRead is { } n ? $" in {Fmt.N(n)} files" : string.Empty) + (s.Location is { } l ? $" from {l}" : string.Empty))).ToArray(),
                $"{group.Key} is parsed row by row as text on every read, with no column pruning, no predicate pushdown and no statistics; Parquet or ORC read only the columns and row groups a query needs.",
                [new Recommendation(RecommendationKind.Code, $"Convert the {group.Key} input to Parquet (or Delta/Iceberg) once, and read that", null, "Typically 3-10x less bytes read and faster scans")
                    { SqlExecutionId = first.ExecutionId, SqlNode = first.Node.SimpleString }])
            {
                SqlExecutionIds = group.Select(s => s.ExecutionId).Distinct().ToArray(),
                WhatWouldNotHelp = "More executors: the parsing cost is per byte.",
                ExpectedImprovement = $"Next run: the scans read Parquet, with 'size of files read' well under today's {Fmt.Bytes(bytes)}",
            };
        }
    }

    /// <summary>Small files cost per file, but a small total costs little however it is split: cap by the bytes involved.</summary>
    private static Severity Cap(Severity severity, long totalBytes) =>
        totalBytes < 128 * ByteSize.MiB ? SeverityScale.Min(severity, Severity.Low)
        : totalBytes < ByteSize.GiB ? SeverityScale.Min(severity, Severity.Moderate) : severity;

    /// <summary>
    /// Tasks that wrote nothing, estimated from the quartiles (the model keeps distributions, not every task): only writing tasks make files.
    /// </summary>
    private static long CountZero(Distribution d) => d.P75 == 0 ? (long)(d.Count * 0.75) : d.P50 == 0 ? d.Count / 2 : d.P25 == 0 ? d.Count / 4 : 0;

    private static Finding SmallInput(AnalysisContext context, StageInfo stage, Severity severity)
    {
        var input = stage.Tasks.InputBytes;
        var scans = context.Plans.ExecutionOf(stage) is { } e ? ScanNode.All(context.Run).Where(s => s.ExecutionId == e.Id && s.FilesRead is > 0).ToArray() : [];
        var evidence = new List<Evidence>
        {
            new("io.inputBytesPerTask", input.Mean, "bytes", Fmt.Stage(stage, $"{Fmt.N(stage.Tasks.SucceededCount)} tasks read {Fmt.Bytes(input.Sum)}: {Fmt.Bytes(input.Mean)} per task (median {Fmt.Bytes(input.P50)})"), stage.StageId),
        };
        foreach (var scan in scans.Take(2))
        {
            evidence.Add(new Evidence("io.averageFileBytes", (scan.BytesRead ?? 0) / (double)scan.FilesRead!.Value, "bytes",
                $"SQL query {scan.ExecutionId}: {Fmt.N(scan.FilesRead.Value)} files averaging {Fmt.Bytes((scan.BytesRead ?? 0) / (double)scan.FilesRead.Value)}" + (scan.Location is { } l ? $" in {l}" : string.Empty), stage.StageId));
        }

        var target = context.Thresholds.Value("io.targetPartitionMiB");
        var files = Math.Max(1, (long)Math.Ceiling(input.Sum / (target * ByteSize.MiB)));
        return new Finding(
            $"io-small-files-stage-{stage.StageId}-{stage.AttemptId}", "io", severity, "Small Input Files", [stage.StageId], evidence,
            "Each task opens and reads a tiny slice: file-open, listing and per-task costs dominate the actual reading.",
            [new Recommendation(RecommendationKind.Code, $"Compact the input of stage {stage.StageId} into ~{files} file(s) of ~{target} MiB (a periodic compaction job, or coalesce/repartition where it is written)") { StageId = stage.StageId, SqlExecutionId = stage.SqlExecutionId }])
        {
            WhatWouldNotHelp = "More executors: the cost is per file and per task.",
            ExpectedImprovement = $"Next run: stage {stage.StageId} runs ~{files} tasks instead of {stage.Tasks.SucceededCount}",
        };
    }

    private static Finding SmallOutput(AnalysisContext context, StageInfo stage, long writers, Severity severity)
    {
        var output = stage.Tasks.OutputBytes;
        var target = context.Thresholds.Value("io.targetPartitionMiB");
        var files = Math.Max(1, (long)Math.Ceiling(output.Sum / (target * ByteSize.MiB)));
        var write = context.Plans.ExecutionOf(stage)?.Nodes.FirstOrDefault(n => n.NodeName.Contains("Write", StringComparison.Ordinal) || n.NodeName.Contains("InsertInto", StringComparison.Ordinal));
        return new Finding(
            $"io-small-output-stage-{stage.StageId}-{stage.AttemptId}", "io", severity, "Small Output Files", [stage.StageId],
            [new Evidence("io.outputBytesPerTask", output.Sum / (double)writers, "bytes", Fmt.Stage(stage, $"{Fmt.N(writers)} tasks wrote {Fmt.Bytes(output.Sum)}: {Fmt.Bytes(output.Sum / (double)writers)} per task (at least one file each)"), stage.StageId)],
            "Every writing task leaves at least one file: many small files slow every later reader of this data and burden the metastore or object store.",
            [new Recommendation(RecommendationKind.Code, $"Repartition before the write to ~{files} partitions (df.repartition({files}) or coalesce({files})) so each file is ~{target} MiB") { StageId = stage.StageId, SqlExecutionId = stage.SqlExecutionId, SqlNode = write?.SimpleString }])
        {
            WhatWouldNotHelp = "Changing executor size: the file count follows the task count of the writing stage.",
            ExpectedImprovement = $"Next run: stage {stage.StageId} writes ~{files} file(s) of ~{target} MiB",
        };
    }
}
