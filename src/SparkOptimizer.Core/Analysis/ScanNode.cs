using System.Text.RegularExpressions;
using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>A file scan of a SQL plan: its format, location, and the metrics Spark records for it.</summary>
public sealed partial record ScanNode(long ExecutionId, SqlPlanNode Node, string Format, string? Location, long? FilesRead, long? BytesRead, long? Rows)
{
    public static IEnumerable<ScanNode> All(SparkRun run)
    {
        foreach (var execution in run.SqlExecutions)
        {
            foreach (var node in execution.Nodes)
            {
                if (!node.NodeName.StartsWith("Scan", StringComparison.Ordinal) && !node.SimpleString.StartsWith("FileScan", StringComparison.Ordinal))
                {
                    continue;
                }

                var format = node.Metadata.TryGetValue("Format", out var f) ? f : FormatRx().Match(node.SimpleString) is { Success: true } m ? m.Groups[1].Value : null;
                if (format is null)
                {
                    continue;
                }

                var location = node.Metadata.TryGetValue("Location", out var l) ? l : LocationRx().Match(node.SimpleString) is { Success: true } lm ? lm.Groups[1].Value : null;
                if (location is not null && IndexRx().Match(location) is { Success: true } im)
                {
                    // "InMemoryFileIndex(1 paths)[s3://bucket/path]" -> "s3://bucket/path": the path is what people recognise.
                    location = im.Groups[1].Value;
                }

                yield return new ScanNode(execution.Id, node, format.Trim(), location?.Trim(),
                    node.Metric("number of files read")?.Value, node.Metric("size of files read")?.Value, node.Metric("number of output rows")?.Value);
            }
        }
    }

    public bool IsRowFormat => Format.Equals("CSV", StringComparison.OrdinalIgnoreCase) || Format.Equals("JSON", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"Format: (\w+)")]
    private static partial Regex FormatRx();

    [GeneratedRegex(@"^\w+(?:\(\d+ paths\))?\[(.*)\]$")]
    private static partial Regex IndexRx();

    [GeneratedRegex(@"Location: \w+(?:\(\d+ paths\))?\[([^\]]*)\]")]
    private static partial Regex LocationRx();
}
