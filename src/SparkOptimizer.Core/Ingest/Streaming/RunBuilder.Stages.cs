using System.Globalization;
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
                numTasks = JsonRead.Int(ref reader);
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
                submission = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Completion Time"u8))
            {
                reader.Read();
                completion = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Failure Reason"u8))
            {
                reader.Read();
                failure = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("Accumulables"u8) && from == StageInfoSource.StageCompleted)
            {
                reader.Read();
                ReadAccumulables(ref reader);
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

        if (_finished.ContainsKey((id, attempt)))
        {
            return null;
        }

        var stage = Stage(id, attempt);
        stage.Name = name ?? stage.Name;
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

        return stage;
    }

    private static List<int> ReadStageIdsFromInfos(ref Utf8JsonReader reader)
    {
        var ids = new List<int>();
        if (!JsonRead.IsArray(ref reader))
        {
            return ids;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Stage ID"u8))
                {
                    reader.Read();
                    ids.Add(JsonRead.Int(ref reader));
                }
                else
                {
                    JsonRead.SkipProperty(ref reader);
                }
            }
        }

        return ids;
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

    private void ReadAccumulables(ref Utf8JsonReader reader)
    {
        if (!JsonRead.IsArray(ref reader))
        {
            return;
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
        }
    }

    private static List<RddInfo> ReadRdds(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        var list = new List<RddInfo>();
        if (!JsonRead.IsArray(ref reader))
        {
            return list;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            int id = -1, partitions = 0, cached = 0;
            long mem = 0, disk = 0;
            string? storage = null;
            TextSlice name = default, callSite = default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("RDD ID"u8))
                {
                    reader.Read();
                    id = JsonRead.Int(ref reader, -1);
                }
                else if (reader.ValueTextEquals("Name"u8))
                {
                    reader.Read();
                    name = TextSlice.Of(ref reader);
                }
                else if (reader.ValueTextEquals("Callsite"u8))
                {
                    reader.Read();
                    callSite = TextSlice.Of(ref reader);
                }
                else if (reader.ValueTextEquals("Storage Level"u8))
                {
                    reader.Read();
                    storage = ReadStorageLevel(ref reader);
                }
                else if (reader.ValueTextEquals("Number of Partitions"u8))
                {
                    reader.Read();
                    partitions = JsonRead.Int(ref reader);
                }
                else if (reader.ValueTextEquals("Number of Cached Partitions"u8))
                {
                    reader.Read();
                    cached = JsonRead.Int(ref reader);
                }
                else if (reader.ValueTextEquals("Memory Size"u8))
                {
                    reader.Read();
                    mem = JsonRead.Long(ref reader);
                }
                else if (reader.ValueTextEquals("Disk Size"u8))
                {
                    reader.Read();
                    disk = JsonRead.Long(ref reader);
                }
                else
                {
                    JsonRead.SkipProperty(ref reader);
                }
            }

            // Only RDDs asked to be cached matter later (caching analysis); their text is decoded only then.
            var rdd = new RddInfo(id, string.Empty, null, storage, partitions, cached, mem, disk, null);
            if (id >= 0 && rdd.IsCached)
            {
                list.Add(rdd with { Name = name.Decode(line) ?? $"rdd {id}", CallSite = Shorten(callSite.Decode(line)) });
            }
        }

        return list;
    }

    private static string? ReadStorageLevel(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (!JsonRead.IsObject(ref reader))
        {
            return null;
        }

        bool disk = false, memory = false, offHeap = false, deserialized = false;
        var replication = 1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Use Disk"u8))
            {
                reader.Read();
                disk = JsonRead.Bool(ref reader);
            }
            else if (reader.ValueTextEquals("Use Memory"u8))
            {
                reader.Read();
                memory = JsonRead.Bool(ref reader);
            }
            else if (reader.ValueTextEquals("Use Off Heap"u8) || reader.ValueTextEquals("Use ExternalBlockStore"u8))
            {
                reader.Read();
                offHeap = JsonRead.Bool(ref reader);
            }
            else if (reader.ValueTextEquals("Deserialized"u8))
            {
                reader.Read();
                deserialized = JsonRead.Bool(ref reader);
            }
            else if (reader.ValueTextEquals("Replication"u8))
            {
                reader.Read();
                replication = JsonRead.Int(ref reader, 1);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }

        if (!disk && !memory && !offHeap)
        {
            return "None";
        }

        var parts = new List<string>();
        if (disk)
        {
            parts.Add("Disk");
        }

        if (memory)
        {
            parts.Add("Memory");
        }

        if (offHeap)
        {
            parts.Add("OffHeap");
        }

        parts.Add(deserialized ? "Deserialized" : "Serialized");
        parts.Add(replication.ToString(CultureInfo.InvariantCulture) + "x Replicated");
        return string.Join(' ', parts);
    }

    private void OnJobStart(ref Utf8JsonReader reader)
    {
        var jobId = -1;
        long submission = 0;
        List<int>? stageIds = null;
        List<int>? infoIds = null;
        long? sqlId = null;
        string? group = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Job ID"u8))
            {
                reader.Read();
                jobId = JsonRead.Int(ref reader, -1);
            }
            else if (reader.ValueTextEquals("Submission Time"u8))
            {
                reader.Read();
                submission = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Stage IDs"u8))
            {
                reader.Read();
                stageIds = ReadIntArray(ref reader);
            }
            else if (reader.ValueTextEquals("Stage Infos"u8))
            {
                // The stages a job names are mostly skipped (their output is reused); only their ids are needed,
                // and only when the event lacks "Stage IDs" (very old logs).
                reader.Read();
                infoIds = ReadStageIdsFromInfos(ref reader);
            }
            else if (reader.ValueTextEquals("Properties"u8))
            {
                reader.Read();
                JsonRead.StringMap(ref reader, (k, v) =>
                {
                    if (k == "spark.sql.execution.id" && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sid))
                    {
                        sqlId = sid;
                    }
                    else if (k == "spark.jobGroup.id")
                    {
                        group = v;
                    }
                });
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }

        _jobCount++;
        Seen(submission);
        if (jobId < 0)
        {
            return;
        }

        var job = new JobAccumulator(jobId)
        {
            SubmissionTime = submission,
            StageIds = stageIds ?? infoIds ?? [],
            SqlExecutionId = sqlId,
            JobGroup = Redact(group),
        };
        _jobs[jobId] = job;
        foreach (var stageId in job.StageIds)
        {
            if (!_jobsByStage.TryGetValue(stageId, out var list))
            {
                _jobsByStage[stageId] = list = [];
            }

            list.Add(jobId);
            if (sqlId is { } s)
            {
                _stageSql.TryAdd(stageId, s);
            }
        }

        if (sqlId is { } id && _sql.TryGetValue(id, out var sql))
        {
            sql.JobIds.Add(jobId);
        }
        else if (sqlId is { } id2)
        {
            var created = new SqlAccumulator(id2);
            created.JobIds.Add(jobId);
            _sql[id2] = created;
        }
    }

    private void OnJobEnd(ref Utf8JsonReader reader)
    {
        var jobId = -1;
        long completion = 0;
        bool? succeeded = null;
        string? failure = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Job ID"u8))
            {
                reader.Read();
                jobId = JsonRead.Int(ref reader, -1);
            }
            else if (reader.ValueTextEquals("Completion Time"u8))
            {
                reader.Read();
                completion = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Job Result"u8))
            {
                reader.Read();
                if (!JsonRead.IsObject(ref reader))
                {
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("Result"u8))
                    {
                        reader.Read();
                        succeeded = JsonRead.String(ref reader) == "JobSucceeded";
                    }
                    else if (reader.ValueTextEquals("Exception"u8))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                            {
                                if (reader.ValueTextEquals("Message"u8))
                                {
                                    reader.Read();
                                    failure = FirstLine(JsonRead.String(ref reader));
                                }
                                else
                                {
                                    JsonRead.SkipProperty(ref reader);
                                }
                            }
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                    else
                    {
                        JsonRead.SkipProperty(ref reader);
                    }
                }
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }

        Seen(completion);
        if (jobId < 0)
        {
            return;
        }

        if (!_jobs.TryGetValue(jobId, out var job))
        {
            _jobs[jobId] = job = new JobAccumulator(jobId);
        }

        job.CompletionTime = completion;
        job.Succeeded = succeeded;
        job.FailureReason = Redact(failure);
    }
}
