using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Streaming;

/// <summary>
/// The parser's side of <see cref="InputBounds"/>: every quantity that enters the model passes one of these checks.
/// The first value of a field past its bound is warned about with its file and line; later ones are counted in one
/// warning at the end, so a hostile log cannot flood the warnings either.
/// </summary>
internal sealed partial class RunBuilder
{
    private readonly Dictionary<string, (long Count, string File, long Line)> _boundHits = new(StringComparer.Ordinal);
    private readonly TaskEndSet _taskEnds = new();
    private long _duplicateTaskEnds;
    private long _droppedStages;

    /// <summary>An epoch-millisecond clock: 0 (absent) and 1970..9999 pass; anything else is treated as absent.</summary>
    private long Clock(long ms, string field)
    {
        if (ms is >= 0 and <= InputBounds.MaxTimestampMs)
        {
            return ms;
        }

        Hit(field, $"{field} {ms} is not a time between 1970 and 9999; treated as unknown");
        return 0;
    }

    /// <summary>A non-negative amount at most <paramref name="max"/>: negative is 0, past the bound is the bound.</summary>
    private long Amount(long value, long max, string field)
    {
        if (value >= 0 && value <= max)
        {
            return value;
        }

        Hit(field, value < 0 ? $"{field} {value} is negative; counted as 0" : $"{field} {value} is past the bound {max}; clamped to it");
        return value < 0 ? 0 : max;
    }

    private int Count(int value, int max, string field) => (int)Amount(value, max, field);

    private long Bytes(long value, string field) => Amount(value, InputBounds.MaxMemoryBytes, field);

    private long Millis(long value, string field) => Amount(value, InputBounds.MaxDurationMs, field);

    /// <summary>After each event: a number past Int64 anywhere in it was clamped by the reader; say so once per line.</summary>
    private void CheckPastInt64(long before)
    {
        if (JsonRead.PastInt64 != before)
        {
            Hit("number", "a number past the Int64 range was clamped to it");
        }
    }

    /// <summary>Bounds every clock, duration and size of the task end just read; false when it repeats one already counted.</summary>
    private bool AcceptTask()
    {
        ref var t = ref _task;
        t.LaunchTime = Clock(t.LaunchTime, "Launch Time");
        t.FinishTime = Clock(t.FinishTime, "Finish Time");
        if (t.FinishTime > 0 && t.LaunchTime > 0 && t.FinishTime < t.LaunchTime)
        {
            Hit("task duration", $"task {t.TaskId} finishes {t.LaunchTime - t.FinishTime} ms before it launches; its duration is counted as 0");
        }

        t.RunTime = Millis(t.RunTime, "Executor Run Time");
        t.CpuTimeNs = Amount(t.CpuTimeNs, InputBounds.MaxDurationMs * 1_000_000, "Executor CPU Time");
        t.GcTime = Millis(t.GcTime, "JVM GC Time");
        t.DeserializeTime = Millis(t.DeserializeTime, "Executor Deserialize Time");
        t.FetchWaitTime = Millis(t.FetchWaitTime, "Fetch Wait Time");
        t.ShuffleWriteTimeNs = Amount(t.ShuffleWriteTimeNs, InputBounds.MaxDurationMs * 1_000_000, "Shuffle Write Time");
        t.ResultSize = Bytes(t.ResultSize, "Result Size");
        t.PeakExecutionMemory = Bytes(t.PeakExecutionMemory, "Peak Execution Memory");
        t.MemorySpilled = Bytes(t.MemorySpilled, "Memory Bytes Spilled");
        t.DiskSpilled = Bytes(t.DiskSpilled, "Disk Bytes Spilled");
        t.RemoteBytesRead = Bytes(t.RemoteBytesRead, "Remote Bytes Read");
        t.LocalBytesRead = Bytes(t.LocalBytesRead, "Local Bytes Read");
        t.ShuffleBytesWritten = Bytes(t.ShuffleBytesWritten, "Shuffle Bytes Written");
        t.InputBytes = Bytes(t.InputBytes, "Input Bytes Read");
        t.OutputBytes = Bytes(t.OutputBytes, "Output Bytes Written");
        t.ShuffleRecordsRead = Amount(t.ShuffleRecordsRead, long.MaxValue, "Shuffle Records Read");
        t.ShuffleRecordsWritten = Amount(t.ShuffleRecordsWritten, long.MaxValue, "Shuffle Records Written");
        t.InputRecords = Amount(t.InputRecords, long.MaxValue, "Records Read");
        t.OutputRecords = Amount(t.OutputRecords, long.MaxValue, "Records Written");

        // Spark gives every attempt its own task id: a second end for the same id and attempt is the same task written twice,
        // except Spark's own "Resubmitted" end, written after a success when an executor lost the task's shuffle output.
        if (t.HasTaskId && t.Reason != "Resubmitted" && !_taskEnds.Add(t.TaskId, t.Attempt))
        {
            _duplicateTaskEnds++;
            return false;
        }

        return true;
    }

    /// <summary>False (and counted) for a stage past <see cref="InputBounds.MaxStages"/> distinct stages.</summary>
    private bool AcceptStage(int stageId, int attemptId)
    {
        if (_stages.Count + _finished.Count < InputBounds.MaxStages || _stages.ContainsKey((stageId, attemptId)) || _finished.ContainsKey((stageId, attemptId)))
        {
            return true;
        }

        _droppedStages++;
        return false;
    }

    /// <summary>A running total that stops at long.MaxValue, with a warning, instead of wrapping negative.</summary>
    private long Add(long total, long value, string field)
    {
        var sum = InputBounds.SaturatingAdd(total, value);
        if (sum == long.MaxValue && total != long.MaxValue)
        {
            Hit(field, $"{field} overflows Int64; it stops at {long.MaxValue}");
        }

        return sum;
    }

    private void Hit(string field, string message)
    {
        if (_boundHits.TryGetValue(field, out var hit))
        {
            _boundHits[field] = hit with { Count = hit.Count + 1 };
            return;
        }

        _boundHits[field] = (1, CurrentFile, CurrentLine);
        Warn(message);
    }

    /// <summary>The warnings that summarise the whole log: repeated bound hits, duplicates dropped, stages not kept.</summary>
    private IEnumerable<IngestWarning> TotalWarnings()
    {
        foreach (var (field, hit) in _boundHits.Where(h => h.Value.Count > 1).OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            yield return new IngestWarning(hit.File, null, $"{hit.Count} values of {field} were out of bounds in all (the first at line {hit.Line})");
        }

        if (_duplicateTaskEnds > 0)
        {
            yield return new IngestWarning(CurrentFile, null, $"{_duplicateTaskEnds} duplicate task end events (same task id and attempt) dropped: each task is counted once");
        }

        if (_droppedStages > 0)
        {
            yield return new IngestWarning(CurrentFile, null, $"{_droppedStages} stage events past the bound of {InputBounds.MaxStages} distinct stages were not kept");
        }
    }
}
