using System.Text.Json;
using SparkOptimizer.Ingest.Redaction;
using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Streaming;

/// <summary>
/// Folds a stream of event-log lines into a <see cref="SparkRun"/>. One instance per application attempt.
/// Each handler reads only the fields it needs and skips the rest; unknown events are skipped whole.
/// </summary>
internal sealed partial class RunBuilder
{
    private readonly Dictionary<(int Stage, int Attempt), StageAccumulator> _stages = [];

    // Completed stages are reduced to their final record at once, so memory holds only running stages' sketches.
    private readonly Dictionary<(int Stage, int Attempt), StageInfo> _finished = [];
    private readonly Dictionary<string, ExecutorAccumulator> _executors = new(StringComparer.Ordinal);
    private readonly Dictionary<int, JobAccumulator> _jobs = [];
    private readonly Dictionary<int, List<int>> _jobsByStage = [];
    private readonly Dictionary<long, SqlAccumulator> _sql = [];
    private readonly Dictionary<long, long> _accumulatorValues = [];
    private string? _databricksJobId;
    private readonly Dictionary<int, long> _stageSql = [];
    private readonly List<IngestWarning> _warnings = [];
    private readonly SecretRedactor _redactor;
    private readonly Dictionary<string, string> _sparkProps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _hadoopProps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _systemProps = new(StringComparer.Ordinal);
    private readonly List<string> _redactedKeys = [];
    private readonly HashSet<int> _unpersistedRdds = [];
    private TaskEndRecord _task;

    private string? _appId;
    private string? _attemptId;
    private string? _appName;
    private string? _user;
    private string? _sparkVersion;
    private long _start;
    private long _end;
    private long _lastEvent;
    private string? _javaVersion;
    private string? _scalaVersion;
    private string? _classPathMarkers;

    private int _jobCount;
    private int _stageCompletions;
    private int _failedStages;
    private long _tasks;
    private long _failedTasks;
    private long _runTime;
    private long _cpuTime;
    private long _gcTime;
    private long _shuffleRead;
    private long _shuffleWrite;
    private long _memSpill;
    private long _diskSpill;
    private long _input;
    private long _output;
    private long _taskDuration;
    private int _executorsAdded;
    private int _executorsRemoved;
    private int _sqlStarts;

    public RunBuilder(SecretRedactor redactor)
    {
        _redactor = redactor;
    }

    public string CurrentFile { get; set; } = string.Empty;

    public long CurrentLine { get; set; }

    public long Events { get; private set; }

    public bool SawApplicationStart => _start > 0 || _appId is not null;

    public bool SawLogStart => _sparkVersion is not null;

    public bool SawAnyEvent => Events > 0;

    public IReadOnlyList<string> UnpersistedRdds => _unpersistedRdds.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public void Warn(string message, long? line = null) => _warnings.Add(new IngestWarning(CurrentFile, line ?? CurrentLine, message));

    public void WarnFile(string message) => _warnings.Add(new IngestWarning(CurrentFile, null, message));

    /// <summary>Handles one event; the reader is positioned before the event object.</summary>
    public void Handle(ReadOnlySpan<byte> eventName, ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        var pastInt64 = JsonRead.PastInt64;
        if (eventName.SequenceEqual("SparkListenerTaskEnd"u8))
        {
            OnTaskEnd(ref reader);
        }
        else if (eventName.SequenceEqual("SparkListenerTaskStart"u8) || eventName.SequenceEqual("SparkListenerBlockUpdated"u8)
                 || eventName.SequenceEqual("SparkListenerTaskGettingResult"u8) || eventName.SequenceEqual("SparkListenerSpeculativeTaskSubmitted"u8))
        {
            // High-volume events we do not need: the task end carries everything.
        }
        else if (eventName.SequenceEqual("SparkListenerStageExecutorMetrics"u8))
        {
            OnStageExecutorMetrics(ref reader);
        }
        else if (eventName.SequenceEqual("SparkListenerStageSubmitted"u8))
        {
            OnStage(ref reader, completed: false, line);
        }
        else if (eventName.SequenceEqual("SparkListenerStageCompleted"u8))
        {
            OnStage(ref reader, completed: true, line);
        }
        else if (eventName.SequenceEqual("SparkListenerJobStart"u8))
        {
            OnJobStart(ref reader);
        }
        else if (eventName.SequenceEqual("SparkListenerJobEnd"u8))
        {
            OnJobEnd(ref reader);
        }
        else if (eventName.SequenceEqual("SparkListenerExecutorAdded"u8))
        {
            OnExecutorAdded(ref reader);
        }
        else if (eventName.SequenceEqual("SparkListenerExecutorRemoved"u8))
        {
            OnExecutorRemoved(ref reader);
        }
        else if (eventName.SequenceEqual("SparkListenerBlockManagerAdded"u8))
        {
            OnBlockManagerAdded(ref reader);
        }
        else if (eventName.SequenceEqual("SparkListenerEnvironmentUpdate"u8))
        {
            OnEnvironmentUpdate(ref reader);
        }
        else if (eventName.SequenceEqual("SparkListenerApplicationStart"u8))
        {
            OnApplicationStart(ref reader);
        }
        else if (eventName.SequenceEqual("SparkListenerApplicationEnd"u8))
        {
            OnApplicationEnd(ref reader);
        }
        else if (eventName.SequenceEqual("SparkListenerLogStart"u8))
        {
            OnLogStart(ref reader);
        }
        else if (eventName.SequenceEqual("SparkListenerUnpersistRDD"u8))
        {
            OnUnpersist(ref reader);
        }
        else if (eventName.EndsWith("SparkListenerSQLExecutionStart"u8))
        {
            OnSqlStart(ref reader);
        }
        else if (eventName.EndsWith("SparkListenerSQLExecutionEnd"u8))
        {
            OnSqlEnd(ref reader);
        }
        else if (eventName.EndsWith("SparkListenerSQLAdaptiveExecutionUpdate"u8))
        {
            OnSqlPlanUpdate(ref reader);
        }
        else if (eventName.EndsWith("SparkListenerDriverAccumUpdates"u8))
        {
            OnDriverAccumUpdates(ref reader);
        }

        CheckPastInt64(pastInt64);

        // Counted only once the handler has read the event without error.
        Events++;
    }

    // Only the work clock (jobs, stages, tasks, SQL, application start and end) moves the last-event time: executor and
    // block-manager events come from other hosts' clocks, which edited or merged logs show can be years off.
    private void Seen(long timestamp)
    {
        if (timestamp > _lastEvent)
        {
            _lastEvent = timestamp;
        }
    }

    private StageAccumulator Stage(int stageId, int attemptId)
    {
        if (!_stages.TryGetValue((stageId, attemptId), out var stage))
        {
            stage = new StageAccumulator(stageId, attemptId);
            _stages[(stageId, attemptId)] = stage;
        }

        return stage;
    }

    private void Finish(StageAccumulator stage)
    {
        var key = (stage.StageId, stage.AttemptId);
        _finished[key] = stage.Build(JobsOf, _stageSql.TryGetValue(stage.StageId, out var sid) ? sid : null);
        _stages.Remove(key);
    }

    /// <summary>A task that ends after its stage completed (a killed speculative copy): counted, not summarised.</summary>
    private bool AddLateTask(in TaskEndRecord task)
    {
        var key = (task.StageId, task.StageAttemptId);
        if (!_finished.TryGetValue(key, out var info))
        {
            return false;
        }

        var killed = task.Reason == "TaskKilled" || task.Killed;
        var t = info.Tasks;
        _finished[key] = info with
        {
            Tasks = t with
            {
                TaskCount = t.TaskCount + 1,
                FailedCount = t.FailedCount + (task.Succeeded || killed ? 0 : 1),
                KilledCount = t.KilledCount + (killed ? 1 : 0),
            },
        };
        return true;
    }

    private ExecutorAccumulator Executor(string id)
    {
        if (!_executors.TryGetValue(id, out var executor))
        {
            executor = new ExecutorAccumulator(id);
            _executors[id] = executor;
        }

        return executor;
    }

    private string? Redact(string? text) => text is null ? null : _redactor.RedactText(text);
}
