using SparkOptimizer.Model;

namespace SparkOptimizer.Simulation;

/// <summary>
/// The run reduced to what the replay needs, independent of the configuration: jobs with their stage DAGs, the
/// observed driver-only delays, each stage's task durations and the executor timeline, all on a clock that starts at 0
/// at application start.
/// </summary>
internal sealed class ReplayPlan
{
    private ReplayPlan(long origin, long end, long? observed, ReplayStage[] stages, ReplayJob[] jobs, int[] jobsByEnd, ExecutorSpan[] executors, long firstExecutorMs)
    {
        Origin = origin;
        ObservedEndMs = end;
        ObservedDurationMs = observed;
        Stages = stages;
        Jobs = jobs;
        JobsByEnd = jobsByEnd;
        Executors = executors;
        FirstExecutorMs = firstExecutorMs;
    }

    public long Origin { get; }

    public long ObservedEndMs { get; }

    public long? ObservedDurationMs { get; }

    public ReplayStage[] Stages { get; }

    public ReplayJob[] Jobs { get; }

    /// <summary>Job indexes in order of observed end.</summary>
    public int[] JobsByEnd { get; }

    public ExecutorSpan[] Executors { get; }

    /// <summary>When the first executor (or the local driver) could run tasks.</summary>
    public long FirstExecutorMs { get; }

    /// <summary>The run used dynamic allocation: its executor arrivals followed demand.</summary>
    public bool DynamicAllocationObserved { get; private init; }

    public long TotalTasks => Stages.Sum(s => (long)s.TaskCount);

    /// <summary>
    /// Keeps, per stage, the launch delay that a first replay at the observed configuration does not explain by queueing
    /// for slots: a scheduler-side delay the log shows, like the submission lag.
    /// </summary>
    public void CalibrateLaunchDelays(SimulationResult probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        for (var i = 0; i < Stages.Length; i++)
        {
            Stages[i].LaunchDelayMs = Math.Max(0, Stages[i].ObservedLaunchDelayMs - probe.Stages[i].FirstTaskWaitMs);
        }
    }

    public static ReplayPlan Build(SparkRun run, int localCores)
    {
        ArgumentNullException.ThrowIfNull(run);
        var app = run.Application;
        var origin = app.StartTime?.ToUnixTimeMilliseconds()
            ?? run.Jobs.Where(j => j.SubmissionTime is not null).Select(j => j.SubmissionTime!.Value.ToUnixTimeMilliseconds()).DefaultIfEmpty(0).Min();
        long Rel(DateTimeOffset? t, long fallback) => t is { } v ? v.ToUnixTimeMilliseconds() - origin : fallback;
        var end = Rel(app.EndTime ?? app.LastEventTime, 0);

        var jobs = new List<ReplayJob>();
        var jobIndex = new Dictionary<int, int>();
        foreach (var j in run.Jobs.Where(j => j.SubmissionTime is not null).OrderBy(j => j.SubmissionTime).ThenBy(j => j.JobId))
        {
            if (jobIndex.ContainsKey(j.JobId))
            {
                continue;
            }

            var submit = Rel(j.SubmissionTime, 0);
            jobIndex[j.JobId] = jobs.Count;
            jobs.Add(new ReplayJob(j.JobId, submit, Rel(j.CompletionTime, -1)));
        }

        var stages = new List<ReplayStage>();
        foreach (var s in run.Stages.Where(s => s.SubmissionTime is not null && s.Status != StageStatus.Skipped)
                     .OrderBy(s => s.SubmissionTime).ThenBy(s => s.StageId).ThenBy(s => s.AttemptId))
        {
            var submit = Rel(s.SubmissionTime, 0);
            var owner = OwnerJob(s, submit, jobs, jobIndex);
            if (owner < 0)
            {
                continue;
            }

            var lastFinish = s.Tasks.LastFinishMs is { } lf ? lf - origin : (long?)null;
            var firstLaunch = s.Tasks.FirstLaunchMs is { } fl0 ? fl0 - origin : (long?)null;
            var completion = s.CompletionTime is { } ct ? ct.ToUnixTimeMilliseconds() - origin : (long?)null;
            if (!TaskTimesFitStage(submit, completion, firstLaunch, lastFinish))
            {
                // Task clocks that disagree with the stage's (edited or merged logs): the stage's own times are the evidence.
                lastFinish = null;
                firstLaunch = null;
            }

            var stageEnd = Rel(s.CompletionTime, lastFinish ?? submit);
            var node = new ReplayStage(s, owner)
            {
                ObservedSubmit = submit,
                ObservedEnd = Math.Max(submit, stageEnd),
                TailMs = lastFinish is { } f ? Math.Max(0, stageEnd - f) : 0,
                ObservedLaunchDelayMs = firstLaunch is { } fl ? Math.Max(0, fl - submit) : 0,
            };
            (node.Durations, node.TaskCount) = BaseDurations(s.Tasks);
            jobs[owner].Stages.Add(stages.Count);
            stages.Add(node);
        }

        foreach (var job in jobs)
        {
            Link(job, stages);
            var lastStage = job.Stages.Count > 0 ? job.Stages.Max(i => stages[i].ObservedEnd) : job.ObservedSubmit;
            if (job.ObservedEnd < 0)
            {
                job.ObservedEnd = Math.Max(lastStage, job.ObservedSubmit);
            }

            job.ObservedEnd = Math.Max(job.ObservedEnd, job.ObservedSubmit);
            job.TailMs = job.Stages.Count > 0 ? Math.Max(0, job.ObservedEnd - lastStage) : job.ObservedEnd - job.ObservedSubmit;
        }

        var byEnd = Enumerable.Range(0, jobs.Count)
            .OrderBy(i => jobs[i].ObservedEnd).ThenBy(i => jobs[i].ObservedSubmit).ThenBy(i => jobs[i].JobId).ToArray();
        var position = new int[jobs.Count];
        for (var p = 0; p < byEnd.Length; p++)
        {
            position[byEnd[p]] = p;
        }

        var ends = byEnd.Select(i => jobs[i].ObservedEnd).ToArray();
        for (var i = 0; i < jobs.Count; i++)
        {
            // Jobs that ended before this one was submitted: the driver waited for them (a job submitted while others
            // ran is taken as independent of them). Never itself or a job after it in end order, so no cycle.
            var finishedBefore = UpperBound(ends, jobs[i].ObservedSubmit);
            jobs[i].Predecessors = Math.Min(finishedBefore, position[i]);
        }

        var appEnd = Math.Max(end, jobs.Count > 0 ? jobs.Max(j => j.ObservedEnd) : 0);
        var executors = Timeline(run, origin, localCores, appEnd);
        var first = executors.Length > 0 ? Math.Max(0, executors.Min(e => e.AddedMs)) : 0;
        return new ReplayPlan(origin, appEnd, app.DurationMs, stages.ToArray(), jobs.ToArray(), byEnd, executors, first)
        {
            DynamicAllocationObserved = PlatformDefaults.DynamicAllocation(run),
        };
    }

    private static int OwnerJob(StageInfo s, long submit, List<ReplayJob> jobs, Dictionary<int, int> jobIndex)
    {
        var owner = -1;
        foreach (var id in s.JobIds)
        {
            if (jobIndex.TryGetValue(id, out var idx) && (owner < 0 || (jobs[idx].ObservedSubmit <= submit && jobs[idx].ObservedSubmit >= jobs[owner].ObservedSubmit)))
            {
                owner = idx;
            }
        }

        return owner;
    }

    private static void Link(ReplayJob job, List<ReplayStage> stages)
    {
        // Attempts of each stage id within the job, so a job with many stages links in linear time.
        var byId = new Dictionary<int, List<int>>();
        foreach (var i in job.Stages)
        {
            var id = stages[i].Stage.StageId;
            if (!byId.TryGetValue(id, out var list))
            {
                byId[id] = list = [];
            }

            list.Add(i);
        }

        foreach (var i in job.Stages)
        {
            var node = stages[i];
            var ready = job.ObservedSubmit;
            var parents = node.Stage.ParentIds.Distinct().Where(p => p != node.Stage.StageId).SelectMany(p => byId.GetValueOrDefault(p) ?? [])
                .Where(j => stages[j].ObservedSubmit <= node.ObservedSubmit);
            var earlierAttempts = byId[node.Stage.StageId].Where(j => stages[j].Stage.AttemptId < node.Stage.AttemptId);
            foreach (var j in parents.Concat(earlierAttempts).Distinct())
            {
                var other = stages[j];
                node.Parents.Add(j);
                other.Children.Add(i);
                ready = Math.Max(ready, other.ObservedEnd);
            }

            node.LagMs = Math.Max(0, node.ObservedSubmit - ready);
        }
    }

    /// <summary>Exact durations, or the quantile representatives expanded to the stage's task count.</summary>
    private static (long[] Durations, int Count) BaseDurations(TaskStatistics tasks)
    {
        var reps = tasks.Durations;
        if (reps.Count == 0)
        {
            return ([], 0);
        }

        if (tasks.DurationsExact)
        {
            return (reps.ToArray(), reps.Count);
        }

        var count = Math.Max(reps.Count, tasks.DurationMs.Count);
        var group = (int)Math.Ceiling(count / (double)SimulationDefaults.MaxReplayTasksPerStage);
        var slots = (int)Math.Ceiling(count / (double)group);
        var result = new long[slots];
        for (long i = 0; i < count; i++)
        {
            result[i / group] += reps[(int)(i * reps.Count / count)];
        }

        return (result, (int)Math.Min(int.MaxValue, count));
    }

    private static ExecutorSpan[] Timeline(SparkRun run, long origin, int localCores, long appEnd)
    {
        var spans = new List<ExecutorSpan>();
        if (!ClusterInference.IsLocal(run))
        {
            foreach (var e in run.WorkerExecutors)
            {
                var added = e.AddedAt is { } a ? Math.Max(0, a.ToUnixTimeMilliseconds() - origin) : 0;
                var removed = e.RemovedAt is { } r ? r.ToUnixTimeMilliseconds() - origin : long.MaxValue;
                if (e.LastTaskFinish is { } last && removed != long.MaxValue)
                {
                    // Tasks ran on it until this time: the executor was there, whatever the removal event says.
                    removed = Math.Max(removed, last.ToUnixTimeMilliseconds() - origin);
                }

                if (added >= appEnd || removed < 0)
                {
                    // Its clock disagrees with the driver's (edited or merged logs): take it as present for the whole run.
                    (added, removed) = (0, long.MaxValue);
                }

                var cores = e.Cores > 0 ? e.Cores : localCores;
                spans.Add(new ExecutorSpan(added, Math.Max(added, removed), cores, removed != long.MaxValue && ExecutorSpan.IsLoss(e.RemovedReason)));
            }
        }

        if (spans.Count == 0)
        {
            var added = run.Driver?.AddedAt is { } a ? Math.Max(0, a.ToUnixTimeMilliseconds() - origin) : 0;
            spans.Add(new ExecutorSpan(added, long.MaxValue, Math.Max(1, localCores)));
        }

        return spans.ToArray();
    }

    /// <summary>Task times belong to their stage: launched no earlier than a minute before submission, finished no later than an hour after completion.</summary>
    private static bool TaskTimesFitStage(long submit, long? completion, long? firstLaunch, long? lastFinish)
    {
        const long Slack = 60_000;
        if (firstLaunch is { } f && f < submit - Slack)
        {
            return false;
        }

        return lastFinish is not { } l || completion is not { } c || l <= c + 60 * Slack;
    }

    private static int UpperBound(long[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1 + 1;
            }
        }

        return lo;
    }
}
