using System.Text.Json.Nodes;

namespace SparkOptimizer.Testing;

/// <summary>
/// Copies of a real event log with fields set to hostile values (tracker issue 20): each line parsed, edited in place,
/// written back; an edit may also repeat the line. The taxi run on Kubernetes (4 executors, 39 tasks) is the default source.
/// </summary>
public static class HostileLog
{
    public const string Taxi = "mcp-apache-spark-history-server/events/eventlog_v2_spark-110be3a8424d4a2789cb88134418217b/events_1_spark-110be3a8424d4a2789cb88134418217b";

    /// <summary>Writes the edited copy; <paramref name="edit"/> gets each event and returns how many times to write it (0 drops it).</summary>
    public static string Write(string target, Func<JsonObject, int> edit, string source = Taxi)
    {
        using var output = new StreamWriter(target);
        foreach (var line in File.ReadLines(Corpus.Path(source)))
        {
            var node = JsonNode.Parse(line)!.AsObject();
            var times = edit(node);
            var text = node.ToJsonString();
            for (var i = 0; i < times; i++)
            {
                output.Write(text);
                output.Write('\n');
            }
        }

        return target;
    }

    /// <summary>Writes the copy with <paramref name="edit"/> applied to every event of one kind.</summary>
    public static string Edit(string target, string eventName, Action<JsonObject> edit, string source = Taxi) =>
        Write(target, e =>
        {
            if (e["Event"]?.GetValue<string>() == eventName)
            {
                edit(e);
            }

            return 1;
        }, source);
}
