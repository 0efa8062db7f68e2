using System.Globalization;
using System.Text.RegularExpressions;

namespace SparkOptimizer.Analysis.Levers;

/// <summary>
/// One SQL Exchange's partitioning as its plan node prints it: "Exchange hashpartitioning(id#1, 200), ENSURE_REQUIREMENTS",
/// "Exchange RoundRobinPartitioning(2), REPARTITION_BY_NUM", "Exchange SinglePartition, ENSURE_REQUIREMENTS".
/// </summary>
public sealed partial record ExchangePartitioning(string Scheme, int? Partitions, string? Origin, string Text)
{
    public bool IsSingle => Scheme == "SinglePartition";

    /// <summary>The node as a report shows it: without Spark's "[plan_id=N]", at most 160 characters.</summary>
    public string Display { get; } = Fmt.FirstLine(Text.IndexOf(", [plan_id", StringComparison.Ordinal) is > 0 and var i ? Text[..i] : Text, 160);

    /// <summary>A count the user wrote: repartition(n), repartition(n, col), coalesce via RoundRobin.</summary>
    public bool ByNumber => Origin == "REPARTITION_BY_NUM" || Scheme == "RoundRobinPartitioning";

    public static ExchangePartitioning? Parse(string nodeName, string simpleString)
    {
        if (!nodeName.Contains("Exchange", StringComparison.Ordinal) || nodeName.Contains("Broadcast", StringComparison.Ordinal)
            || nodeName.StartsWith("Reused", StringComparison.Ordinal))
        {
            return null;
        }

        var origin = OriginPattern().Match(simpleString) is { Success: true } o ? o.Value : null;
        if (simpleString.Contains("SinglePartition", StringComparison.Ordinal))
        {
            return new ExchangePartitioning("SinglePartition", 1, origin, simpleString);
        }

        if (SchemePattern().Match(simpleString) is { Success: true } m)
        {
            var n = int.TryParse(m.Groups["n"].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (int?)null;
            return new ExchangePartitioning(m.Groups["scheme"].Value, n, origin, simpleString);
        }

        return new ExchangePartitioning("unknown", null, origin, simpleString);
    }

    // hashpartitioning(a#1, b#2, 200) / rangepartitioning(a#1 ASC NULLS FIRST, 200) / RoundRobinPartitioning(2): the count is the last argument.
    [GeneratedRegex(@"(?<scheme>hashpartitioning|rangepartitioning|RoundRobinPartitioning|gpuhashpartitioning|gpurangepartitioning|GpuRoundRobinPartitioning)\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*?(?<n>\d+)\)", RegexOptions.IgnoreCase)]
    private static partial Regex SchemePattern();

    [GeneratedRegex(@"\b(ENSURE_REQUIREMENTS|REPARTITION_BY_NUM|REPARTITION_BY_COL|REBALANCE_PARTITIONS_BY_NONE|REBALANCE_PARTITIONS_BY_COL)\b")]
    private static partial Regex OriginPattern();
}
