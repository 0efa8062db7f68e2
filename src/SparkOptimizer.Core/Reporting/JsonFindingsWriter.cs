using System.Text.Json;
using SparkOptimizer.Analysis;

namespace SparkOptimizer.Reporting;

/// <summary>The report's "findings" array: each finding with its evidence, recommendations and forecast (docs/json-report.md).</summary>
internal static class JsonFindingsWriter
{
    public static void Write(Utf8JsonWriter w, IReadOnlyList<Finding> findings)
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
                w.WriteNullable("stageId", e.StageId);
                w.WriteNullable("executorId", e.ExecutorId);
                w.WriteNullable("taskId", e.TaskId);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("explanation", f.Explanation);
            w.WriteNullable("expectedImprovement", f.ExpectedImprovement);
            if (f.Forecast is { } forecast)
            {
                WriteForecast(w, forecast);
            }

            w.WriteNullable("whatWouldNotHelp", f.WhatWouldNotHelp);
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
                    w.WriteNullable("from", c.From);
                    w.WriteString("to", c.To);
                    w.WriteEndObject();
                }

                w.WriteNullable("expectedImprovement", r.ExpectedImprovement);
                w.WriteNullable("stageId", r.StageId);
                w.WriteNullable("sqlExecutionId", r.SqlExecutionId);
                w.WriteNullable("sqlNode", r.SqlNode);
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

    private static void WriteForecast(Utf8JsonWriter w, Analysis.Forecast f)
    {
        w.WriteStartObject("forecast");
        w.WriteString("basis", f.Basis);
        w.WriteNullable("notModelled", f.NotModelled);
        w.WriteNumber("runObservedMs", f.RunObservedMs);
        w.WriteNullable("runPredictedMs", f.RunPredictedMs);
        w.WriteNullable("runLowMs", f.RunLowMs);
        w.WriteNullable("runHighMs", f.RunHighMs);
        w.WriteNullable("stageId", f.StageId);
        w.WriteNullable("stageObservedMs", f.StageObservedMs);
        w.WriteNullable("stagePredictedMs", f.StagePredictedMs);
        if (f.CoreHoursBefore is { } before && f.CoreHoursAfter is { } after)
        {
            w.WriteNumber("coreHoursBefore", Math.Round(before, 4));
            w.WriteNumber("coreHoursAfter", Math.Round(after, 4));
        }

        w.WriteNumber("atStake", Math.Round(f.AtStake, 4));
        w.WriteEndObject();
    }
}
