using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static SparkOptimizer.Tests.Expert.JsonValues;
using static SparkOptimizer.Tests.Expert.ReportFindings;

namespace SparkOptimizer.Tests.Expert;

/// <summary>
/// check.py's consistency(): what a report must not say whatever the run (an ideal below the critical path, a ratio
/// against a zero median, an expectation equal to today's value, a Cost line without a figure, disk spill on stages
/// that spilled nothing, skew where the slowest task is near the median, a failure finding where nothing failed).
/// </summary>
internal static class ConsistencyRules
{
    private static readonly Regex CriticalPath = new(@"[Cc]ritical path[^:]*: ([^;\n]+); ideal[^:]*: ([^\n]+)", RegexOptions.CultureInvariant);
    private static readonly Regex ZeroMedianRatio = new(@"vs median 0 B \(x", RegexOptions.CultureInvariant);
    private static readonly Regex NearToday = new(@"near (\S+(?: \S+)?) \(now \1\)", RegexOptions.CultureInvariant);
    private static readonly Regex CostFigure = new(@"^Cost: .*(\$[0-9]|[0-9.]+ *(core|executor)[- ]?h)", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex Duration = new(@"([0-9.]+)\s*(ms|min|h|s)\b", RegexOptions.CultureInvariant);
    private static readonly Regex Released = new(
        "explicit termination|dynamic allocation|idle|decommission|requested by (the )?driver|killed by (the )?driver",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static List<string> Problems(string log, JsonNode doc, string text, IReadOnlyDictionary<string, IReadOnlyList<string>> kinds)
    {
        var problems = new List<string>();
        var stages = new Dictionary<double, JsonNode>();
        foreach (var stage in Items(Field(doc, "stages")).OfType<JsonNode>())
        {
            stages.TryAdd(Number(Field(stage, "stageId"))!.Value, stage);
        }

        if (CriticalPath.Match(text) is { Success: true } path && Seconds(path.Groups[2].Value) + 0.5 < Seconds(path.Groups[1].Value) * 0.99)
        {
            problems.Add($"{log}: ideal {path.Groups[2].Value.Trim()} below critical path {path.Groups[1].Value.Trim()}");
        }

        if (ZeroMedianRatio.IsMatch(text))
        {
            problems.Add($"{log}: a ratio against a zero median");
        }

        if (NearToday.Match(text) is { Success: true } near)
        {
            problems.Add($"{log}: an expectation equal to today's value ('near {near.Groups[1].Value} (now {near.Groups[1].Value})')");
        }

        if (!CostFigure.IsMatch(text))
        {
            problems.Add($"{log}: Cost line without a figure");
        }

        var totals = Field(doc, "totals");
        var failedAny = Truthy(Field(totals, "failedTasks")) || Truthy(Field(totals, "failedStages"));
        var lost = Items(Field(doc, "executors")).Any(e => Truthy(Field(e, "removedReason")) && !Released.IsMatch(Text(Field(e, "removedReason"))));
        var failureWords = kinds.TryGetValue("failure", out var w) ? w : [];
        foreach (var finding in Findings(doc))
        {
            var words = Words(finding);
            var ids = Items(Field(finding, "stageIds")).ToList();
            if (Text(Field(finding, "title")).ToLowerInvariant().Contains("disk spill", StringComparison.Ordinal)
                && ids.Count > 0 && ids.Sum(i => Number(Field(StageOf(stages, i), "diskSpilledBytes")) ?? 0) == 0)
            {
                problems.Add($"{log}: 'Disk Spill' on stage(s) [{string.Join(", ", ids.Take(3).Select(i => i?.ToJsonString()))}] that spilled nothing to disk");
            }

            if (words.Contains("skew", StringComparison.Ordinal))
            {
                foreach (var id in ids)
                {
                    var durations = Field(StageOf(stages, id), "taskDurationMs");
                    var (p50, max) = (Number(Field(durations, "p50")), Number(Field(durations, "max")));
                    if (Truthy(Field(durations, "p50")) && max is not null && max < 2.5 * p50)
                    {
                        problems.Add($"{log}: skew on stage {(long)Number(id)!.Value} whose slowest task is {PythonFormat.OneDecimal(max!.Value / p50!.Value)} x the median");
                        break;
                    }
                }
            }

            if (failureWords.Any(words.Contains) && SeverityOf(finding) >= 2 && !failedAny && !lost)
            {
                problems.Add($"{log}: a {Field(finding, "severity")?.GetValue<string>() ?? "None"} failure finding with no failed task or stage and no executor lost");
            }
        }

        return problems;
    }

    private static JsonNode? StageOf(Dictionary<double, JsonNode> stages, JsonNode? id) =>
        Number(id) is { } n && stages.TryGetValue(n, out var stage) ? stage : null;

    /// <summary>check.py's secs(): every "N ms|s|min|h" in the text, summed in order.</summary>
    private static double Seconds(string text)
    {
        var total = 0.0;
        foreach (Match m in Duration.Matches(text))
        {
            var unit = m.Groups[2].Value switch { "ms" => 0.001, "s" => 1, "min" => 60, _ => 3600 };
            total += double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * unit;
        }

        return total;
    }
}
