using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Expert;

/// <summary>Each corpus log analysed once per test process, on every core, largest first.</summary>
internal static class AnalyzedLogs
{
    private static readonly ConcurrentDictionary<string, Lazy<AnalyzedLog>> Cache = new(StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, AnalyzedLog> Get(IEnumerable<string> logs)
    {
        var distinct = logs.Distinct(StringComparer.Ordinal).OrderByDescending(SizeOf).ToArray();
        var partitioner = Partitioner.Create(distinct, EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(partitioner, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, log => Get(log));
        return distinct.ToDictionary(log => log, Get, StringComparer.Ordinal);
    }

    private static AnalyzedLog Get(string log) => Cache.GetOrAdd(log, l => new Lazy<AnalyzedLog>(() => Analyze(l))).Value;

    private static AnalyzedLog Analyze(string log)
    {
        string json, text;
        try
        {
            (json, text) = AnalyzeReports.Of(Corpus.Path(log));
        }
#pragma warning disable CA1031 // as the CLI's last line of defence: the run prints nothing, check.py sees no report
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new AnalyzedLog(log, null, "", $"{ex.GetType().Name}: {ex.Message}");
        }

        return new AnalyzedLog(log, Document(json), text, null);
    }

    /// <summary>check.py's reading of the JSON output: the first application of several, null when it is not JSON.</summary>
    private static JsonNode? Document(string json)
    {
        JsonNode? doc;
        try
        {
            doc = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        return doc is JsonObject o && o["applications"] is JsonArray { Count: > 0 } apps ? apps[0] : doc;
    }

    private static long SizeOf(string log)
    {
        var path = Corpus.Path(log);
        return Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
            : new FileInfo(path).Length;
    }
}
