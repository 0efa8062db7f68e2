namespace SparkOptimizer.Simulation;

/// <summary>
/// The discrete-event replay: stages become ready when their parents (within the job) end, plus the driver delay the
/// log showed; ready stages take slots in FIFO order (earliest ready first, all its tasks queued at once); a job is
/// submitted once the jobs that had ended before its observed submission have ended in the replay, after the same gap.
/// </summary>
internal static class ReplayEngine
{
    public static SimulationResult Run(ReplayPlan plan, SimulationConfig observed, SimulationConfig target, ModelPerturbation p)
    {
        var pool = BuildPool(plan, target);
        var stages = plan.Stages;
        var jobs = plan.Jobs;
        var pending = stages.Select(s => s.Parents.Count).ToArray();
        var readyAt = new long[stages.Length];
        var start = new long[stages.Length];
        var end = new long[stages.Length];
        var wait = new long[stages.Length];
        var taskCounts = new int[stages.Length];
        var remaining = jobs.Select(j => j.Stages.Count).ToArray();
        var jobLastStage = new long[jobs.Length];
        var jobDone = new bool[jobs.Length];
        var jobEnd = new long[jobs.Length];
        var jobStart = new long[jobs.Length];
        var prefixEnd = new long[jobs.Length + 1];
        var completedPrefix = 0;
        var submitOrder = Enumerable.Range(0, jobs.Length).OrderBy(i => jobs[i].Predecessors).ThenBy(i => jobs[i].ObservedSubmit).ToArray();
        var submitted = 0;
        var queue = new PriorityQueue<int, (long Ready, int Index)>();
        long tasks = 0;
        var rng = new SplitMix((ulong)p.Seed);

        void CompleteJob(int j, long at)
        {
            jobDone[j] = true;
            jobEnd[j] = at;
            while (completedPrefix < jobs.Length && jobDone[plan.JobsByEnd[completedPrefix]])
            {
                var k = plan.JobsByEnd[completedPrefix];
                prefixEnd[completedPrefix + 1] = Math.Max(prefixEnd[completedPrefix], jobEnd[k]);
                completedPrefix++;
            }
        }

        void SubmitJobs()
        {
            while (submitted < submitOrder.Length && jobs[submitOrder[submitted]].Predecessors <= completedPrefix)
            {
                var j = submitOrder[submitted++];
                var job = jobs[j];
                var at = AfterPredecessors(job.Predecessors, job.ObservedSubmit);
                jobStart[j] = at;
                if (job.Stages.Count == 0)
                {
                    CompleteJob(j, at + job.TailMs);
                    continue;
                }

                jobLastStage[j] = at;
                foreach (var s in job.Stages)
                {
                    if (stages[s].Parents.Count == 0)
                    {
                        readyAt[s] = at + stages[s].LagMs;
                        queue.Enqueue(s, (readyAt[s] + stages[s].LaunchDelayMs, s));
                    }
                }
            }
        }

        // The driver was woken by the last job to end before this moment: keep the gap after it, and never start
        // before every earlier-ended job has ended in the replay.
        long AfterPredecessors(int count, long observedAt)
        {
            if (count == 0)
            {
                return observedAt;
            }

            var last = plan.JobsByEnd[count - 1];
            return Math.Max(jobEnd[last] + (observedAt - jobs[last].ObservedEnd), prefixEnd[count]);
        }

        SubmitJobs();
        while (queue.TryDequeue(out var s, out var key))
        {
            var node = stages[s];
            var ready = readyAt[s];
            var launch = key.Ready;
            var durations = TaskDurationModel.Durations(node, observed, target, p);
            // A repartitioned stage runs one task per duration; otherwise the stage keeps its count (large ones are summarised).
            taskCounts[s] = durations.Length == node.Durations.Length ? node.TaskCount : durations.Length;
            long last = ready;
            if (durations.Length == 0)
            {
                last = ready + node.ObservedMs;
                wait[s] = 0;
            }
            else
            {
                var order = (long[])durations.Clone();
                var local = new SplitMix(rng.Next() ^ (ulong)(node.Stage.StageId * 7919L + node.Stage.AttemptId));
                local.Shuffle(order);
                var first = long.MaxValue;
                foreach (var d in order)
                {
                    var finish = pool.Run(launch, d, out var taskStart);
                    last = Math.Max(last, finish);
                    first = Math.Min(first, taskStart);
                }

                wait[s] = first - ready;

                tasks += order.Length;
            }

            start[s] = ready;
            end[s] = last + node.TailMs;
            foreach (var c in node.Children)
            {
                readyAt[c] = Math.Max(readyAt[c], end[s]);
                if (--pending[c] == 0)
                {
                    readyAt[c] += stages[c].LagMs;
                    queue.Enqueue(c, (readyAt[c] + stages[c].LaunchDelayMs, c));
                }
            }

            var j = node.Job;
            jobLastStage[j] = Math.Max(jobLastStage[j], end[s]);
            if (--remaining[j] == 0)
            {
                CompleteJob(j, jobLastStage[j] + jobs[j].TailMs);
                SubmitJobs();
            }
        }

        var duration = AfterPredecessors(completedPrefix, plan.ObservedEndMs);
        var jobResults = new JobSimulation[jobs.Length];
        for (var j = 0; j < jobs.Length; j++)
        {
            jobResults[j] = new JobSimulation(jobs[j].JobId, jobs[j].ObservedEnd - jobs[j].ObservedSubmit, jobEnd[j] - jobStart[j], jobStart[j], jobEnd[j]);
        }

        return Summarise(plan, target, pool, duration, tasks, start, end, wait, taskCounts) with { Jobs = jobResults };
    }

    private static SlotPool BuildPool(ReplayPlan plan, SimulationConfig target)
    {
        var pool = new SlotPool(SlotBudget(plan, target));
        if (target.UseObservedTimeline)
        {
            foreach (var e in plan.Executors)
            {
                pool.AddExecutor(e, target.SlotsPerExecutor(e.Cores));
            }
        }
        else if (target.DynamicAllocation is { } da && !target.UseObservedTimeline)
        {
            var max = Math.Max(1, da.Max);
            var initial = Math.Max(1, Math.Clamp(Math.Max(da.Initial, da.Min), 0, max));
            var slots = target.SlotsPerExecutor(target.CoresPerExecutor);
            pool.AddExecutors(new ExecutorSpan(plan.FirstExecutorMs, long.MaxValue, target.CoresPerExecutor), slots, Math.Min(initial, max));
            pool.AddExecutors(new ExecutorSpan(plan.FirstExecutorMs + SimulationDefaults.DynamicAllocationRampMs, long.MaxValue, target.CoresPerExecutor), slots, max - Math.Min(initial, max));
        }
        else
        {
            // A fixed pool comes up as the observed one did (pod or container start-up), unless the observed arrivals
            // followed dynamic allocation's demand, which a fixed pool does not wait for.
            var arrivals = plan.DynamicAllocationObserved || plan.Executors.Length == 0
                ? [plan.FirstExecutorMs]
                : plan.Executors.Select(e => e.AddedMs).Order().ToArray();
            var count = (long)Math.Max(1, target.Executors);
            var slots = target.SlotsPerExecutor(target.CoresPerExecutor);
            for (var i = 0; i < arrivals.Length - 1 && i < count; i++)
            {
                pool.AddExecutor(new ExecutorSpan(arrivals[i], long.MaxValue, target.CoresPerExecutor), slots);
            }

            pool.AddExecutors(new ExecutorSpan(arrivals[^1], long.MaxValue, target.CoresPerExecutor), slots, count - Math.Min(count, arrivals.Length - 1));
        }

        pool.Seal();
        return pool;
    }

    // No replay can run more tasks at once than it has tasks (a repartitioned stage has as many as its target partitions).
    private static long SlotBudget(ReplayPlan plan, SimulationConfig target)
    {
        var widest = Math.Max(target.ShufflePartitions ?? 0, target.StagePartitions.Count > 0 ? target.StagePartitions.Values.Max() : 0);
        long tasks = 0;
        foreach (var s in plan.Stages)
        {
            tasks += Math.Max(s.Durations.Length, widest);
        }

        return Math.Clamp(tasks, 1, Model.InputBounds.MaxSlots);
    }

    private static SimulationResult Summarise(ReplayPlan plan, SimulationConfig target, SlotPool pool, long duration, long tasks, long[] start, long[] end, long[] wait, int[] taskCounts)
    {
        double executorMs = 0, coreMs = 0;
        var dynamic = target.DynamicAllocation is { } da && !target.UseObservedTimeline ? da : null;
        for (var e = 0; e < pool.Executors.Count; e++)
        {
            var span = pool.Executors[e];
            var weight = pool.Weight(e);
            double alive;
            if (dynamic is not null && pool.FirstStart[e] == long.MaxValue && weight > 1)
            {
                // A slotless group: the executors of it that dynamic allocation keeps as its minimum are paid for all along.
                var kept = Math.Clamp(dynamic.Min - pool.Ordinal(e), 0, weight);
                alive = kept * Math.Max(0, Math.Min(duration, span.RemovedMs) - span.AddedMs);
                weight = 1;
            }
            else if (dynamic is not null && pool.Ordinal(e) >= dynamic.Min)
            {
                alive = pool.FirstStart[e] == long.MaxValue
                    ? 0
                    : Math.Max(0, Math.Min(duration, pool.LastEnd[e] + dynamic.IdleTimeoutMs) - Math.Max(span.AddedMs, pool.FirstStart[e] - SimulationDefaults.DynamicAllocationRampMs));
            }
            else
            {
                alive = Math.Max(0, Math.Min(duration, span.RemovedMs) - span.AddedMs);
            }

            executorMs += alive * weight;
            coreMs += alive * weight * span.Cores;
        }

        var stageResults = new StageSimulation[plan.Stages.Length];
        for (var i = 0; i < plan.Stages.Length; i++)
        {
            var s = plan.Stages[i];
            stageResults[i] = new StageSimulation(s.Stage.StageId, s.Stage.AttemptId, plan.Jobs[s.Job].JobId, s.TaskCount, s.ObservedMs, end[i] - start[i], start[i], end[i], wait[i])
            {
                ReplayedTasks = taskCounts[i] > 0 ? taskCounts[i] : s.TaskCount,
            };
        }

        return new SimulationResult(duration, executorMs / 1000, coreMs / 1000, pool.BusyMs * Math.Max(1, target.TaskCpus) / 1000, (int)Math.Min(int.MaxValue, pool.OfferedSlots), tasks, stageResults, []);
    }
}
