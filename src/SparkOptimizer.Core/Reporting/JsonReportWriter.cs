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
        JsonFindingsWriter.Write(w, report.Findings);
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
            w.WriteNullable("from", change.From);
            w.WriteString("to", change.To);
            w.WriteString("reason", change.Reason);
            w.WriteStrings("findingIds", change.FindingIds);
            w.WriteInts("stageIds", change.StageIds);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteUsage(w, report);
        JsonCostWriter.Write(w, report);
        w.WriteStrings("recommendationNotes", report.RecommendationNotes);
        WriteWarnings(w, run.Warnings.Concat(extraWarnings).Concat(report.AnalysisWarnings.Select(m => new IngestWarning(run.Source.Path, null, m))).ToArray());
        w.WriteEndObject();
    }

    private static void WriteApplication(Utf8JsonWriter w, ApplicationInfo app)
    {
        w.WriteStartObject("application");
        w.WriteNullable("id", app.Id);
        w.WriteNullable("attemptId", app.AttemptId);
        w.WriteNullable("name", app.Name);
        w.WriteNullable("user", app.User);
        w.WriteNullable("sparkVersion", app.SparkVersion);
        w.WriteNullable("startTime", app.StartTime?.ToString("O", CultureInfo.InvariantCulture));
        w.WriteNullable("endTime", app.EndTime?.ToString("O", CultureInfo.InvariantCulture));
        w.WriteNullable("durationMs", app.DurationMs);
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
        w.WriteNullable("clusterManager", vendor.ClusterManager);
        w.WriteNullable("instanceType", vendor.InstanceType);
        w.WriteNullable("workers", vendor.Workers);
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
            w.WriteNullable("durationMs", s.DurationMs);
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
            w.WriteNullable("failureReason", s.FailureReason);
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
            w.WriteNullable("host", e.Host);
            w.WriteNumber("cores", e.Cores);
            w.WriteNullable("addedAt", e.AddedAt?.ToString("O", CultureInfo.InvariantCulture));
            w.WriteNullable("removedAt", e.RemovedAt?.ToString("O", CultureInfo.InvariantCulture));
            w.WriteNullable("removedReason", e.RemovedReason);
            w.WriteNumber("tasks", e.TaskCount);
            w.WriteNumber("failedTasks", e.FailedTaskCount);
            w.WriteNumber("taskTimeMs", e.TaskTimeMs);
            w.WriteNumber("gcTimeMs", e.GcTimeMs);
            w.WriteNullable("peakJvmHeapBytes", e.Peaks.JvmHeap);
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
            w.WriteStrings("notes", sizing.Notes);
            w.WriteEndObject();
        }
    }

    private static void WriteShape(Utf8JsonWriter w, string name, Recommendation.ExecutorShape shape)
    {
        w.WriteStartObject(name);
        w.WriteNumber("heapBytes", shape.HeapBytes);
        w.WriteNumber("overheadBytes", shape.OverheadBytes);
        w.WriteNumber("cores", shape.Cores);
        w.WriteNullable("instances", shape.Instances);
        w.WriteEndObject();
    }

    private static void WriteWarnings(Utf8JsonWriter w, IReadOnlyList<IngestWarning> warnings)
    {
        w.WriteStartArray("warnings");
        foreach (var warning in warnings)
        {
            w.WriteStartObject();
            w.WriteString("file", warning.File);
            w.WriteNullable("line", warning.Line);
            w.WriteString("message", warning.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
