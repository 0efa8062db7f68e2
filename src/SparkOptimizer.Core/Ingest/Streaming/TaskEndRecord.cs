namespace SparkOptimizer.Ingest.Streaming;

/// <summary>The fields of one SparkListenerTaskEnd the engine keeps; a mutable struct reused per line to avoid allocation.</summary>
internal struct TaskEndRecord
{
    public int StageId;
    public int StageAttemptId;
    public string? Reason;
    public string? FailureDetail;
    public long TaskId;
    public int Index;
    public int Attempt;
    public long LaunchTime;
    public long FinishTime;
    public string? ExecutorId;
    public string? Host;
    public bool Speculative;
    public bool Failed;
    public bool Killed;
    public bool HasMetrics;
    public bool HasTaskId;
    public long RunTime;
    public long CpuTimeNs;
    public long GcTime;
    public long DeserializeTime;
    public long ResultSize;
    public long PeakExecutionMemory;
    public long MemorySpilled;
    public long DiskSpilled;
    public long RemoteBytesRead;
    public long LocalBytesRead;
    public long ShuffleRecordsRead;
    public long FetchWaitTime;
    public long ShuffleBytesWritten;
    public long ShuffleRecordsWritten;
    public long ShuffleWriteTimeNs;
    public long InputBytes;
    public long InputRecords;
    public long OutputBytes;
    public long OutputRecords;

    public readonly bool Succeeded => Reason is null or "Success";

    public readonly long Duration => FinishTime > 0 && LaunchTime > 0 ? Math.Max(0, FinishTime - LaunchTime) : RunTime;

    public readonly long ShuffleReadBytes => RemoteBytesRead + LocalBytesRead;
}
