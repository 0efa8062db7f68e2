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

        if (!AcceptTask())
        {
            _pendingPeaks?.Clear();
            return;
        }

        _tasks++;
        if (!_task.Succeeded)
        {
            _failedTasks++;
        }

        _runTime = Add(_runTime, _task.RunTime, "total run time");
        _cpuTime = Add(_cpuTime, _task.CpuTimeNs / 1_000_000, "total CPU time");
        _gcTime = Add(_gcTime, _task.GcTime, "total GC time");
        _shuffleRead = Add(_shuffleRead, _task.ShuffleReadBytes, "total shuffle read");
        _shuffleWrite = Add(_shuffleWrite, _task.ShuffleBytesWritten, "total shuffle write");
        _memSpill = Add(_memSpill, _task.MemorySpilled, "total memory spill");
        _diskSpill = Add(_diskSpill, _task.DiskSpilled, "total disk spill");
        _input = Add(_input, _task.InputBytes, "total input");
        _output = Add(_output, _task.OutputBytes, "total output");
        _taskDuration = Add(_taskDuration, _task.Duration, "total task time");
        Seen(_task.FinishTime);

        var late = AddLateTask(in _task);
        var stage = late || !AcceptStage(_task.StageId, _task.StageAttemptId) ? null : Stage(_task.StageId, _task.StageAttemptId);
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
                _task.HasTaskId = true;
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
}
