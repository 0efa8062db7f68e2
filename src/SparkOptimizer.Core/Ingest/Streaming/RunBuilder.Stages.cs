using System.Text.Json;
using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Streaming;

internal sealed partial class RunBuilder
{
    private void OnStage(ref Utf8JsonReader reader, bool completed, ReadOnlySpan<byte> line)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Stage Info"u8))
            {
                reader.Read();
                if (!JsonRead.IsObject(ref reader))
                {
                    continue;
                }

                var stage = ReadStageInfo(ref reader, completed ? StageInfoSource.StageCompleted : StageInfoSource.StageSubmitted, line);
                if (stage is null)
                {
                    continue;
                }

                if (completed)
                {
                    if (!stage.Completed)
                    {
                        _stageCompletions++;
                        if (stage.FailureReason is not null)
                        {
                            _failedStages++;
                        }
                    }

                    stage.Completed = true;
                    Seen(stage.CompletionTime);
                    Finish(stage);
                }
                else
                {
                    stage.Submitted = true;
                    Seen(stage.SubmissionTime);
                }
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
    }

    /// <summary>Reads a "Stage Info" object into its accumulator (created if new). Job starts list stages that may never run.</summary>
    private StageAccumulator? ReadStageInfo(ref Utf8JsonReader reader, StageInfoSource from, ReadOnlySpan<byte> line)
    {
        var id = -1;
        var attempt = 0;
        string? name = null;
        string? details = null;
        var numTasks = 0;
        List<int>? parents = null;
        List<RddInfo>? rdds = null;
        long submission = 0;
        long completion = 0;
        string? failure = null;
        Dictionary<string, long>? named = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Stage ID"u8))
            {
                reader.Read();
                id = JsonRead.Int(ref reader, -1);
            }
            else if (reader.ValueTextEquals("Stage Attempt ID"u8))
            {
                reader.Read();
                attempt = JsonRead.Int(ref reader);
            }
            else if (reader.ValueTextEquals("Stage Name"u8))
            {
                reader.Read();
                name = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("Details"u8))
            {
                reader.Read();
                details = FirstLineOf(ref reader);
            }
            else if (reader.ValueTextEquals("Number of Tasks"u8))
            {
                reader.Read();
                numTasks = Count(JsonRead.Int(ref reader), InputBounds.MaxTasksPerStage, "Number of Tasks");
            }
            else if (reader.ValueTextEquals("Parent IDs"u8))
            {
                reader.Read();
                parents = ReadIntArray(ref reader);
            }
            else if (reader.ValueTextEquals("RDD Info"u8))
            {
                reader.Read();
                if (from == StageInfoSource.StageCompleted)
                {
                    rdds = ReadRdds(ref reader, line);
                }
                else
                {
                    // Only the completion's RDD list is kept: it carries the cached partition counts.
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("Submission Time"u8))
            {
                reader.Read();
                submission = Clock(JsonRead.Long(ref reader), "Submission Time");
            }
            else if (reader.ValueTextEquals("Completion Time"u8))
            {
                reader.Read();
                completion = Clock(JsonRead.Long(ref reader), "Completion Time");
            }
            else if (reader.ValueTextEquals("Failure Reason"u8))
            {
                reader.Read();
                failure = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("Accumulables"u8) && from == StageInfoSource.StageCompleted)
            {
                reader.Read();
                named = ReadAccumulables(ref reader);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }

        if (id < 0)
        {
            return null;
        }

        if (_finished.ContainsKey((id, attempt)) || !AcceptStage(id, attempt))
        {
            return null;
        }

        var stage = Stage(id, attempt);
        stage.Name = Redact(name) ?? stage.Name;
        if (details is not null && stage.Details is null)
        {
            stage.Details = Redact(details);
        }

        if (numTasks > 0)
        {
            stage.NumTasks = numTasks;
        }

        if (parents is not null)
        {
            stage.ParentIds = parents;
        }

        if (rdds is not null && (rdds.Count > 0 || stage.Rdds.Count == 0))
        {
            stage.Rdds = rdds;
        }

        if (submission > 0)
        {
            stage.SubmissionTime = submission;
        }

        if (completion > 0)
        {
            stage.CompletionTime = completion;
        }

        if (failure is not null)
        {
            stage.FailureReason = Redact(FirstLine(failure));
        }

        if (named is { Count: > 0 })
        {
            stage.Accumulators = named;
        }

        return stage;
    }

    private static string? Shorten(string? text) => text is { Length: > 300 } ? text[..300] : text;

    private static string? FirstLineOf(ref Utf8JsonReader reader)
    {
        return Shorten(FirstLine(JsonRead.String(ref reader)));
    }

    private static List<int> ReadIntArray(ref Utf8JsonReader reader)
    {
        var list = new List<int>();
        if (!JsonRead.IsArray(ref reader))
        {
            return list;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(JsonRead.Int(ref reader));
        }

        return list;
    }

    /// <summary>Keeps SQL metric values by id, and returns the named accumulators analysers read (RAPIDS task metrics), or null.</summary>
    private Dictionary<string, long>? ReadAccumulables(ref Utf8JsonReader reader)
    {
        Dictionary<string, long>? named = null;
        if (!JsonRead.IsArray(ref reader))
        {
            return named;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            long id = -1;
            long value = 0;
            var hasValue = false;
            var internalMetric = false;
            string? kept = null;
            string? text = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("ID"u8))
                {
                    reader.Read();
                    id = JsonRead.Long(ref reader, -1);
                }
                else if (reader.ValueTextEquals("Value"u8))
                {
                    reader.Read();
                    if (reader.TokenType is JsonTokenType.Number or JsonTokenType.String)
                    {
                        text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        value = JsonRead.Long(ref reader);
                        hasValue = true;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("Name"u8))
                {
                    reader.Read();
                    internalMetric = reader.TokenType == JsonTokenType.String && reader.ValueSpan.StartsWith("internal."u8);
                    kept = reader.TokenType == JsonTokenType.String && reader.GetString() is { } n && RapidsTaskMetrics.Names.Contains(n) ? n : null;
                    reader.Skip();
                }
                else
                {
                    JsonRead.SkipProperty(ref reader);
                }
            }

            // Internal task metrics are already summed from task ends; keep only SQL metrics.
            if (id >= 0 && hasValue && !internalMetric && value > _accumulatorValues.GetValueOrDefault(id))
            {
                _accumulatorValues[id] = value;
            }

            if (kept is not null && hasValue)
            {
                // RAPIDS logs its time metrics as "HH:MM:SS.mmm"; a bound keeps a hostile value a number.
                var v = text is not null && TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span) && text.Contains(':', StringComparison.Ordinal)
                    ? (long)Math.Min(span.TotalMilliseconds, InputBounds.MaxDurationMs) : value;
                (named ??= new Dictionary<string, long>(StringComparer.Ordinal))[kept] = Math.Max(0, v);
            }
        }

        return named;
    }
}
