using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Streaming;

/// <summary>Reduces one stage attempt's tasks to statistics as they stream past.</summary>
internal sealed class StageAccumulator(int stageId, int attemptId)
{
    private const int TopCount = 5;
    private static readonly IReadOnlyDictionary<string, int> NoFailures = new Dictionary<string, int>();
    private const int MaxFailureExamples = 5;
    private const int MaxDurationRepresentatives = 4096;

    private readonly QuantileSketch _duration = new();
    private readonly QuantileSketch _runTime = new();
    private readonly QuantileSketch _cpu = new();
    private readonly QuantileSketch _gc = new();
    private readonly QuantileSketch _deserialize = new();
    private readonly QuantileSketch _shuffleRead = new();
    private readonly QuantileSketch _shuffleReadRecords = new();
    private readonly QuantileSketch _shuffleWrite = new();
    private readonly QuantileSketch _shuffleWriteRecords = new();
    private readonly QuantileSketch _fetchWait = new();
    private readonly QuantileSketch _shuffleWriteTime = new();
    private readonly QuantileSketch _memSpill = new();
    private readonly QuantileSketch _diskSpill = new();
    private readonly QuantileSketch _input = new();
    private readonly QuantileSketch _inputRecords = new();
    private readonly QuantileSketch _output = new();
    private readonly QuantileSketch _outputRecords = new();
    private readonly QuantileSketch _peakExec = new();
    private readonly QuantileSketch _resultSize = new();
    private readonly TopTasks _slowest = new(TopCount, t => t.DurationMs);
    private readonly TopTasks _largestShuffle = new(TopCount, t => t.ShuffleReadBytes);
    private readonly TopTasks _largestInput = new(TopCount, t => t.InputBytes);
    private readonly Dictionary<string, int> _failureReasons = new(StringComparer.Ordinal);
    private readonly List<string> _failureExamples = [];
    private readonly HashSet<string> _executors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _peaks = new(StringComparer.Ordinal);

    public int StageId { get; } = stageId;

    public int AttemptId { get; } = attemptId;

    public string? Name { get; set; }

    public string? Details { get; set; }

    public int NumTasks { get; set; }

    public List<int> ParentIds { get; set; } = [];

    public HashSet<int> JobIds { get; } = [];

    public long SubmissionTime { get; set; }

    public long CompletionTime { get; set; }

    public bool Submitted { get; set; }

    public bool Completed { get; set; }

    public string? FailureReason { get; set; }

    public List<RddInfo> Rdds { get; set; } = [];

    public long? SqlExecutionId { get; set; }

    /// <summary>Named accumulators kept from the stage completion (RAPIDS task metrics), by name.</summary>
    public Dictionary<string, long>? Accumulators { get; set; }

    public int TaskCount { get; private set; }

    public int SucceededCount { get; private set; }

    public int FailedCount { get; private set; }

    public int KilledCount { get; private set; }

    public int SpeculativeCount { get; private set; }

    public long FirstLaunch { get; private set; } = long.MaxValue;

    public long LastFinish { get; private set; }

    public void AddTask(in TaskEndRecord t)
    {
        TaskCount++;
        if (t.Speculative)
        {
            SpeculativeCount++;
        }

        if (t.ExecutorId is not null)
        {
            _executors.Add(t.ExecutorId);
        }

        if (t.LaunchTime > 0 && t.LaunchTime < FirstLaunch)
        {
            FirstLaunch = t.LaunchTime;
        }

        if (t.FinishTime > LastFinish)
        {
            LastFinish = t.FinishTime;
        }

        if (!t.Succeeded)
        {
            if (t.Reason == "TaskKilled" || t.Killed)
            {
                KilledCount++;
            }
            else
            {
                FailedCount++;
            }

            var reason = t.Reason ?? "Unknown";
            _failureReasons[reason] = _failureReasons.GetValueOrDefault(reason) + 1;
            if (_failureExamples.Count < MaxFailureExamples && t.FailureDetail is { Length: > 0 } detail)
            {
                _failureExamples.Add(detail);
            }

            // Failed attempts are counted but kept out of the distributions: they describe the scheduler, not the data.
            return;
        }

        SucceededCount++;
        var duration = t.Duration;
        _duration.Add(duration);
        _runTime.Add(t.RunTime);
        _cpu.Add(t.CpuTimeNs / 1_000_000);
        _gc.Add(t.GcTime);
        _deserialize.Add(t.DeserializeTime);
        _shuffleRead.Add(t.ShuffleReadBytes);
        _shuffleReadRecords.Add(t.ShuffleRecordsRead);
        _shuffleWrite.Add(t.ShuffleBytesWritten);
        _shuffleWriteRecords.Add(t.ShuffleRecordsWritten);
        _fetchWait.Add(t.FetchWaitTime);
        _shuffleWriteTime.Add(t.ShuffleWriteTimeNs / 1_000_000);
        _memSpill.Add(t.MemorySpilled);
        _diskSpill.Add(t.DiskSpilled);
        _input.Add(t.InputBytes);
        _inputRecords.Add(t.InputRecords);
        _output.Add(t.OutputBytes);
        _outputRecords.Add(t.OutputRecords);
        _peakExec.Add(t.PeakExecutionMemory);
        _resultSize.Add(t.ResultSize);

        var sample = new TaskSample(t.TaskId, t.Index, t.Attempt, t.ExecutorId, t.Host, t.LaunchTime, duration, t.ShuffleReadBytes, t.InputBytes, t.MemorySpilled + t.DiskSpilled, t.Speculative);
        _slowest.Offer(sample);
        _largestShuffle.Offer(sample);
        _largestInput.Offer(sample);
    }

    public void AddPeak(string metric, long value)
    {
        if (value > _peaks.GetValueOrDefault(metric))
        {
            _peaks[metric] = value;
        }
    }

    public StageInfo Build(Func<int, IReadOnlyList<int>> jobsOf, long? sqlExecutionId)
    {
        var status = Completed
            ? FailureReason is null ? StageStatus.Complete : StageStatus.Failed
            : Submitted || TaskCount > 0 ? StageStatus.Active : StageStatus.Skipped;
        var stats = new TaskStatistics(
            TaskCount, SucceededCount, FailedCount, KilledCount, SpeculativeCount, _executors.Count,
            FirstLaunch == long.MaxValue ? null : FirstLaunch,
            LastFinish == 0 ? null : LastFinish,
            _duration.ToDistribution(), _runTime.ToDistribution(), _cpu.ToDistribution(), _gc.ToDistribution(), _deserialize.ToDistribution(),
            _shuffleRead.ToDistribution(), _shuffleReadRecords.ToDistribution(), _shuffleWrite.ToDistribution(), _shuffleWriteRecords.ToDistribution(),
            _fetchWait.ToDistribution(), _shuffleWriteTime.ToDistribution(), _memSpill.ToDistribution(), _diskSpill.ToDistribution(),
            _input.ToDistribution(), _inputRecords.ToDistribution(), _output.ToDistribution(), _outputRecords.ToDistribution(),
            _peakExec.ToDistribution(), _resultSize.ToDistribution(),
            _slowest.Descending(), _largestShuffle.Descending(), _largestInput.Descending(),
            _failureReasons.Count == 0 ? NoFailures : new Dictionary<string, int>(_failureReasons), _failureExamples.ToArray(),
            _duration.Representatives(MaxDurationRepresentatives), _duration.IsExact);
        var jobs = JobIds.Count > 0 ? JobIds.Order().ToArray() : jobsOf(StageId);
        return new StageInfo(
            StageId, AttemptId, Name ?? $"stage {StageId}", Details, NumTasks, ParentIds.ToArray(), jobs,
            JsonRead.Time(SubmissionTime), JsonRead.Time(CompletionTime), status, FailureReason, SqlExecutionId ?? sqlExecutionId,
            Rdds.Count == 0 ? [] : Rdds.ToArray(), stats, MetricPeaks.From(_peaks))
        {
            Accumulators = Accumulators is { Count: > 0 } kept ? new Dictionary<string, long>(kept, StringComparer.Ordinal) : new Dictionary<string, long>(),
        };
    }
}
