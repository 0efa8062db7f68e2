using System.Text.Json;

namespace SparkOptimizer.Ingest.Streaming;

internal sealed partial class RunBuilder
{
    private List<(string Name, long Value)>? _pendingPeaks;
    private readonly Dictionary<string, string> _metricNames = new(StringComparer.Ordinal);

    private void ReadTaskExecutorMetrics(ref Utf8JsonReader reader)
    {
        if (!JsonRead.IsObject(ref reader))
        {
            return;
        }

        _pendingPeaks ??= [];
        _pendingPeaks.Clear();
        _metricCursor = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = InternMetricName(ref reader);
            reader.Read();
            var value = JsonRead.Long(ref reader);
            if (value > 0)
            {
                _pendingPeaks.Add((name, value));
            }
        }
    }

    private readonly List<(byte[] Utf8, string Name)> _knownMetrics = [];
    private int _metricCursor;

    private string InternMetricName(ref Utf8JsonReader reader)
    {
        // Metric names repeat, in the same order, on every task end: match them as bytes so peaks cost no allocation.
        var count = _knownMetrics.Count;
        for (var i = 0; i < count; i++)
        {
            var candidate = _knownMetrics[(_metricCursor + i) % count];
            if (reader.ValueTextEquals(candidate.Utf8))
            {
                _metricCursor = (_metricCursor + i + 1) % count;
                return candidate.Name;
            }
        }

        // Not among the known names (all were tried above): remember it for the next task end.
        var name = Intern(ref reader, _metricNames) ?? string.Empty;
        if (_knownMetrics.Count < 256)
        {
            _knownMetrics.Add((System.Text.Encoding.UTF8.GetBytes(name), name));
        }

        return name;
    }

    private void OnStageExecutorMetrics(ref Utf8JsonReader reader)
    {
        string? executorId = null;
        var stageId = -1;
        var attemptId = 0;
        List<(string, long)>? metrics = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Executor ID"u8))
            {
                reader.Read();
                executorId = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("Stage ID"u8))
            {
                reader.Read();
                stageId = JsonRead.Int(ref reader);
            }
            else if (reader.ValueTextEquals("Stage Attempt ID"u8))
            {
                reader.Read();
                attemptId = JsonRead.Int(ref reader);
            }
            else if (reader.ValueTextEquals("Executor Metrics"u8))
            {
                reader.Read();
                if (!JsonRead.IsObject(ref reader))
                {
                    continue;
                }

                metrics = [];
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = InternMetricName(ref reader);
                    reader.Read();
                    metrics.Add((name, JsonRead.Long(ref reader)));
                }
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }

        if (executorId is null || metrics is null)
        {
            return;
        }

        var executor = Executor(executorId);
        var stage = stageId >= 0 && !_finished.ContainsKey((stageId, attemptId)) ? Stage(stageId, attemptId) : null;
        foreach (var (name, value) in metrics)
        {
            executor.AddPeak(name, value);
            stage?.AddPeak(name, value);
        }
    }
}
