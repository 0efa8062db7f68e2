using System.Text.Json;
using System.Text.Json.Nodes;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Codecs;
using SparkOptimizer.Model;

namespace SparkOptimizer.Tests.Analysis;

/// <summary>
/// Copies a real event log (decoding its codec) as plain JSON lines, changing some SparkListenerTaskEnd events of one stage, so a test can plant skew, spill,
/// memory pressure or GC into a run that really happened and check the analyzers find exactly that.
/// </summary>
internal static class PlantedLog
{
    // SQL plans nest deeper than System.Text.Json's default 64 levels (a Databricks plan reaches about 100).
    private static readonly JsonDocumentOptions Deep = new() { MaxDepth = 1024 };
    private static readonly System.Text.Json.JsonSerializerOptions DeepWrite = new() { MaxDepth = 1024 };

    /// <summary>Rewrites <paramref name="source"/> into <paramref name="target"/>; <paramref name="mutate"/> gets the stage's task ends in file order (0, 1, ...).</summary>
    public static string Plant(string source, string target, int stageId, Action<int, JsonObject> mutate)
    {
        var ordinal = 0;
        using var writer = new StreamWriter(target);
        using var raw = File.OpenRead(source);
        using var decoded = new StreamReader(CodecStreams.OpenDecompressing(raw, source));
        while (decoded.ReadLine() is { } line)
        {
            JsonObject? node = null;
            try
            {
                node = JsonNode.Parse(line) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
            }

            if (node is not null && (string?)node["Event"] == "SparkListenerTaskEnd" && (int?)node["Stage ID"] == stageId
                && (string?)node["Task End Reason"]?["Reason"] == "Success")
            {
                mutate(ordinal++, node);
                writer.WriteLine(node.ToJsonString());
            }
            else
            {
                writer.WriteLine(line);
            }
        }

        return target;
    }

    /// <summary>Rewrites every event through <paramref name="map"/>, which may change it, drop it (empty) or add events after it.</summary>
    public static string PlantEvents(string source, string target, Func<JsonObject, IEnumerable<JsonObject>> map)
    {
        using var writer = new StreamWriter(target);
        using var raw = File.OpenRead(source);
        using var decoded = new StreamReader(CodecStreams.OpenDecompressing(raw, source));
        while (decoded.ReadLine() is { } line)
        {
            if (JsonNode.Parse(line, documentOptions: Deep) is JsonObject node)
            {
                foreach (var e in map(node))
                {
                    writer.WriteLine(e.ToJsonString(DeepWrite));
                }
            }
        }

        return target;
    }

    public static void SetFailure(JsonObject taskEnd, string reason, string className, string description)
    {
        taskEnd["Task End Reason"] = new JsonObject { ["Reason"] = reason, ["Class Name"] = className, ["Description"] = description };
        taskEnd["Task Info"]!["Failed"] = true;
    }

    public static SparkRun Read(string path) => new EventLogReader().Read(new LocalEventLogLocator().Locate(path)[0]);

    public static void SetDuration(JsonObject taskEnd, long ms)
    {
        var info = taskEnd["Task Info"]!.AsObject();
        info["Finish Time"] = (long)info["Launch Time"]! + ms;
        taskEnd["Task Metrics"]!["Executor Run Time"] = Math.Max(0, ms - 10);
    }

    public static void SetShuffleRead(JsonObject taskEnd, long bytes)
    {
        var read = taskEnd["Task Metrics"]!["Shuffle Read Metrics"]!.AsObject();
        read["Remote Bytes Read"] = bytes;
        read["Local Bytes Read"] = 0;
    }

    public static void SetSpill(JsonObject taskEnd, long memoryBytes, long diskBytes)
    {
        taskEnd["Task Metrics"]!["Memory Bytes Spilled"] = memoryBytes;
        taskEnd["Task Metrics"]!["Disk Bytes Spilled"] = diskBytes;
    }

    public static void SetGc(JsonObject taskEnd, double shareOfRunTime)
    {
        var metrics = taskEnd["Task Metrics"]!;
        metrics["JVM GC Time"] = (long)((long)metrics["Executor Run Time"]! * shareOfRunTime);
    }

    public static void SetPeak(JsonObject taskEnd, string metric, long value)
    {
        if (taskEnd["Task Executor Metrics"] is not JsonObject peaks)
        {
            taskEnd["Task Executor Metrics"] = peaks = [];
        }

        peaks[metric] = value;
    }
}
