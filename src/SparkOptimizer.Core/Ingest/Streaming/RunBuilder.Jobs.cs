using System.Globalization;
using System.Text.Json;

namespace SparkOptimizer.Ingest.Streaming;

internal sealed partial class RunBuilder
{
    private void OnJobStart(ref Utf8JsonReader reader)
    {
        var jobId = -1;
        long submission = 0;
        List<int>? stageIds = null;
        List<int>? infoIds = null;
        long? sqlId = null;
        string? group = null;
        string? description = null;
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
                submission = Clock(JsonRead.Long(ref reader), "Submission Time");
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
                    else if (k == "spark.job.description")
                    {
                        description = v.Length > 200 ? v[..200] : v;
                    }
                    else if (k == "spark.databricks.job.id" && _databricksJobId is null && v.Length > 0)
                    {
                        // The Databricks Jobs service tags the Spark jobs of a job run; a notebook session has no such tag.
                        _databricksJobId = v.Length > 64 ? v[..64] : v;
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
            Description = Redact(description),
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
                completion = Clock(JsonRead.Long(ref reader), "Completion Time");
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
}
