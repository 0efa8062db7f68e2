using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>
/// Sparklens' bounds for a run: driver-only time (no stage running), the critical path (each job's longest chain of
/// slowest tasks: the floor with infinite executors) and the ideal time with the run's own cores perfectly busy.
/// </summary>
public sealed record CriticalPath(long WallMs, long DriverOnlyMs, long LongestGapMs, long GapStartMs, long CriticalPathMs, long IdealWithCurrentCoresMs)
{
    public double DriverShare => WallMs <= 0 ? 0 : DriverOnlyMs / (double)WallMs;

    public static CriticalPath Of(SparkRun run, RunFacts facts)
    {
        var intervals = run.Stages
            .Where(s => s.SubmissionTime is not null && s.CompletionTime is not null)
            .Select(s => (Start: Math.Max(facts.StartMs, s.SubmissionTime!.Value.ToUnixTimeMilliseconds()), End: Math.Min(facts.EndMs, s.CompletionTime!.Value.ToUnixTimeMilliseconds())))
            .Where(i => i.End > i.Start)
            .OrderBy(i => i.Start)
            .ToArray();
        long covered = 0, cursor = facts.StartMs, longestGap = 0, gapStart = facts.StartMs;
        foreach (var (start, end) in intervals)
        {
            if (start > cursor && start - cursor > longestGap)
            {
                longestGap = start - cursor;
                gapStart = cursor;
            }

            if (end > cursor)
            {
                covered += end - Math.Max(start, cursor);
                cursor = end;
            }
        }

        if (facts.EndMs - cursor > longestGap)
        {
            longestGap = facts.EndMs - cursor;
            gapStart = cursor;
        }

        var driverOnly = Math.Max(0, facts.WallMs - covered);
        var maxTask = run.Stages.GroupBy(s => s.StageId).ToDictionary(g => g.Key, g => g.Max(s => s.Tasks.DurationMs.Max));
        var parents = run.Stages.GroupBy(s => s.StageId).ToDictionary(g => g.Key, g => g.First().ParentIds);
        long path = 0;
        foreach (var job in run.Jobs)
        {
            var inJob = job.StageIds.Where(maxTask.ContainsKey).ToHashSet();
            var memo = new Dictionary<int, long>();
            long Longest(int id, int depth)
            {
                if (memo.TryGetValue(id, out var v))
                {
                    return v;
                }

                var before = depth > 200 ? 0 : parents[id].Where(inJob.Contains).Select(p => Longest(p, depth + 1)).DefaultIfEmpty(0).Max();
                return memo[id] = maxTask[id] + before;
            }

            path += inJob.Select(id => Longest(id, 0)).DefaultIfEmpty(0).Max();
        }

        // Jobs that overlap (notebooks, concurrent actions) would make the sum of job paths exceed the time stages really ran.
        path = Math.Min(path, covered);
        // Perfectly busy slots cannot beat infinite executors: the ideal is never below the critical path.
        var ideal = Math.Max(driverOnly + path, driverOnly + (long)(run.Totals.TaskDurationMs / (double)facts.PeakSlots));
        return new CriticalPath(facts.WallMs, driverOnly, longestGap, gapStart, driverOnly + path, ideal);
    }
}
