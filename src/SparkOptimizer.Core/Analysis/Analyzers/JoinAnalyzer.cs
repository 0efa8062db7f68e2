using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>Sort-merge joins whose small side could broadcast, broadcasts that are too big, and nested-loop or cartesian joins.</summary>
public sealed class JoinAnalyzer : IAnalyzer
{
    public string Id => "joins";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var t = context.Thresholds;
        var env = context.Run.Environment;
        // -1 turns automatic broadcasts off: every small side is then a candidate.
        var threshold = env.Get("spark.sql.autoBroadcastJoinThreshold")?.Trim() == "-1" ? 0 : RunFacts.Size(env, "spark.sql.autoBroadcastJoinThreshold", 1) ?? 10 * ByteSize.MiB;
        var candidateMax = (long)t.Value("join.broadcastCandidateBytes");
        var candidates = new List<(long Execution, SqlPlanNode Join, long Small, long Big)>();
        var big = new List<(long Execution, SqlPlanNode Node, long Bytes)>();
        var loops = new List<(long Execution, SqlPlanNode Node, long? Rows)>();
        foreach (var execution in context.Run.SqlExecutions)
        {
            foreach (var node in execution.Nodes)
            {
                var name = node.NodeName;
                if ((name.Contains("SortMergeJoin", StringComparison.Ordinal) || name.Contains("ShuffledHashJoin", StringComparison.Ordinal)) && node.Children.Count == 2
                    && SideBytes(node.Children[0]) is { } left && SideBytes(node.Children[1]) is { } right)
                {
                    var small = Math.Min(left, right);
                    if (small > 0 && small <= candidateMax)
                    {
                        candidates.Add((execution.Id, node, small, Math.Max(left, right)));
                    }
                }
                else if (name.Contains("BroadcastExchange", StringComparison.Ordinal) && node.Metric("data size")?.Value is { } size && t.Rate("join.broadcastBytes", size) > Severity.None)
                {
                    big.Add((execution.Id, node, size));
                }
                else if (name.Contains("BroadcastNestedLoopJoin", StringComparison.Ordinal) || name.Contains("CartesianProduct", StringComparison.Ordinal))
                {
                    loops.Add((execution.Id, node, node.Metric("number of output rows")?.Value));
                }
            }
        }

        if (candidates.Count > 0 && BroadcastCandidates(context, candidates, threshold) is { } f1)
        {
            yield return f1;
        }

        foreach (var (execution, node, bytes) in big.OrderByDescending(b => b.Bytes).Take(3))
        {
            var severity = t.Rate("join.broadcastBytes", bytes);
            var hinted = bytes > threshold;
            yield return new Finding(
                $"join-large-broadcast-{execution}", "joins", severity, "Oversized Broadcast", [],
                [new Evidence("join.broadcastBytes", bytes, "bytes", $"SQL query {execution}: BroadcastExchange of {Fmt.Bytes(bytes)} (autoBroadcastJoinThreshold {Fmt.Bytes(threshold)})")],
                "A broadcast table is built on the driver and copied whole into every executor's memory; above a few hundred MiB that costs driver memory, network and executor heap on every node.",
                [hinted
                    ? new Recommendation(RecommendationKind.Code, $"Drop the broadcast hint on this join in SQL query {execution}: at {Fmt.Bytes(bytes)} a sort-merge join is safer") { SqlExecutionId = execution, SqlNode = node.SimpleString }
                    : new Recommendation(RecommendationKind.Config, $"Lower spark.sql.autoBroadcastJoinThreshold below {Fmt.Bytes(bytes)}",
                        new ConfigChange("spark.sql.autoBroadcastJoinThreshold", env.Get("spark.sql.autoBroadcastJoinThreshold"), new ByteSize(Math.Max(ByteSize.MiB, bytes / 2 / ByteSize.MiB * ByteSize.MiB)).ToSparkString(), $"SQL query {execution} broadcast {Fmt.Bytes(bytes)}") { Priority = severity })])
            {
                SqlExecutionIds = [execution],
                WhatWouldNotHelp = "More executors: each one receives a full copy.",
                ExpectedImprovement = $"Next run: SQL query {execution} without a broadcast of {Fmt.Bytes(bytes)}",
            };
        }

        foreach (var (execution, node, rows) in loops.Take(3))
        {
            var severity = rows is { } r ? SeverityScale.Max(t.Rate("join.nestedLoopRows", r), Severity.Low) : Severity.Moderate;
            yield return new Finding(
                $"join-nested-loop-{execution}-{node.NodeName.Trim()}", "joins", severity, $"{node.NodeName.Trim()} (no equi-join key)", [],
                [new Evidence("join.nestedLoopRows", rows ?? 0, "rows", $"SQL query {execution}: {node.SimpleString}" + (rows is { } n ? $", {Fmt.N(n)} output rows" : string.Empty))],
                "Without an equality condition Spark compares every row of one side with every row of the other: the cost grows with the product of the sides.",
                [new Recommendation(RecommendationKind.Code, $"Give the join in SQL query {execution} an equality condition (or bucket a range condition into equality keys plus a filter)") { SqlExecutionId = execution, SqlNode = node.SimpleString }])
            {
                SqlExecutionIds = [execution],
                WhatWouldNotHelp = "More partitions or executors: the work is quadratic.",
                ExpectedImprovement = $"Next run: SQL query {execution} plans a hash or sort-merge join instead of {node.NodeName.Trim()}",
            };
        }
    }

    private static Finding? BroadcastCandidates(AnalysisContext context, List<(long Execution, SqlPlanNode Join, long Small, long Big)> candidates, long threshold)
    {
        var t = context.Thresholds;
        var saved = candidates.Sum(c => c.Big);
        var severity = t.Rate("join.shuffleSavedBytes", saved);
        if (severity == Severity.None)
        {
            return null;
        }

        var env = context.Run.Environment;
        var largestSmall = candidates.Max(c => c.Small);
        var recs = new List<Recommendation>();
        if (largestSmall > threshold)
        {
            // Round up to a power of two MiB above the largest small side, never past the candidate ceiling.
            var mib = 1L;
            while (mib * ByteSize.MiB < largestSmall * 1.2)
            {
                mib *= 2;
            }

            var to = new ByteSize(Math.Min(mib * ByteSize.MiB, (long)t.Value("join.broadcastCandidateBytes") * 2)).ToSparkString();
            var why = $"the small sides of {candidates.Count} sort-merge joins are at most {Fmt.Bytes(largestSmall)}";
            recs.Add(new Recommendation(RecommendationKind.Config, $"Set spark.sql.autoBroadcastJoinThreshold={to}: {why}",
                new ConfigChange("spark.sql.autoBroadcastJoinThreshold", env.Get("spark.sql.autoBroadcastJoinThreshold"), to, why) { Priority = severity }));
        }

        foreach (var c in candidates.OrderByDescending(c => c.Big).Take(2))
        {
            recs.Add(new Recommendation(RecommendationKind.Code, $"Or hint it: broadcast() the {Fmt.Bytes(c.Small)} side of {c.Join.SimpleString} in SQL query {c.Execution}") { SqlExecutionId = c.Execution, SqlNode = c.Join.SimpleString });
        }

        return new Finding(
            "join-broadcast-candidates", "joins", severity, "Sort-Merge Joins That Could Broadcast", [],
            candidates.OrderByDescending(c => c.Big).Take(5).Select(c => new Evidence("join.smallSideBytes", c.Small, "bytes",
                $"SQL query {c.Execution}: {c.Join.SimpleString}: small side {Fmt.Bytes(c.Small)}, large side {Fmt.Bytes(c.Big)} shuffled")).ToArray(),
            "A sort-merge join shuffles and sorts both sides; when one side is small, broadcasting it skips the shuffle and sort of the large side.",
            recs)
        {
            SqlExecutionIds = candidates.Select(c => c.Execution).Distinct().ToArray(),
            WhatWouldNotHelp = "More shuffle partitions: the large side is still shuffled.",
            ExpectedImprovement = $"Up to {Fmt.Bytes(saved)} less shuffle per run",
        };
    }

    /// <summary>Bytes that reached a join side: the first shuffle exchange's data size, else the files its scan read.</summary>
    private static long? SideBytes(SqlPlanNode side)
    {
        var queue = new Queue<SqlPlanNode>([side]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (node.NodeName.Contains("Exchange", StringComparison.Ordinal) && node.Metric("data size")?.Value is { } size)
            {
                return size;
            }

            if (node.Metric("size of files read")?.Value is { } read && node.Children.Count == 0)
            {
                return read;
            }

            foreach (var child in node.Children)
            {
                queue.Enqueue(child);
            }
        }

        return null;
    }
}
