using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>Cached RDDs/DataFrames that no later stage reads, and the same input scanned again and again without a cache.</summary>
public sealed class CachingAnalyzer : IAnalyzer
{
    public string Id => "caching";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var t = context.Thresholds;
        var stages = context.Run.CompletedStages.ToArray();
        var uses = new Dictionary<int, List<StageInfo>>();
        var infos = new Dictionary<int, RddInfo>();
        foreach (var stage in stages)
        {
            foreach (var rdd in stage.Rdds)
            {
                if (!uses.TryGetValue(rdd.Id, out var list))
                {
                    uses[rdd.Id] = list = [];
                }

                list.Add(stage);
                if (!infos.TryGetValue(rdd.Id, out var known) || rdd.MemorySize + rdd.DiskSize > known.MemorySize + known.DiskSize)
                {
                    infos[rdd.Id] = rdd;
                }
            }
        }

        var unused = infos.Values
            .Where(r => r.IsCached && uses[r.Id].Select(s => s.StageId).Distinct().Count() == 1 && r.MemorySize + r.DiskSize > 0)
            .Select(r => (Rdd: r, Stage: uses[r.Id][0]))
            .ToArray();
        var unusedBytes = unused.Sum(u => u.Rdd.MemorySize + u.Rdd.DiskSize);
        if (unused.Length > 0 && t.Rate("caching.unusedBytes", unusedBytes) is var severity && severity > Severity.None)
        {
            yield return new Finding(
                "caching-unused", "caching", severity, "Cached Data Never Reused", unused.Select(u => u.Stage.StageId).Distinct().Order().ToArray(),
                unused.OrderByDescending(u => u.Rdd.MemorySize + u.Rdd.DiskSize).Take(5).Select(u => new Evidence("caching.unusedBytes", u.Rdd.MemorySize + u.Rdd.DiskSize, "bytes",
                    Fmt.Stage(u.Stage, $"RDD {u.Rdd.Id} '{u.Rdd.Name}' cached {Fmt.Bytes(u.Rdd.MemorySize)} in memory, {Fmt.Bytes(u.Rdd.DiskSize)} on disk ({u.Rdd.StorageLevel}); no later stage reads it"), u.Stage.StageId)).ToArray(),
                "Caching costs memory taken from execution (more spill and GC) and the time to materialise it; data that is read once gains nothing from it.",
                unused.Take(3).Select(u => new Recommendation(RecommendationKind.Code,
                    $"Remove the cache()/persist() of RDD {u.Rdd.Id} '{u.Rdd.Name}'" + (u.Rdd.CallSite is { } cs ? $" ({cs})" : string.Empty) + ", or unpersist() it once its single use is done") { StageId = u.Stage.StageId }).ToArray())
            {
                WhatWouldNotHelp = "More executor memory to hold the cache: nothing reads it.",
                ExpectedImprovement = $"{Fmt.Bytes(unusedBytes)} of storage memory back for execution",
            };
        }

        foreach (var finding in RepeatedScans(context))
        {
            yield return finding;
        }
    }

    private static IEnumerable<Finding> RepeatedScans(AnalysisContext context)
    {
        var t = context.Thresholds;
        var groups = ScanNode.All(context.Run)
            .Where(s => s.Location is { Length: > 0 } && (s.BytesRead ?? 0) >= t.Value("caching.minScanBytes"))
            .GroupBy(s => s.Location!, StringComparer.Ordinal)
            .Select(g => (Location: g.Key, Scans: g.ToArray()))
            .Where(g => t.Rate("caching.repeatedScans", g.Scans.Length) > Severity.None)
            .OrderByDescending(g => g.Scans.Sum(s => s.BytesRead ?? 0))
            .Take(3);
        foreach (var (location, scans) in groups)
        {
            var severity = t.Rate("caching.repeatedScans", scans.Length);
            var bytes = scans.Sum(s => s.BytesRead ?? 0);
            yield return new Finding(
                $"caching-repeated-scan-{scans[0].ExecutionId}", "caching", severity, "Same Input Scanned Repeatedly", [],
                [new Evidence("caching.repeatedScans", scans.Length, "scans", $"{location}: scanned {scans.Length} times in SQL queries {string.Join(", ", scans.Select(s => s.ExecutionId).Distinct())}, {Fmt.Bytes(bytes)} read in total")],
                "The same files are read and decoded by several queries; reading them once into a cache (or a narrower intermediate table) saves the repeats.",
                [new Recommendation(RecommendationKind.Code, $"Read {location} once, select the needed columns, cache() it (or write an intermediate table), and reuse it; unpersist() after the last use")
                    { SqlExecutionId = scans[0].ExecutionId, SqlNode = scans[0].Node.SimpleString }])
            {
                SqlExecutionIds = scans.Select(s => s.ExecutionId).Distinct().ToArray(),
                WhatWouldNotHelp = "More executors: the repeated work stays.",
                ExpectedImprovement = $"Up to {Fmt.Bytes(bytes - (bytes / scans.Length))} less read per run",
            };
        }
    }
}
