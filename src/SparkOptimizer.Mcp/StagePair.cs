using SparkOptimizer.Model;

namespace SparkOptimizer.Mcp;

/// <summary>
/// A stage of one run matched to the stage of the other run with the same name and the same occurrence of that name
/// (the third "show at x.scala:26" pairs with the third): stage ids shift between runs, names and their order do not.
/// </summary>
public sealed record StagePair(string Name, int Occurrence, StageInfo? Baseline, StageInfo? Candidate)
{
    public long DeltaMs => (Candidate?.DurationMs ?? 0) - (Baseline?.DurationMs ?? 0);

    public static IReadOnlyList<StagePair> Match(SparkRun baseline, SparkRun candidate)
    {
        var a = Keyed(baseline);
        var b = Keyed(candidate);
        return a.Keys.Union(b.Keys)
            .Select(k => new StagePair(k.Name, k.Occurrence, a.GetValueOrDefault(k), b.GetValueOrDefault(k)))
            .ToList();
    }

    private static Dictionary<(string Name, int Occurrence), StageInfo> Keyed(SparkRun run)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var keyed = new Dictionary<(string, int), StageInfo>();
        foreach (var stage in RunJson.FinalAttempts(run))
        {
            var n = seen.GetValueOrDefault(stage.Name) + 1;
            seen[stage.Name] = n;
            keyed[(stage.Name, n)] = stage;
        }

        return keyed;
    }
}
