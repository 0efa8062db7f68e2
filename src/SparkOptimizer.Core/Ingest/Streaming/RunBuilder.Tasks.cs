using System.Text.Json;

namespace SparkOptimizer.Ingest.Streaming;

internal sealed partial class RunBuilder
{
    private const int MaxFailureDetail = 300;

    private void OnTaskEnd(ref Utf8JsonReader reader)
    {
        _task = default;
        _task.StageAttemptId = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Task Info"u8))
            {
                reader.Read();
                ReadTaskInfo(ref reader);
            }
            else if (reader.ValueTextEquals("Task Metrics"u8))
            {
                reader.Read();
                ReadTaskMetrics(ref reader);
            }
            else if (reader.ValueTextEquals("Task End Reason"u8))
            {
                reader.Read();
                ReadEndReason(ref reader);
            }
            else if (reader.ValueTextEquals("Task Executor Metrics"u8))
            {
                reader.Read();
                ReadTaskExecutorMetrics(ref reader);
            }
            else if (reader.ValueTextEquals("Stage ID"u8))
            {
                reader.Read();
                _task.StageId = JsonRead.Int(ref reader);
            }
            else if (reader.ValueTextEquals("Stage Attempt ID"u8))
            {
                reader.Read();
                _task.StageAttemptId = JsonRead.Int(ref reader);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }

        _tasks++;
        if (!_task.Succeeded)
        {
            _failedTasks++;
        }

        _runTime += _task.RunTime;
        _cpuTime += _task.CpuTimeNs / 1_000_000;
        _gcTime += _task.GcTime;
        _shuffleRead += _task.ShuffleReadBytes;
        _shuffleWrite += _task.ShuffleBytesWritten;
        _memSpill += _task.MemorySpilled;
        _diskSpill += _task.DiskSpilled;
        _input += _task.InputBytes;
        _output += _task.OutputBytes;
        _taskDuration += _task.Duration;
        Seen(_task.FinishTime);

        var late = AddLateTask(in _task);
        var stage = late ? null : Stage(_task.StageId, _task.StageAttemptId);
        stage?.AddTask(in _task);
        if (_task.ExecutorId is not null)
        {
            var executor = Executor(_task.ExecutorId);
            executor.AddTask(in _task);
            if (_pendingPeaks is { Count: > 0 })
            {
                foreach (var (name, value) in _pendingPeaks)
                {
                    executor.AddPeak(name, value);
                    stage?.AddPeak(name, value);
                }
            }
        }

        _pendingPeaks?.Clear();
    }

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

    private void ReadTaskInfo(ref Utf8JsonReader reader)
    {
        if (!JsonRead.IsObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Task ID"u8))
            {
                reader.Read();
                _task.TaskId = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Index"u8))
            {
                reader.Read();
                _task.Index = JsonRead.Int(ref reader);
            }
            else if (reader.ValueTextEquals("Attempt"u8))
            {
                reader.Read();
                _task.Attempt = JsonRead.Int(ref reader);
            }
            else if (reader.ValueTextEquals("Launch Time"u8))
            {
                reader.Read();
                _task.LaunchTime = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Finish Time"u8))
            {
                reader.Read();
                _task.FinishTime = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Executor ID"u8))
            {
                reader.Read();
                _task.ExecutorId = InternExecutorId(ref reader);
            }
            else if (reader.ValueTextEquals("Host"u8))
            {
                reader.Read();
                _task.Host = InternHost(ref reader);
            }
            else if (reader.ValueTextEquals("Speculative"u8))
            {
                reader.Read();
                _task.Speculative = JsonRead.Bool(ref reader);
            }
            else if (reader.ValueTextEquals("Failed"u8))
            {
                reader.Read();
                _task.Failed = JsonRead.Bool(ref reader);
            }
            else if (reader.ValueTextEquals("Killed"u8))
            {
                reader.Read();
                _task.Killed = JsonRead.Bool(ref reader);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
    }

    // Executor ids repeat on every task end: the known executor's own id instance, found by the value's bytes.
    private string? InternExecutorId(ref Utf8JsonReader reader) => Lookup(ref reader, _executors, out _);

    private readonly Dictionary<string, string> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _reasons = new(StringComparer.Ordinal);

    private string? InternHost(ref Utf8JsonReader reader) => Intern(ref reader, _hosts);

    private string? InternReason(ref Utf8JsonReader reader) => Intern(ref reader, _reasons);

    /// <summary>Returns the one string instance for a repeated value, adding it to the pool when new.</summary>
    private static string? Intern(ref Utf8JsonReader reader, Dictionary<string, string> pool)
    {
        var value = Lookup(ref reader, pool, out var known);
        if (!known && value is not null && pool.Count < 100_000)
        {
            pool[value] = value;
        }

        return value;
    }

    /// <summary>
    /// The string value of the current token: the dictionary's own key when it has it (looked up by the value's bytes,
    /// without allocating), else a new string.
    /// </summary>
    private static string? Lookup<T>(ref Utf8JsonReader reader, Dictionary<string, T> pool, out bool known)
    {
        known = false;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > 256)
        {
            return JsonRead.String(ref reader);
        }

        Span<char> chars = stackalloc char[256];
        var n = System.Text.Encoding.UTF8.GetChars(reader.ValueSpan, chars);
        if (pool.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..n], out var key, out _))
        {
            known = true;
            return key;
        }

        return new string(chars[..n]);
    }

    private void ReadEndReason(ref Utf8JsonReader reader)
    {
        if (!JsonRead.IsObject(ref reader))
        {
            return;
        }

        string? className = null;
        string? description = null;
        string? loss = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Reason"u8))
            {
                reader.Read();
                _task.Reason = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("Success"u8) ? null : InternReason(ref reader);
            }
            else if (reader.ValueTextEquals("Class Name"u8))
            {
                reader.Read();
                className = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("Description"u8) || reader.ValueTextEquals("Message"u8))
            {
                reader.Read();
                description = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("Loss Reason"u8) || reader.ValueTextEquals("Kill Reason"u8))
            {
                reader.Read();
                loss = JsonRead.String(ref reader);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }

        if (_task.Reason is not null)
        {
            var detail = string.Join(": ", new[] { _task.Reason, className, FirstLine(description), FirstLine(loss) }.Where(s => !string.IsNullOrEmpty(s)));
            _task.FailureDetail = Redact(detail.Length > MaxFailureDetail ? detail[..MaxFailureDetail] : detail);
        }
    }

    private static string? FirstLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var nl = text.IndexOf('\n');
        return (nl >= 0 ? text[..nl] : text).Trim();
    }

    private void ReadTaskMetrics(ref Utf8JsonReader reader)
    {
        if (!JsonRead.IsObject(ref reader))
        {
            return;
        }

        _task.HasMetrics = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Executor Run Time"u8))
            {
                reader.Read();
                _task.RunTime = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Executor CPU Time"u8))
            {
                reader.Read();
                _task.CpuTimeNs = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("JVM GC Time"u8))
            {
                reader.Read();
                _task.GcTime = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Executor Deserialize Time"u8))
            {
                reader.Read();
                _task.DeserializeTime = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Result Size"u8))
            {
                reader.Read();
                _task.ResultSize = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Peak Execution Memory"u8))
            {
                reader.Read();
                _task.PeakExecutionMemory = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Memory Bytes Spilled"u8))
            {
                reader.Read();
                _task.MemorySpilled = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Disk Bytes Spilled"u8))
            {
                reader.Read();
                _task.DiskSpilled = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Shuffle Read Metrics"u8))
            {
                reader.Read();
                ReadShuffleRead(ref reader);
            }
            else if (reader.ValueTextEquals("Shuffle Write Metrics"u8))
            {
                reader.Read();
                ReadShuffleWrite(ref reader);
            }
            else if (reader.ValueTextEquals("Input Metrics"u8))
            {
                reader.Read();
                ReadIo(ref reader, "Bytes Read"u8, "Records Read"u8, out _task.InputBytes, out _task.InputRecords);
            }
            else if (reader.ValueTextEquals("Output Metrics"u8))
            {
                reader.Read();
                ReadIo(ref reader, "Bytes Written"u8, "Records Written"u8, out _task.OutputBytes, out _task.OutputRecords);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
    }

    private void ReadShuffleRead(ref Utf8JsonReader reader)
    {
        if (!JsonRead.IsObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Remote Bytes Read"u8))
            {
                reader.Read();
                _task.RemoteBytesRead = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Local Bytes Read"u8))
            {
                reader.Read();
                _task.LocalBytesRead = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Total Records Read"u8))
            {
                reader.Read();
                _task.ShuffleRecordsRead = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Fetch Wait Time"u8))
            {
                reader.Read();
                _task.FetchWaitTime = JsonRead.Long(ref reader);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
    }

    private void ReadShuffleWrite(ref Utf8JsonReader reader)
    {
        if (!JsonRead.IsObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Shuffle Bytes Written"u8))
            {
                reader.Read();
                _task.ShuffleBytesWritten = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Shuffle Records Written"u8))
            {
                reader.Read();
                _task.ShuffleRecordsWritten = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Shuffle Write Time"u8))
            {
                reader.Read();
                _task.ShuffleWriteTimeNs = JsonRead.Long(ref reader);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
    }

    private static void ReadIo(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytesName, ReadOnlySpan<byte> recordsName, out long bytes, out long records)
    {
        bytes = 0;
        records = 0;
        if (!JsonRead.IsObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(bytesName))
            {
                reader.Read();
                bytes = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals(recordsName))
            {
                reader.Read();
                records = JsonRead.Long(ref reader);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
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
