using System.Globalization;
using System.Text.Json;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Reporting;

/// <summary>
/// Writes the JSON contract documented in docs/json-report.md. Field names and meanings are a promise to CI pipelines:
/// add fields freely, never rename or re-purpose one.
/// </summary>
public static class JsonReportWriter
{
    public const int SchemaVersion = 1;

    public static void Write(Stream output, IReadOnlyList<RunReport> reports, IReadOnlyList<IngestWarning> inputWarnings, bool indented = true)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented });
        if (reports.Count == 1)
        {
            WriteReport(w, reports[0], inputWarnings);
        }
        else
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteStartArray("applications");
            foreach (var report in reports)
            {
                WriteReport(w, report, []);
            }

            w.WriteEndArray();
            WriteWarnings(w, inputWarnings);
            w.WriteEndObject();
        }

        w.Flush();
    }

    public static string ToJson(RunReport report)
    {
        using var stream = new MemoryStream();
        Write(stream, [report], []);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteReport(Utf8JsonWriter w, RunReport report, IReadOnlyList<IngestWarning> extraWarnings)
    {
        var run = report.Run;
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", SchemaVersion);
        WriteApplication(w, run.Application);
        WriteSource(w, run.Source);
        WritePlatform(w, run.Vendor);
        WriteTotals(w, run.Totals);
        WriteStages(w, run.Stages);
        WriteExecutors(w, run.Executors);
        WriteFindings(w, report.Findings);
        w.WriteStartObject("configChanges");
        foreach (var change in report.ConfigChanges)
        {
            w.WriteString(change.Key, change.To);
        }

        w.WriteEndObject();
        w.WriteStartArray("configChangeDetails");
        foreach (var change in report.ConfigChanges)
        {
            w.WriteStartObject();
            w.WriteString("key", change.Key);
            WriteNullable(w, "from", change.From);
            w.WriteString("to", change.To);
            w.WriteString("reason", change.Reason);
            WriteStrings(w, "findingIds", change.FindingIds);
            WriteInts(w, "stageIds", change.StageIds);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteUsage(w, report);
        JsonCostWriter.Write(w, report);
        WriteStrings(w, "recommendationNotes", report.RecommendationNotes);
        WriteWarnings(w, run.Warnings.Concat(extraWarnings).Concat(report.AnalysisWarnings.Select(m => new IngestWarning(run.Source.Path, null, m))).ToArray());
        w.WriteEndObject();
    }

    private static void WriteApplication(Utf8JsonWriter w, ApplicationInfo app)
    {
        w.WriteStartObject("application");
        WriteNullable(w, "id", app.Id);
        WriteNullable(w, "attemptId", app.AttemptId);
        WriteNullable(w, "name", app.Name);
        WriteNullable(w, "user", app.User);
        WriteNullable(w, "sparkVersion", app.SparkVersion);
        WriteNullable(w, "startTime", app.StartTime?.ToString("O", CultureInfo.InvariantCulture));
        WriteNullable(w, "endTime", app.EndTime?.ToString("O", CultureInfo.InvariantCulture));
        WriteNullable(w, "durationMs", app.DurationMs);
        w.WriteBoolean("incomplete", app.Incomplete);
        w.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter w, RunSource source)
    {
        w.WriteStartObject("source");
        w.WriteString("path", source.Path);
        w.WriteString("status", source.Status.ToString().ToLowerInvariant());
        w.WriteString("codec", source.Codec);
        w.WriteNumber("parts", source.Parts.Count);
        w.WriteNumber("bytesRead", source.BytesRead);
        w.WriteNumber("lines", source.Lines);
        w.WriteNumber("events", source.Events);
        w.WriteNumber("unparsableLines", source.UnparsableLines);
        w.WriteEndObject();
    }

    private static void WritePlatform(Utf8JsonWriter w, VendorInfo vendor)
    {
        w.WriteStartObject("platform");
        w.WriteString("name", vendor.Platform.ToString().ToLowerInvariant());
        WriteNullable(w, "clusterManager", vendor.ClusterManager);
        WriteNullable(w, "instanceType", vendor.InstanceType);
        WriteNullable(w, "workers", vendor.Workers);
        w.WriteStartArray("markers");
        foreach (var marker in vendor.Markers)
        {
            w.WriteStringValue(marker);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTotals(Utf8JsonWriter w, RunTotals t)
    {
        w.WriteStartObject("totals");
        w.WriteNumber("jobs", t.Jobs);
        w.WriteNumber("stages", t.Stages);
        w.WriteNumber("failedStages", t.FailedStages);
        w.WriteNumber("tasks", t.Tasks);
        w.WriteNumber("failedTasks", t.FailedTasks);
        w.WriteNumber("executorRunTimeMs", t.ExecutorRunTimeMs);
        w.WriteNumber("executorCpuTimeMs", t.ExecutorCpuTimeMs);
        w.WriteNumber("gcTimeMs", t.GcTimeMs);
        w.WriteNumber("shuffleReadBytes", t.ShuffleReadBytes);
        w.WriteNumber("shuffleWriteBytes", t.ShuffleWriteBytes);
        w.WriteNumber("memorySpilledBytes", t.MemorySpilledBytes);
        w.WriteNumber("diskSpilledBytes", t.DiskSpilledBytes);
        w.WriteNumber("inputBytes", t.InputBytes);
        w.WriteNumber("outputBytes", t.OutputBytes);
        w.WriteNumber("executorsAdded", t.ExecutorsAdded);
        w.WriteNumber("executorsRemoved", t.ExecutorsRemoved);
        w.WriteNumber("sqlExecutions", t.SqlExecutions);
        w.WriteEndObject();
    }

    private static void WriteStages(Utf8JsonWriter w, IReadOnlyList<StageInfo> stages)
    {
        w.WriteStartArray("stages");
        foreach (var s in stages)
        {
            var t = s.Tasks;
            w.WriteStartObject();
            w.WriteNumber("stageId", s.StageId);
            w.WriteNumber("attemptId", s.AttemptId);
            w.WriteString("name", s.Name);
            w.WriteString("status", s.Status.ToString().ToUpperInvariant());
            w.WriteNumber("numTasks", s.NumTasks);
            w.WriteNumber("completedTasks", t.TaskCount);
            w.WriteNumber("failedTasks", t.FailedCount);
            WriteNullable(w, "durationMs", s.DurationMs);
            w.WriteStartObject("taskDurationMs");
            w.WriteNumber("min", t.DurationMs.Min);
            w.WriteNumber("p50", t.DurationMs.P50);
            w.WriteNumber("p90", t.DurationMs.P90);
            w.WriteNumber("max", t.DurationMs.Max);
            w.WriteBoolean("exact", t.DurationMs.Exact);
            w.WriteEndObject();
            w.WriteNumber("shuffleReadBytes", t.ShuffleReadBytes.Sum);
            w.WriteNumber("shuffleWriteBytes", t.ShuffleWriteBytes.Sum);
            w.WriteNumber("memorySpilledBytes", t.MemorySpilledBytes.Sum);
            w.WriteNumber("diskSpilledBytes", t.DiskSpilledBytes.Sum);
            w.WriteNumber("inputBytes", t.InputBytes.Sum);
            w.WriteNumber("outputBytes", t.OutputBytes.Sum);
            w.WriteNumber("gcTimeMs", t.GcTimeMs.Sum);
            w.WriteNumber("executorRunTimeMs", t.RunTimeMs.Sum);
            w.WriteStartArray("parentIds");
            foreach (var p in s.ParentIds)
            {
                w.WriteNumberValue(p);
            }

            w.WriteEndArray();
            WriteNullable(w, "failureReason", s.FailureReason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteExecutors(Utf8JsonWriter w, IReadOnlyList<ExecutorInfo> executors)
    {
        w.WriteStartArray("executors");
        foreach (var e in executors)
        {
            w.WriteStartObject();
            w.WriteString("id", e.Id);
            WriteNullable(w, "host", e.Host);
            w.WriteNumber("cores", e.Cores);
            WriteNullable(w, "addedAt", e.AddedAt?.ToString("O", CultureInfo.InvariantCulture));
            WriteNullable(w, "removedAt", e.RemovedAt?.ToString("O", CultureInfo.InvariantCulture));
            WriteNullable(w, "removedReason", e.RemovedReason);
            w.WriteNumber("tasks", e.TaskCount);
            w.WriteNumber("failedTasks", e.FailedTaskCount);
            w.WriteNumber("taskTimeMs", e.TaskTimeMs);
            w.WriteNumber("gcTimeMs", e.GcTimeMs);
            WriteNullable(w, "peakJvmHeapBytes", e.Peaks.JvmHeap);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteFindings(Utf8JsonWriter w, IReadOnlyList<Finding> findings)
    {
        w.WriteStartArray("findings");
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteString("id", f.Id);
            w.WriteString("category", f.Category);
            w.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
            w.WriteString("title", f.Title);
            w.WriteStartArray("stageIds");
            foreach (var s in f.StageIds)
            {
                w.WriteNumberValue(s);
            }

            w.WriteEndArray();
            w.WriteStartArray("executorIds");
            foreach (var e in f.ExecutorIds)
            {
                w.WriteStringValue(e);
            }

            w.WriteEndArray();
            w.WriteStartArray("evidence");
            foreach (var e in f.Evidence)
            {
                w.WriteStartObject();
                w.WriteString("metric", e.Metric);
                w.WriteNumber("value", double.IsFinite(e.Value) ? e.Value : 0);
                w.WriteString("unit", e.Unit);
                w.WriteString("display", e.Display);
                WriteNullable(w, "stageId", e.StageId);
                WriteNullable(w, "executorId", e.ExecutorId);
                WriteNullable(w, "taskId", e.TaskId);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("explanation", f.Explanation);
            WriteNullable(w, "expectedImprovement", f.ExpectedImprovement);
            if (f.Forecast is { } forecast)
            {
                WriteForecast(w, forecast);
            }

            WriteNullable(w, "whatWouldNotHelp", f.WhatWouldNotHelp);
            w.WriteStartArray("recommendations");
            foreach (var r in f.Recommendations)
            {
                w.WriteStartObject();
                w.WriteString("kind", r.Kind.ToString().ToLowerInvariant());
                w.WriteString("text", r.Text);
                if (r.Change is { } c)
                {
                    w.WriteStartObject("change");
                    w.WriteString("key", c.Key);
                    WriteNullable(w, "from", c.From);
                    w.WriteString("to", c.To);
                    w.WriteEndObject();
                }

                WriteNullable(w, "expectedImprovement", r.ExpectedImprovement);
                WriteNullable(w, "stageId", r.StageId);
                WriteNullable(w, "sqlExecutionId", r.SqlExecutionId);
                WriteNullable(w, "sqlNode", r.SqlNode);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("sqlExecutionIds");
            foreach (var id in f.SqlExecutionIds)
            {
                w.WriteNumberValue(id);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteUsage(Utf8JsonWriter w, RunReport report)
    {
        var u = report.Usage;
        w.WriteStartObject("usage");
        w.WriteNumber("executors", u.Executors);
        w.WriteNumber("coresPerExecutor", u.CoresPerExecutor);
        w.WriteNumber("heapBytesPerExecutor", u.HeapBytesPerExecutor);
        w.WriteNumber("executorHours", Math.Round(u.ExecutorHours, 4));
        w.WriteNumber("coreHours", Math.Round(u.CoreHours, 4));
        w.WriteNumber("busyCoreHours", Math.Round(u.BusyCoreHours, 4));
        w.WriteBoolean("priced", report.Cost is not null);
        w.WriteEndObject();
        if (report.Sizing is { } sizing)
        {
            w.WriteStartObject("executorSizing");
            WriteShape(w, "current", sizing.Current);
            WriteShape(w, "proposed", sizing.Proposed);
            w.WriteNumber("heapFloorBytes", sizing.HeapFloorBytes);
            w.WriteNumber("containerFloorBytes", sizing.ContainerFloorBytes);
            WriteStrings(w, "notes", sizing.Notes);
            w.WriteEndObject();
        }
    }

    private static void WriteShape(Utf8JsonWriter w, string name, Recommendation.ExecutorShape shape)
    {
        w.WriteStartObject(name);
        w.WriteNumber("heapBytes", shape.HeapBytes);
        w.WriteNumber("overheadBytes", shape.OverheadBytes);
        w.WriteNumber("cores", shape.Cores);
        WriteNullable(w, "instances", shape.Instances);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteInts(Utf8JsonWriter w, string name, IEnumerable<int> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteWarnings(Utf8JsonWriter w, IReadOnlyList<IngestWarning> warnings)
    {
        w.WriteStartArray("warnings");
        foreach (var warning in warnings)
        {
            w.WriteStartObject();
            w.WriteString("file", warning.File);
            WriteNullable(w, "line", warning.Line);
            w.WriteString("message", warning.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteForecast(Utf8JsonWriter w, Analysis.Forecast f)
    {
        w.WriteStartObject("forecast");
        w.WriteString("basis", f.Basis);
        WriteNullable(w, "notModelled", f.NotModelled);
        w.WriteNumber("runObservedMs", f.RunObservedMs);
        WriteNullable(w, "runPredictedMs", f.RunPredictedMs);
        WriteNullable(w, "runLowMs", f.RunLowMs);
        WriteNullable(w, "runHighMs", f.RunHighMs);
        WriteNullable(w, "stageId", f.StageId);
        WriteNullable(w, "stageObservedMs", f.StageObservedMs);
        WriteNullable(w, "stagePredictedMs", f.StagePredictedMs);
        if (f.CoreHoursBefore is { } before && f.CoreHoursAfter is { } after)
        {
            w.WriteNumber("coreHoursBefore", Math.Round(before, 4));
            w.WriteNumber("coreHoursAfter", Math.Round(after, 4));
        }

        w.WriteNumber("atStake", Math.Round(f.AtStake, 4));
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, value.Value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, int? value) => WriteNullable(w, name, (long?)value);
}
