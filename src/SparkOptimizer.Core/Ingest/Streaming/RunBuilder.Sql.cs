using System.Text.Json;

namespace SparkOptimizer.Ingest.Streaming;

internal sealed partial class RunBuilder
{
    // The head of the plan text is kept for people to read; analyzers work on the plan tree, so the rest would only cost memory.
    private const int MaxPlanDescription = 8 * 1024;

    private SqlAccumulator Sql(long id)
    {
        if (!_sql.TryGetValue(id, out var sql))
        {
            _sql[id] = sql = new SqlAccumulator(id);
        }

        return sql;
    }

    private void OnSqlStart(ref Utf8JsonReader reader)
    {
        long id = -1;
        string? description = null;
        string? plan = null;
        PlanNodeDraft? root = null;
        long time = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("executionId"u8))
            {
                reader.Read();
                id = JsonRead.Long(ref reader, -1);
            }
            else if (reader.ValueTextEquals("description"u8))
            {
                reader.Read();
                description = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("physicalPlanDescription"u8))
            {
                reader.Read();
                plan = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("sparkPlanInfo"u8))
            {
                reader.Read();
                root = ReadPlanNode(ref reader);
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                time = Clock(JsonRead.Long(ref reader), "time");
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }

        _sqlStarts++;
        Seen(time);
        if (id < 0)
        {
            return;
        }

        var sql = Sql(id);
        sql.Description = Redact(description is { Length: > 2000 } ? description[..2000] : description);
        sql.StartTime = time;
        sql.Plan = root ?? sql.Plan;
        sql.PhysicalPlanDescription = Redact(Truncate(plan));
    }

    private static string? Truncate(string? plan) => plan is { Length: > MaxPlanDescription } ? plan[..MaxPlanDescription] + "\n... (truncated)" : plan;

    private void OnSqlEnd(ref Utf8JsonReader reader)
    {
        long id = -1;
        long time = 0;
        string? error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("executionId"u8))
            {
                reader.Read();
                id = JsonRead.Long(ref reader, -1);
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                time = Clock(JsonRead.Long(ref reader), "time");
            }
            else if (reader.ValueTextEquals("errorMessage"u8))
            {
                reader.Read();
                error = FirstLine(JsonRead.String(ref reader));
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }

        Seen(time);
        if (id >= 0)
        {
            var sql = Sql(id);
            sql.EndTime = time;
            sql.ErrorMessage = Redact(error is { Length: > 0 } ? error : null);
        }
    }

    private void OnSqlPlanUpdate(ref Utf8JsonReader reader)
    {
        long id = -1;
        string? plan = null;
        PlanNodeDraft? root = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("executionId"u8))
            {
                reader.Read();
                id = JsonRead.Long(ref reader, -1);
            }
            else if (reader.ValueTextEquals("physicalPlanDescription"u8))
            {
                reader.Read();
                plan = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("sparkPlanInfo"u8))
            {
                reader.Read();
                root = ReadPlanNode(ref reader);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }

        if (id < 0)
        {
            return;
        }

        var sql = Sql(id);
        sql.PlanUpdates++;
        sql.Plan = root ?? sql.Plan;
        sql.PhysicalPlanDescription = plan is null ? sql.PhysicalPlanDescription : Redact(Truncate(plan));
    }

    private void OnDriverAccumUpdates(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("accumUpdates"u8))
            {
                reader.Read();
                if (!JsonRead.IsArray(ref reader))
                {
                    continue;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        reader.Skip();
                        continue;
                    }

                    reader.Read();
                    var id = JsonRead.Long(ref reader, -1);
                    reader.Read();
                    var value = reader.TokenType == JsonTokenType.EndArray ? 0 : JsonRead.Long(ref reader);
                    while (reader.TokenType != JsonTokenType.EndArray && reader.Read())
                    {
                        reader.Skip();
                    }

                    if (id >= 0 && value > _accumulatorValues.GetValueOrDefault(id))
                    {
                        _accumulatorValues[id] = value;
                    }
                }
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
    }

    private PlanNodeDraft? ReadPlanNode(ref Utf8JsonReader reader)
    {
        if (!JsonRead.IsObject(ref reader))
        {
            return null;
        }

        var node = new PlanNodeDraft();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("nodeName"u8))
            {
                reader.Read();
                node.NodeName = JsonRead.String(ref reader) ?? string.Empty;
            }
            else if (reader.ValueTextEquals("simpleString"u8))
            {
                reader.Read();
                var s = JsonRead.String(ref reader) ?? string.Empty;
                node.SimpleString = Redact(s.Length > 4000 ? s[..4000] : s)!;
            }
            else if (reader.ValueTextEquals("children"u8))
            {
                reader.Read();
                if (!JsonRead.IsArray(ref reader))
                {
                    continue;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (ReadPlanNode(ref reader) is { } child)
                    {
                        node.Children.Add(child);
                    }
                }
            }
            else if (reader.ValueTextEquals("metrics"u8))
            {
                reader.Read();
                ReadPlanMetrics(ref reader, node);
            }
            else if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                JsonRead.StringMap(ref reader, (k, v) => node.Metadata[k] = Redact(v.Length > 2000 ? v[..2000] : v)!);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }

        return node;
    }

    private static void ReadPlanMetrics(ref Utf8JsonReader reader, PlanNodeDraft node)
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

            string? name = null;
            string? type = null;
            long id = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    name = JsonRead.String(ref reader);
                }
                else if (reader.ValueTextEquals("accumulatorId"u8))
                {
                    reader.Read();
                    id = JsonRead.Long(ref reader, -1);
                }
                else if (reader.ValueTextEquals("metricType"u8))
                {
                    reader.Read();
                    type = JsonRead.String(ref reader);
                }
                else
                {
                    JsonRead.SkipProperty(ref reader);
                }
            }

            if (name is not null && id >= 0)
            {
                node.Metrics.Add((name, id, type ?? "sum"));
            }
        }
    }
}
