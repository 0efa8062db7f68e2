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
        var minBytes = t.Value("caching.minScanBytes");
        var covered = new HashSet<long>();
        var scanNodes = ScanNode.All(context.Run).ToArray();

        // The same input read again: stages that read exactly the same bytes and records from storage (same files, same
        // lineage), whether SQL scans or RDD inputs. What is at stake is every read after the first.
        var candidates = context.StagesWithTasks
            .Where(s => s.Tasks.InputBytes.Sum >= minBytes && s.Tasks.InputRecords.Sum > 0 && !s.Rdds.Any(r => r.IsCached && r.NumCachedPartitions > 0))
            .DistinctBy(s => s.StageId);
        var groups = SameInput(candidates)
            .Where(g => t.Rate("caching.repeatedScans", g.Length) > Severity.None)
            .OrderByDescending(g => g[0].Tasks.InputBytes.Sum * (g.Length - 1))
            .Take(3)
            .ToArray();
        foreach (var stages in groups)
        {
            var bytes = stages[0].Tasks.InputBytes.Sum;
            var repeatMs = stages.Skip(1).Sum(s => s.DurationMs ?? 0);
            var names = string.Join(", ", stages.Take(5).Select(s => $"{s.StageId} ({s.Name})"));
            var location = Location(scanNodes, stages);
            foreach (var id in stages.Select(s => s.SqlExecutionId).OfType<long>())
            {
                covered.Add(id);
            }

            yield return new Finding(
                $"caching-repeated-read-stage-{stages[0].StageId}", "caching", t.Rate("caching.repeatedScans", stages.Length), "Same Input Re-read by Several Stages", stages.Select(s => s.StageId).ToArray(),
                [new Evidence("caching.repeatedReads", stages.Length, "stages", $"Stages {names}{(stages.Length > 5 ? $" and {stages.Length - 5} more" : string.Empty)} each read the same {Fmt.Bytes(bytes)} ({Fmt.N(stages[0].Tasks.InputRecords.Sum)} records) from storage{(location is null ? string.Empty : $" ({location})")}; the re-reads ran {Fmt.Ms(repeatMs)}", stages[0].StageId)],
                "The same input is read and decoded from storage again by each of these stages; persisting it once (after the columns and rows the later stages need are selected) serves every later use from memory or local disk.",
                [new Recommendation(RecommendationKind.Code, $"Persist the data read at {stages[0].Name}{(location is null ? string.Empty : $" ({location})")} once (df.persist(StorageLevel.MEMORY_AND_DISK) or rdd.persist() after the select/filter the later stages share), reuse it in stages {Fmt.Stages(stages.Skip(1).Select(s => s.StageId))}, and unpersist() after the last use") { StageId = stages[0].StageId }])
            {
                SqlExecutionIds = stages.Select(s => s.SqlExecutionId).OfType<long>().Distinct().ToArray(),
                WhatWouldNotHelp = "More executors or a larger split size: every stage still reads the whole input again.",
                ExpectedImprovement = $"Next run: {Fmt.Bytes(bytes * (stages.Length - 1))} less read from storage ({stages.Length - 1} re-reads of {Fmt.Bytes(bytes)}, {Fmt.Ms(repeatMs)} of stage time today)",
            };
        }

        // Queries that scan one location several times with different stage shapes: counted on the bytes their stages really
        // read (the scan node's "size of files read" is the listed file size, also for a show() that reads a few rows).
        var scans = scanNodes
            .Where(s => s.Location is { Length: > 0 } && !covered.Contains(s.ExecutionId))
            .GroupBy(s => s.Location!, StringComparer.Ordinal);
        foreach (var group in scans)
        {
            var reads = group.GroupBy(s => s.ExecutionId).Select(g => (Execution: g.Key, Bytes: ReadBy(context, g.Key, g.Max(s => s.BytesRead ?? 0)))).ToArray();
            var largest = reads.Select(r => r.Bytes).DefaultIfEmpty(0).Max();
            var repeats = reads.Where(r => r.Bytes >= largest * 0.5 && r.Bytes >= minBytes).ToArray();
            if (t.Rate("caching.repeatedScans", repeats.Length) is not (> Severity.None and var severity))
            {
                continue;
            }

            var saved = repeats.Sum(r => r.Bytes) - repeats.Max(r => r.Bytes);
            var first = group.First(s => s.ExecutionId == repeats[0].Execution);
            yield return new Finding(
                $"caching-repeated-scan-{repeats[0].Execution}", "caching", severity, "Same Input Scanned Repeatedly", [],
                [new Evidence("caching.repeatedScans", repeats.Length, "scans", $"{group.Key}: read in full by SQL queries {string.Join(", ", repeats.Select(r => r.Execution))}, {Fmt.Bytes(repeats.Sum(r => r.Bytes))} read in total")],
                "The same files are read and decoded by several queries; reading them once into a cache (or a narrower intermediate table) saves the repeats.",
                [new Recommendation(RecommendationKind.Code, $"Read {group.Key} once, select the needed columns, cache() it (or write an intermediate table), and reuse it; unpersist() after the last use")
                    { SqlExecutionId = first.ExecutionId, SqlNode = first.Node.SimpleString }])
            {
                SqlExecutionIds = repeats.Select(r => r.Execution).ToArray(),
                WhatWouldNotHelp = "More executors: the repeated work stays.",
                ExpectedImprovement = $"Next run: up to {Fmt.Bytes(saved)} less read from storage",
            };
        }
    }

    /// <summary>
    /// Stages that read the same input: bytes and records within 1 % of each other (a header line or a file's last block may
    /// differ between readers of the same files), the same number of input splits.
    /// </summary>
    private static IEnumerable<StageInfo[]> SameInput(IEnumerable<StageInfo> stages)
    {
        var current = new List<StageInfo>();
        foreach (var stage in stages.OrderBy(s => s.Tasks.InputBytes.Sum))
        {
            var first = current.FirstOrDefault();
            if (first is not null && (stage.Tasks.InputBytes.Sum > first.Tasks.InputBytes.Sum * 1.01 || stage.NumTasks != first.NumTasks
                || Math.Abs(stage.Tasks.InputRecords.Sum - first.Tasks.InputRecords.Sum) > first.Tasks.InputRecords.Sum * 0.01))
            {
                yield return current.OrderBy(s => s.StageId).ToArray();
                current = [];
            }

            current.Add(stage);
        }

        if (current.Count > 0)
        {
            yield return current.OrderBy(s => s.StageId).ToArray();
        }
    }

    /// <summary>Bytes the execution's stages read from storage; the scan node's figure when no stage of it is known.</summary>
    private static long ReadBy(AnalysisContext context, long executionId, double fallback)
    {
        var bytes = context.Run.Stages.Where(s => s.SqlExecutionId == executionId).Sum(s => s.Tasks.InputBytes.Sum);
        return bytes > 0 ? bytes : (long)fallback;
    }

    private static string? Location(IReadOnlyList<ScanNode> scanNodes, IReadOnlyList<StageInfo> stages)
    {
        var ids = stages.Select(s => s.SqlExecutionId).OfType<long>().ToHashSet();
        var locations = scanNodes.Where(n => ids.Contains(n.ExecutionId) && n.Location is { Length: > 0 }).Select(n => n.Location!).Distinct(StringComparer.Ordinal).ToArray();
        return locations.Length == 1 ? locations[0] : null;
    }
}
