using System.Text.RegularExpressions;
using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>SQL executions by id with the shuffle keys of their joins and aggregates, for naming the key a skewed stage hashes on.</summary>
public sealed partial class PlanIndex
{
    private readonly Dictionary<long, SqlExecution> _executions;
    private readonly Dictionary<long, IReadOnlyList<PlanKey>> _keys = [];

    public PlanIndex(SparkRun run)
    {
        _executions = run.SqlExecutions.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.Last());
    }

    public SqlExecution? ExecutionOf(StageInfo stage) => stage.SqlExecutionId is { } id && _executions.TryGetValue(id, out var e) ? e : null;

    /// <summary>Shuffle joins first (the usual home of skew), then keyed aggregates; broadcast joins and keyless aggregates cannot skew a shuffle.</summary>
    public IReadOnlyList<PlanKey> ShuffleKeys(StageInfo stage)
    {
        if (ExecutionOf(stage) is not { } execution)
        {
            return [];
        }

        if (_keys.TryGetValue(execution.Id, out var cached))
        {
            return cached;
        }

        var keys = new List<PlanKey>();
        foreach (var node in execution.Nodes)
        {
            if (Parse(execution.Id, node) is { Keys.Count: > 0 } key && !node.NodeName.Contains("Broadcast", StringComparison.Ordinal))
            {
                keys.Add(key);
            }
        }

        var ordered = keys.OrderBy(k => k.IsJoin ? 0 : 1).DistinctBy(k => (k.Operator, k.KeyText)).ToArray();
        _keys[execution.Id] = ordered;
        return ordered;
    }

    /// <summary>"SortMergeJoin [a#12], [b#14], Inner" -> a, b; "HashAggregate(keys=[col1#1], ...)" -> col1.</summary>
    public static PlanKey? Parse(long executionId, SqlPlanNode node)
    {
        var name = node.NodeName.Trim();
        var s = node.SimpleString;
        if (name.Contains("Join", StringComparison.Ordinal) && !name.Contains("NestedLoop", StringComparison.Ordinal) && !name.Contains("Cartesian", StringComparison.Ordinal))
        {
            // Left keys pair with right keys: "a = b" when the sides name them differently.
            var groups = BracketGroups(s, 2).Select(g => SplitTopLevel(g).Select(Clean).Where(k => k.Length > 0).ToArray()).ToArray();
            var left = groups.ElementAtOrDefault(0) ?? [];
            var right = groups.ElementAtOrDefault(1) ?? [];
            var keys = left.Select((k, i) => i < right.Length && right[i] != k ? $"{k} = {right[i]}" : k).Distinct(StringComparer.Ordinal).ToArray();
            return new PlanKey(executionId, name, keys, s);
        }

        if (name.Contains("Aggregate", StringComparison.Ordinal))
        {
            var at = s.IndexOf("keys=[", StringComparison.Ordinal);
            if (at < 0)
            {
                return new PlanKey(executionId, name, [], s);
            }

            var groups = BracketGroups(s[(at + 5)..], 1);
            var keys = groups.SelectMany(SplitTopLevel).Select(Clean).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            return new PlanKey(executionId, name, keys, s);
        }

        return null;
    }

    private static List<string> BracketGroups(string s, int max)
    {
        var groups = new List<string>();
        var depth = 0;
        var begin = -1;
        for (var i = 0; i < s.Length && groups.Count < max; i++)
        {
            if (s[i] == '[')
            {
                if (depth++ == 0)
                {
                    begin = i + 1;
                }
            }
            else if (s[i] == ']' && depth > 0 && --depth == 0)
            {
                groups.Add(s[begin..i]);
            }
        }

        return groups;
    }

    private static IEnumerable<string> SplitTopLevel(string s)
    {
        var depth = 0;
        var begin = 0;
        for (var i = 0; i < s.Length; i++)
        {
            switch (s[i])
            {
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return s[begin..i];
                    begin = i + 1;
                    break;
            }
        }

        yield return s[begin..];
    }

    private static string Clean(string key) => ExprId().Replace(key.Trim(), string.Empty);

    // Spark appends expression ids ("customer_id#12", "amount#7L"); people know their columns without them.
    [GeneratedRegex(@"#\d+L?")]
    private static partial Regex ExprId();
}
