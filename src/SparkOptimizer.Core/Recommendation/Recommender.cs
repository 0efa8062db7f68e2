using System.Globalization;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Recommendation;

/// <summary>
/// Turns findings into one consistent set of changes: the skew gate first, executor keys solved together by the <see cref="ExecutorSizer"/>,
/// everything else merged by the <see cref="ChangeSet"/>, then validated. Findings are rewritten so their recommendations show the final values.
/// </summary>
public sealed class Recommender(Thresholds thresholds, RecommendationOptions? options = null)
{
    private static readonly string[] ExecutorKeys = ["spark.executor.memory", "spark.executor.memoryOverhead", "spark.executor.cores", "spark.executor.instances"];

    private readonly RecommendationOptions _options = options ?? RecommendationOptions.Default;

    public RecommendationResult Recommend(SparkRun run, IReadOnlyList<Finding> findings)
    {
        var facts = RunFacts.From(run);
        var notes = new List<string>();
        var withheld = new Dictionary<string, string>(StringComparer.Ordinal);
        var skewed = SkewGate.SkewedStages(run, thresholds);
        var proposed = new List<ConfigChange>();
        foreach (var finding in findings)
        {
            foreach (var rec in finding.Recommendations)
            {
                if (rec.Change is not { } change)
                {
                    continue;
                }

                var tagged = change with
                {
                    FindingIds = change.FindingIds.Append(finding.Id).Distinct(StringComparer.Ordinal).ToArray(),
                    Priority = change.Priority > finding.Severity ? change.Priority : finding.Severity,
                };
                if (SkewGate.Apply(tagged, skewed, facts.PeakCores) is { } passed)
                {
                    proposed.Add(passed);
                }
                else
                {
                    var why = $"withheld by the skew gate: stage(s) {Fmt.Stages(change.StageIds)} are skewed, and more partitions would not split the hot key";
                    withheld[change.Key] = why;
                    notes.Add($"{change.Key}={change.To} {why}");
                }
            }
        }

        var memoryKey = facts.LocalMode ? "spark.driver.memory" : "spark.executor.memory";
        var executorSide = proposed.Where(c => ExecutorKeys.Contains(c.Key) || c.Key == memoryKey).ToArray();
        var changes = new ChangeSet();
        foreach (var change in proposed.Except(executorSide))
        {
            changes.Add(change);
        }

        var memoryFailure = findings.Any(f => f.Category == "failures" && f.Evidence.Any(e => e.Metric is "failures.JvmOutOfMemory" or "failures.ContainerKilled"));
        var observation = ExecutorObservation.From(run, facts, memoryFailure);
        var sizing = new ExecutorSizer(_options.MemoryBuffer, _options.AllowMemoryDecrease, _options.Node).Size(observation, Demand(executorSide, memoryKey));
        // Only findings that ask for memory can justify a floor-driven move: a heap that filled before it collected asks for nothing.
        var memoryEvidence = findings.Where(f => f.Category is "memory" or "failures" && f.Recommendations.Any(r => r.Change is { } c && (ExecutorKeys.Contains(c.Key) || c.Key == memoryKey)))
            .Select(f => f.Id).ToArray();
        foreach (var change in SizingChanges(sizing, observation, run.Environment, executorSide, memoryKey, memoryEvidence))
        {
            changes.Set(change);
        }

        foreach (var s in changes.Superseded)
        {
            notes.Add($"{s.Dropped.Key}={s.Dropped.To} (from {string.Join(", ", s.Dropped.FindingIds)}) gave way to {s.Kept.To} (from {string.Join(", ", s.Kept.FindingIds)})");
        }

        ConfValidator.Apply(changes, run.Environment, notes);
        var final = changes.Changes;
        var rewritten = findings.Select(f => Rewrite(f, changes, run, withheld)).ToArray();
        return new RecommendationResult(rewritten, final, sizing, notes);
    }

    private static ExecutorDemand Demand(IReadOnlyList<ConfigChange> executorSide, string memoryKey)
    {
        long? Max(string key) => executorSide.Where(c => c.Key == key).Select(c => ConfValue.Bytes(c.To)).Where(b => b is not null).Max();
        int? Top(string key) => executorSide.Where(c => c.Key == key).OrderByDescending(c => c.Priority)
            .Select(c => int.TryParse(c.To, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : (int?)null).FirstOrDefault(i => i is not null);
        return new ExecutorDemand(Max(memoryKey), Max("spark.executor.memoryOverhead"), Top("spark.executor.cores"), Top("spark.executor.instances"));
    }

    private IEnumerable<ConfigChange> SizingChanges(ExecutorSizing sizing, ExecutorObservation observed, SparkEnvironment env, IReadOnlyList<ConfigChange> asked, string memoryKey, IReadOnlyList<string> memoryEvidence)
    {
        ConfigChange? Make(string key, string? from, string to, string floorNote)
        {
            var askers = asked.Where(c => c.Key == key).ToArray();
            var findingIds = askers.SelectMany(c => c.FindingIds).Distinct(StringComparer.Ordinal).ToArray();
            if (findingIds.Length == 0)
            {
                // Moved only by the floors: evidence comes from the memory or failure findings, or the change is not made.
                findingIds = memoryEvidence.ToArray();
            }

            if (findingIds.Length == 0)
            {
                return null;
            }

            var reasons = askers.Select(c => c.Reason).Distinct(StringComparer.Ordinal).Append(floorNote).Where(r => r.Length > 0);
            return new ConfigChange(key, env.Get(key) ?? from, to, string.Join("; ", reasons))
            {
                FindingIds = findingIds,
                StageIds = askers.SelectMany(c => c.StageIds).Distinct().Order().ToArray(),
                Priority = askers.Select(c => c.Priority).DefaultIfEmpty(Severity.Moderate).Max(),
            };
        }

        var c = sizing.Current;
        var p = sizing.Proposed;
        var floor = sizing.HeapFloorBytes > 0 ? $"never below the observed peak heap x {1 + _options.MemoryBuffer:0.0#} ({ByteSize.Format(sizing.HeapFloorBytes)})" : string.Empty;
        if (p.HeapBytes != c.HeapBytes && Make(memoryKey, new ByteSize(c.HeapBytes).ToSparkString(), new ByteSize(p.HeapBytes).ToSparkString(), floor) is { } heap)
        {
            yield return heap;
        }

        var overheadMoved = p.OverheadBytes != c.OverheadBytes && (observed.OverheadExplicit || p.OverheadBytes != ExecutorSizer.DefaultOverhead(p.HeapBytes));
        if (!observed.LocalMode && overheadMoved && Make("spark.executor.memoryOverhead", new ByteSize(c.OverheadBytes).ToSparkString(), new ByteSize(p.OverheadBytes).ToSparkString(), sizing.ContainerFloorBytes > 0 ? $"container never below the observed peak RSS x 1.2 ({ByteSize.Format(sizing.ContainerFloorBytes)})" : string.Empty) is { } overhead)
        {
            yield return overhead;
        }

        if (p.Cores != c.Cores && Make("spark.executor.cores", c.Cores.ToString(CultureInfo.InvariantCulture), p.Cores.ToString(CultureInfo.InvariantCulture), string.Empty) is { } cores)
        {
            yield return cores;
        }

        if (p.Instances != c.Instances && p.Instances is { } n && Make("spark.executor.instances", c.Instances?.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture), string.Join("; ", sizing.Notes.Where(x => x.StartsWith("instances", StringComparison.Ordinal)))) is { } instances)
        {
            yield return instances;
        }
    }

    private static Finding Rewrite(Finding finding, ChangeSet changes, SparkRun run, IReadOnlyDictionary<string, string> withheld)
    {
        var recs = finding.Recommendations.Select(rec =>
        {
            if (rec.Change is not { } change)
            {
                return rec;
            }

            if (changes[change.Key] is not { } final)
            {
                return rec with { Change = null, Text = $"Not applied: {change.Key}={change.To} ({Withheld(change, run, withheld)})" };
            }

            return ConfValue.Same(final.To, change.To) && final.From == change.From
                ? rec with { Change = final }
                : rec with { Change = final, Text = ConfValue.Describe(final) + (final.Reason.Length > 0 ? $": {final.Reason}" : string.Empty) };
        }).ToArray();
        return finding with { Recommendations = recs };
    }

    private static string Withheld(ConfigChange change, SparkRun run, IReadOnlyDictionary<string, string> withheld) =>
        withheld.TryGetValue(change.Key, out var why) ? why
        : ConfValue.Same(run.Environment.Get(change.Key), change.To) ? "already set to this value"
        : "not needed once the other changes are made";
}
