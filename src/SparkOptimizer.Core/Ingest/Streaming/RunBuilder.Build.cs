using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Streaming;

internal sealed partial class RunBuilder
{
    public SparkRun Build(RunSource source)
    {
        var executors = _executors.Values
            .Select(e => e.Build())
            .OrderBy(e => e.IsDriver ? 0 : 1)
            .ThenBy(e => int.TryParse(e.Id, out var n) ? n : int.MaxValue)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToArray();
        var stages = _stages.Values
            .Where(s => s.Submitted || s.Completed || s.TaskCount > 0)
            .Select(s => s.Build(JobsOf, _stageSql.TryGetValue(s.StageId, out var sid) ? sid : null))
            .Concat(_finished.Values)
            .OrderBy(s => s.StageId)
            .ThenBy(s => s.AttemptId)
            .ToArray();
        var jobs = _jobs.Values
            .OrderBy(j => j.JobId)
            .Select(j => new JobInfo(j.JobId, JsonRead.Time(j.SubmissionTime), JsonRead.Time(j.CompletionTime), j.StageIds.ToArray(), j.Succeeded, j.FailureReason, j.SqlExecutionId, j.JobGroup) { Description = j.Description })
            .ToArray();
        var sql = _sql.Values
            .OrderBy(s => s.Id)
            .Select(s => new SqlExecution(s.Id, s.Description, JsonRead.Time(s.StartTime), JsonRead.Time(s.EndTime), s.ErrorMessage,
                s.Plan is null ? null : Resolve(s.Plan, 0), s.PhysicalPlanDescription, s.JobIds.ToArray(), s.PlanUpdates))
            .ToArray();
        var totals = new RunTotals(
            _jobCount, _stageCompletions, _failedStages, _tasks, _failedTasks, _runTime, _cpuTime, _gcTime, _shuffleRead, _shuffleWrite,
            _memSpill, _diskSpill, _input, _output, _executorsAdded, _executorsRemoved, _sqlStarts, _taskDuration);
        var environment = new SparkEnvironment(
            new Dictionary<string, string>(_sparkProps), new Dictionary<string, string>(_hadoopProps), new Dictionary<string, string>(_systemProps),
            _javaVersion, _scalaVersion, _redactedKeys.ToArray());
        var app = new ApplicationInfo(_appId, _attemptId, _appName, _user, _sparkVersion, JsonRead.Time(_start), JsonRead.Time(_end), JsonRead.Time(_lastEvent));
        var vendor = VendorDetector.Detect(app, environment, _classPathMarkers) with { DatabricksJobId = Redact(_databricksJobId) };
        return new SparkRun(app, environment, executors, jobs, stages, sql, totals, vendor, _warnings.Concat(TotalWarnings()).ToArray(), source);
    }

    private IReadOnlyList<int> JobsOf(int stageId) => _jobsByStage.TryGetValue(stageId, out var jobs) ? jobs.Distinct().Order().ToArray() : [];

    private SqlPlanNode Resolve(PlanNodeDraft draft, int depth)
    {
        var children = depth > 512 ? [] : draft.Children.Select(c => Resolve(c, depth + 1)).ToArray();
        var metrics = draft.Metrics
            .Select(m => new SqlMetric(m.Name, m.AccumulatorId, m.MetricType, _accumulatorValues.TryGetValue(m.AccumulatorId, out var v) ? v : null))
            .ToArray();
        return new SqlPlanNode(draft.NodeName, draft.SimpleString, children, metrics, new Dictionary<string, string>(draft.Metadata));
    }
}
