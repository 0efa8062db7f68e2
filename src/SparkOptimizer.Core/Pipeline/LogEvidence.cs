using System.Globalization;
using SparkOptimizer.Analysis;
using SparkOptimizer.Ingest.Logs;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Pipeline;

/// <summary>
/// Attaches what driver and executor logs say to a run's report: JVM out-of-memory errors and container kills for memory
/// become evidence on the memory and failure findings (or a finding of their own), each with its file and line.
/// A JVM OOM calls for more heap; a container kill with a healthy heap calls for more overhead.
/// </summary>
public static class LogEvidence
{
    public static RunReport Attach(RunReport report, IReadOnlyList<(string File, IReadOnlyList<LogEvent> Events)> logs)
    {
        var all = logs.SelectMany(l => l.Events.Select(e => (l.File, Event: e))).ToArray();
        var summary = LogEventSummary.Of(all.Select(a => a.Event));
        var evidence = all
            .Where(a => a.Event.IsJvmOutOfMemory || a.Event.IsMemoryKill || a.Event.Kind is LogEventKind.FetchFailed or LogEventKind.ExecutorLost or LogEventKind.GpuOutOfMemory)
            .Take(8)
            .Select(a => new Evidence(
                $"log.{a.Event.Kind}", 1, "event",
                string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(a.File)}:{a.Event.Line}: {Shorten(a.Event.Message)}"),
                ExecutorId: a.Event.Executor))
            .ToList();
        if (summary.LongestGcPauseMs is { } pause)
        {
            evidence.Add(new Evidence("log.gcPause", pause, "ms",
                string.Create(CultureInfo.InvariantCulture, $"{summary.GcPauses} GC pauses in the logs, longest {pause:0} ms, {summary.TotalGcPauseMs / 1000:0.#} s in all")));
        }

        if (evidence.Count == 0)
        {
            return report;
        }

        var kills = summary.ExecutorsKilledForMemory;
        var ooms = summary.ExecutorsWithJvmOutOfMemory;
        var gpuOoms = all.Count(a => a.Event.Kind == LogEventKind.GpuOutOfMemory);
        var severity = kills.Count > 0 || ooms.Count > 0 ? Severity.Critical : gpuOoms > 0 ? Severity.Severe : Severity.Moderate;
        var recommendations = new List<Analysis.Recommendation>();
        if (gpuOoms > 0)
        {
            // The GPU's memory, not the JVM's: RAPIDS' own levers (NVIDIA's tuning guide), never more executor heap.
            recommendations.Add(new Analysis.Recommendation(RecommendationKind.Config,
                string.Create(CultureInfo.InvariantCulture, $"Lower spark.rapids.sql.concurrentGpuTasks, or give the GPU smaller batches (more partitions, a smaller spark.rapids.sql.batchSizeBytes): {gpuOoms} GPU out-of-memory error(s) in the logs; more executor heap does not help")));
        }

        if (kills.Count > 0)
        {
            recommendations.Add(new Analysis.Recommendation(RecommendationKind.Config,
                $"Raise spark.executor.memoryOverhead: {kills.Count} executor(s) ({string.Join(", ", kills.Take(5))}) were killed for exceeding the container's memory, which more heap would make worse"));
        }

        if (ooms.Count > 0)
        {
            recommendations.Add(new Analysis.Recommendation(RecommendationKind.Config,
                $"Raise spark.executor.memory (or lower spark.executor.cores): {ooms.Count} executor(s) ({string.Join(", ", ooms.Take(5))}) ran out of JVM heap"));
        }

        var finding = new Finding(
            "logs.memory",
            "failures",
            severity,
            kills.Count > 0 || ooms.Count > 0 ? "Out of Memory in Executor and Driver Logs" : gpuOoms > 0 ? "GPU Out of Memory in Executor and Driver Logs" : "Warnings in Executor and Driver Logs",
            [],
            evidence,
            "The driver and executor logs record what the event log cannot: JVM OutOfMemoryError (the heap was too small) and " +
            "container kills (the pod or YARN container exceeded its memory limit: heap plus overhead, off-heap and Python).",
            recommendations)
        {
            ExecutorIds = kills.Concat(ooms).Distinct(StringComparer.Ordinal).ToArray(),
            WhatWouldNotHelp = kills.Count > 0 ? "More heap for a container kill: it only moves the limit further."
                : gpuOoms > 0 ? "More executor heap or overhead: the GPU ran out of memory, not the JVM." : null,
        };
        var findings = report.Findings.Append(finding).OrderByDescending(f => f.Severity).ToArray();
        return report with { Findings = findings };
    }

    private static string Shorten(string message) => message.Length > 200 ? message[..200] : message;
}
