using SparkOptimizer.Model;

namespace SparkOptimizer.Dashboard.Views;

/// <summary>
/// One bar per stage attempt that has a submission time, and the critical path: from the last stage to finish, walk
/// back through the stage that gated each one (its latest-finishing parent, else the latest stage that finished before it started).
/// </summary>
public static class TimelineBuilder
{
    public static IReadOnlyList<StageBar> Build(SparkRun run, long runStartMs, long runEndMs)
    {
        ArgumentNullException.ThrowIfNull(run);
        var timed = run.Stages
            .Where(s => s.SubmissionTime is not null)
            .Select(s =>
            {
                var start = s.SubmissionTime!.Value.ToUnixTimeMilliseconds() - runStartMs;
                var end = (s.CompletionTime?.ToUnixTimeMilliseconds() ?? runEndMs) - runStartMs;
                return (Stage: s, Start: Math.Max(0, start), End: Math.Max(Math.Max(0, start), end));
            })
            .OrderBy(t => t.Start).ThenBy(t => t.Stage.StageId).ThenBy(t => t.Stage.AttemptId)
            .ToList();
        var critical = CriticalKeys(timed);
        return timed.Select(t => new StageBar(t.Stage.Key, t.Stage.StageId, t.Stage.AttemptId, t.Stage.Name, t.Start, t.End, t.Stage.NumTasks,
            t.Stage.Status.ToString(), critical.Contains(t.Stage.Key))).ToList();
    }

    private static HashSet<string> CriticalKeys(List<(StageInfo Stage, long Start, long End)> timed)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (timed.Count == 0)
        {
            return keys;
        }

        var current = timed.MaxBy(t => t.End);
        while (keys.Add(current.Stage.Key))
        {
            var start = current.Start;
            var parents = current.Stage.ParentIds.ToHashSet();
            var candidates = timed.Where(t => !keys.Contains(t.Stage.Key) && t.End <= start + 1).ToList();
            var gating = candidates.Where(t => parents.Contains(t.Stage.StageId)).DefaultIfEmpty(default).MaxBy(t => t.End);
            if (gating.Stage is null)
            {
                gating = candidates.DefaultIfEmpty(default).MaxBy(t => t.End);
            }

            if (gating.Stage is null)
            {
                break;
            }

            current = gating;
        }

        return keys;
    }
}
